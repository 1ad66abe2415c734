import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
// The built package and the source are two separate copies of every class, as when npm installs
// two versions side by side: instanceof must still hold across them.
import * as builtCopy from '../dist/index.js';
import {
  AuthenticationError,
  CloutilityError,
  ConfigurationError,
  NotFoundError,
  REDACTED,
  redact,
  redactValue,
  registerSecret,
  registerSecretsIn,
  ServerError,
  ValidationError,
} from '../src/index.js';

describe('error hierarchy', () => {
  it('instanceof works by kind, also across two copies of the package', () => {
    const fromSource = new NotFoundError({ message: 'gone', status: 404 });
    const fromBuilt = new builtCopy.NotFoundError({ message: 'gone', status: 404 });
    expect(fromBuilt).toBeInstanceOf(NotFoundError);
    expect(fromBuilt).toBeInstanceOf(CloutilityError);
    expect(fromSource).toBeInstanceOf(builtCopy.NotFoundError);
    expect(fromSource).toBeInstanceOf(builtCopy.CloutilityError);
    expect(fromSource).toBeInstanceOf(Error);
    expect(fromSource).not.toBeInstanceOf(AuthenticationError);
    expect(new ConfigurationError('origin', 'missing')).toBeInstanceOf(ValidationError);
    expect({}).not.toBeInstanceOf(CloutilityError);
  });

  it('carries status, code, messages, method and path template', () => {
    const fields = {
      message: 'GET /v1/bunits/{bunitId} failed with 503',
      status: 503,
      code: 'Unavailable',
      developerMessage: 'maintenance',
      method: 'GET',
      path: '/v1/bunits/{bunitId}',
    };
    const error = new ServerError(fields);
    expect(error.name).toBe('ServerError');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ServerError',
      ...fields,
      mayHaveBeenApplied: false,
    });
  });

  it('a hint says what to do next, redacted like the message, and is part of the JSON', () => {
    registerSecret('hint-secret-4411');
    const error = new ConfigurationError('origin', 'missing');
    expect(error.hint).toBeUndefined();
    expect('hint' in JSON.parse(JSON.stringify(error))).toBe(false);
    const hinted = new NotFoundError({
      message: 'GET /v1/bunits/{bunitId} failed with 404',
      hint: 'List the units with `cloutapi bunits list` (token hint-secret-4411).',
    });
    expect(hinted.hint).toBe(`List the units with \`cloutapi bunits list\` (token ${REDACTED}).`);
    expect(JSON.parse(JSON.stringify(hinted)).hint).toBe(hinted.hint);
    expect(inspect(hinted)).toContain('List the units');
  });
});

describe('redaction', () => {
  it('removes secrets by shape: bearer tokens, password fields, tsmPassword, tokens', () => {
    const text = redact(
      'Authorization: Bearer abc.def-123 password=hunter22&x=1 {"tsmPassword":"Node-Pass-1","access_token":"tok123456","refresh_token":"ref123456"}',
    );
    for (const secret of ['abc.def-123', 'hunter22', 'Node-Pass-1', 'tok123456', 'ref123456']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(REDACTED);
    expect(text).toContain('x=1');
  });

  it('removes registered secret values wherever they appear', () => {
    registerSecret('plain-value-7781');
    expect(redact('the server echoed plain-value-7781 back')).toBe(
      `the server echoed ${REDACTED} back`,
    );
    const error = new ValidationError({
      message: 'Password plain-value-7781 is too short',
      issues: [{ path: 'body.tsmPassword', message: 'plain-value-7781 is too short' }],
    });
    for (const text of [
      error.message,
      JSON.stringify(error),
      inspect(error),
      String(error.stack),
    ]) {
      expect(text).not.toContain('plain-value-7781');
    }
  });

  it('leaves short registered values alone, so ordinary words survive', () => {
    registerSecret('wrong');
    expect(redact('wrong username or password')).toBe('wrong username or password');
    expect(redact('password=wrong')).toBe(`password=${REDACTED}`);
  });

  it('redacts secret values, not ordinary words next to "password"', () => {
    const advice =
      'Set the password: CLOUTAPI_PASSWORD, "password:" in cloutility-api-client.yaml, or --password.';
    expect(redact(advice)).toBe(advice);
    expect(redact('Invalid option "password": missing the password')).toBe(
      'Invalid option "password": missing the password',
    );
    expect(redact('password: "hunter2 x"')).toBe(`password: "${REDACTED}"`);
    expect(redact('{"password": 12345678}')).toBe(`{"password": ${REDACTED}}`);
    expect(redact('?password=abc&next=1')).toBe(`?password=${REDACTED}&next=1`);
  });

  it('registers the secret fields of a value, however deep (node passwords)', () => {
    registerSecretsIn({ items: [{ node: { tsmPassword: 'Deep-Node-Pass-31' } }] });
    expect(redact('node password Deep-Node-Pass-31 rejected')).toBe(
      `node password ${REDACTED} rejected`,
    );
  });

  it('redacts secret fields in structured values', () => {
    expect(
      redactValue({ name: 'web01', tsmPassword: 'x1y2z3w4', nested: [{ password: 'p' }] }),
    ).toEqual({
      name: 'web01',
      tsmPassword: REDACTED,
      nested: [{ password: REDACTED }],
    });
  });
});
