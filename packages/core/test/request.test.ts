import { demoCredentials } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, NotFoundError, ValidationError } from '../src/index.js';
import { client, createConsumer, current, demoClient, hits, simulator } from './support.js';

describe('base URL', () => {
  it('accepts all four forms: with or without /v1, with or without a trailing slash', async () => {
    const sim = await simulator({ seed: 'empty' });
    for (const baseUrl of [sim.url, `${sim.url}/`, `${sim.url}/v1`, `${sim.url}/v1/`]) {
      const c = client({ baseUrl });
      expect(c.baseUrl).toBe(sim.url);
      expect(await c.request({ method: 'GET', path: '/v1/fullVersion' })).toBe('1.0.4480.0');
    }
    expect(hits('GET /v1/fullVersion')).toBe(4);
  });
});

describe('headers', () => {
  it('sends Origin and a bearer token on every API call, and Origin on the token request', async () => {
    const { c } = await demoClient({ userAgent: 'ops-script/2' });
    await c.request({ method: 'GET', path: '/v1/fullVersion' });
    const log = current.sim.stats.log;
    expect(log.length).toBeGreaterThan(3);
    for (const entry of log) {
      expect(entry.origin).toBe(demoCredentials.origin);
      expect(entry.userAgent).toMatch(/^ops-script\/2 cloutapi\/\S+ node\//);
      if (entry.path !== '/v1/oauth') expect(entry.bearer).toBe(true);
      expect(entry.status).toBe(200);
    }
  });
});

describe('query strings', () => {
  it('repeats a key for array values and sends dates as ISO 8601', async () => {
    const { c, bunitId, consumer } = await demoClient();
    const since = new Date('2026-10-01T00:00:00Z');
    const page = await c.request<{ items: { type: number }[] }>({
      method: 'GET',
      path: '/v1/bunits/{bunitId}/consumers/{consumerId}/auditlogs',
      pathParams: { bunitId, consumerId: consumer.id },
      query: { types: [100, 300], startTime: since, orderDesc: true, endTime: undefined },
    });
    for (const entry of page.items) expect([100, 300]).toContain(entry.type);
    const sent = current.sim.stats.log.find((e) => e.path.endsWith('/auditlogs'));
    expect(sent?.query).toEqual([
      ['types', '100'],
      ['types', '300'],
      ['startTime', '2026-10-01T00:00:00.000Z'],
      ['orderDesc', 'true'],
    ]);
  });

  it('URL-encodes path parameters', async () => {
    await simulator();
    const c = client();
    const error = await rejectionOf<Error>(
      c.request({ method: 'GET', path: '/v1/bunits/{bunitId}', pathParams: { bunitId: '1/../2' } }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(current.sim.stats.log.some((e) => e.path === '/v1/bunits/1%2F..%2F2')).toBe(true);
  });
});

describe('typed errors', () => {
  it('a 404 is a NotFoundError with status, code, message, method and path template', async () => {
    await simulator();
    const c = client();
    const error = await rejectionOf<NotFoundError>(
      c.request({ method: 'GET', path: '/v1/bunits/{bunitId}', pathParams: { bunitId: 999999 } }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.status).toBe(404);
    expect(error.code).toBeTruthy();
    expect(error.method).toBe('GET');
    expect(error.path).toBe('/v1/bunits/{bunitId}');
    expect(error.message).toContain('GET /v1/bunits/{bunitId} failed with 404');
    expect(error.mayHaveBeenApplied).toBe(false);
  });

  it('a 400 on a write is a ValidationError that was not applied, and is not retried', async () => {
    const { c, bunitId } = await demoClient();
    const error = await rejectionOf<ValidationError>(c.request(createConsumer(bunitId, 42)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(400);
    expect(error.mayHaveBeenApplied).toBe(false);
    expect(hits('POST /v1/bunits/{bunitId}/consumers')).toBe(1);
  });
});

describe('bad input is rejected before anything is sent', () => {
  it.each([
    ['origin', { origin: undefined }],
    ['baseUrl', { baseUrl: 'portal-api.example.net/v1' }],
    ['clientId', { clientId: '' }],
    ['authStrategy', { authStrategy: undefined }],
    ['auth', { auth: { hook: async () => undefined } }],
    ['credentials', { credentials: { username: 'a', password: 'b' } }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['retry.retries', { retry: { retries: -1 } }],
  ])('option %s', async (option, bad) => {
    await simulator({ seed: 'empty' });
    let error: unknown;
    try {
      client(bad as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect(current.sim.stats.log).toHaveLength(0);
  });

  it('a missing path parameter names it and sends nothing', async () => {
    await simulator({ seed: 'empty' });
    const error = await rejectionOf<ValidationError>(
      client().request({
        method: 'GET',
        path: '/v1/bunits/{bunitId}/consumers/{consumerId}',
        pathParams: { bunitId: 1 },
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([{ path: 'path.consumerId', message: 'required' }]);
    expect(current.sim.stats.log).toHaveLength(0);
  });
});
