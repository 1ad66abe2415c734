import { EnrollInput, findOperation, JobsSinceInput } from '@cloutapi/resources';
import { ValidationError } from '@cloutapi/resources/errors';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../src/errors.js';
import { deriveFlags, kebab } from '../src/flags/derive.js';
import { readFlags, usageFromIssues } from '../src/flags/read.js';
import { GLOBAL_FLAGS } from '../src/globals.js';

const flagsOf = (name: string) => deriveFlags(findOperation(name)!.input, GLOBAL_FLAGS);

describe("flags derived from an operation's input schema", () => {
  it('are kebab-case, typed, with the stem of ...Id and --since/--until as aliases', () => {
    const specs = flagsOf('audit.query');
    const by = Object.fromEntries(specs.map((s) => [s.field, s]));
    expect(by.bunitId).toMatchObject({
      name: 'bunit-id',
      aliases: ['bunit'],
      kind: 'integer',
      required: true,
    });
    expect(by.consumerId).toMatchObject({ name: 'consumer-id', aliases: ['consumer'] });
    expect(by.startTime).toMatchObject({
      name: 'start-time',
      aliases: ['since'],
      dateTime: true,
      required: false,
    });
    expect(by.endTime?.aliases).toEqual(['until']);
    expect(by.types).toMatchObject({
      kind: 'list',
      choices: ['info', 'create', 'modify', 'delete', 'error'],
    });
    expect(by.orderDesc).toMatchObject({ name: 'order-desc', kind: 'boolean' });
    expect(kebab('contentBase64')).toBe('content-base64');
    expect(kebab('tsmName')).toBe('tsm-name');
    expect(flagsOf('nodes.create').find((s) => s.field === 'operatingSystemId')?.aliases).toEqual([
      'operating-system',
    ]);
  });

  it('read numbers, lists and bare dates, and keep what does not parse for the schema to report', () => {
    const specs = flagsOf('audit.query');
    const { input, used } = readFlags(
      {
        bunit: '12',
        consumerId: '40',
        types: ['create', 'delete'],
        since: '2026-11-01',
        limit: 'ten',
      },
      specs,
    );
    expect(input).toEqual({
      bunitId: 12,
      consumerId: 40,
      types: ['create', 'delete'],
      startTime: '2026-11-01T00:00:00Z',
      limit: 'ten',
    });
    expect(used.get('bunitId')).toBe('bunit');
    expect(() => readFlags({ bunit: '1', bunitId: '2' }, specs)).toThrow(/--bunit-id and --bunit/);
  });

  it('name the flag as typed in validation errors', () => {
    const specs = flagsOf('consumers.get');
    const { used } = readFlags({ bunit: 'x' }, specs);
    const error = usageFromIssues(
      [
        { path: 'bunitId', message: 'expected the business unit id (a positive integer)' },
        { path: 'consumerId', message: 'required: expected the consumption unit (consumer) id' },
      ],
      specs,
      used,
      'consumers get',
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(exitCodeFor(error)).toBe(2);
    expect(error.message).toContain('--bunit: expected the business unit id');
    expect(error.message).toContain('--consumer-id: required');
    expect(error.issues.map((i) => i.path)).toEqual(['--bunit', '--consumer-id']);
    expect(error.hint).toContain('cloutapi consumers get --help');
  });

  it("work for the workflows' schemas too (jobs since)", () => {
    const specs = deriveFlags(JobsSinceInput.shape, GLOBAL_FLAGS);
    expect(specs.map((s) => s.name)).toEqual([
      'bunit-id',
      'consumer-id',
      'since',
      'until',
      'window-days',
    ]);
    expect(specs.find((s) => s.field === 'windowDays')?.defaultValue).toBe(7);
    expect(Object.keys(EnrollInput.shape)).toContain('nodeName');
  });
});
