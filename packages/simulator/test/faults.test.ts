import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../src/index.js';
import { type client, demo, startSignedIn } from './helpers.js';

describe('fault injection', () => {
  let sim: RunningSimulator;
  let api: ReturnType<typeof client>;
  let consumers: string;
  beforeAll(async () => {
    ({ sim, api } = await startSignedIn({ tokenTtlSeconds: 3600 }));
    consumers = `/v1/bunits/${demo(sim).unit('Globex Industries')}/consumers`;
  });
  beforeEach(() => sim.faults.clear());
  afterAll(() => sim.stop());

  it('answers with the status, the API error body and extra headers', async () => {
    const id = sim.faults.add({
      path: '/v1/bunits/{bunitId}/consumers',
      status: 429,
      headers: { 'Retry-After': '1' },
    });
    const res = await api.get(consumers);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body).toMatchObject({
      code: 'TooManyRequests',
      status: 429,
      message: expect.stringContaining(id),
    });
    // Other routes are untouched.
    expect((await api.get('/v1/fullVersion')).status).toBe(200);
  });

  it('matches concrete paths, methods and the * wildcard', async () => {
    sim.faults.add({ path: consumers, method: 'post', status: 500 });
    expect((await api.get(consumers)).status).toBe(200);
    expect((await api.post(consumers, { name: 'x' })).status).toBe(500);
    sim.faults.clear();
    sim.faults.add({ path: '*', status: 502 });
    expect((await api.get('/v1/me')).status).toBe(502);
  });

  it('applies to the next N requests only with times', async () => {
    sim.faults.add({ path: '/v1/fullVersion', status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.get('/v1/fullVersion')).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(sim.faults.list()).toEqual([]);
  });

  it('never applies with rate 0 and always with rate 1', async () => {
    sim.faults.add({ path: '/v1/fullVersion', status: 500, rate: 0 });
    expect((await api.get('/v1/fullVersion')).status).toBe(200);
    sim.faults.clear();
    sim.faults.add({ path: '/v1/fullVersion', status: 500, rate: 1 });
    expect((await api.get('/v1/fullVersion')).status).toBe(500);
  });

  it('adds latency, so client timeouts can be tested', async () => {
    // Held far longer than any test: only the client's timeout can end this one.
    sim.faults.add({ path: '/v1/fullVersion', latencyMs: 3_600_000, times: 1 });
    await expect(
      api.get('/v1/fullVersion', { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    sim.faults.clear();
    sim.faults.add({ path: '/v1/fullVersion', latencyMs: 300 });
    const slow = performance.now();
    const res = await api.get('/v1/fullVersion');
    expect(res.status).toBe(200);
    expect(performance.now() - slow).toBeGreaterThanOrEqual(290);
  });

  it('apply-then-fail commits the write and still answers 503', async () => {
    sim.faults.add({
      path: '/v1/bunits/{bunitId}/consumers',
      method: 'POST',
      mode: 'apply-then-fail',
      times: 1,
    });
    const before = sim.state.consumers.length;
    const res = await api.post(consumers, { name: 'ambiguous-1' });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('ServiceUnavailable');
    expect(sim.state.consumers.length).toBe(before + 1);
    expect(sim.state.consumers.at(-1)?.name).toBe('ambiguous-1');
  });

  it('drop destroys the connection without a response', async () => {
    sim.faults.add({ path: consumers, mode: 'drop', times: 1 });
    await expect(api.get(consumers)).rejects.toThrow(/fetch failed/);
    expect(sim.stats.log.at(-1)).toMatchObject({ path: consumers, status: 0 });
    expect((await api.get(consumers)).status).toBe(200);
  });

  it('apply-then-drop commits the write, then drops the connection', async () => {
    sim.faults.add({ path: consumers, method: 'POST', mode: 'apply-then-drop', times: 1 });
    await expect(api.post(consumers, { name: 'ambiguous-2' })).rejects.toThrow();
    expect(sim.state.consumers.at(-1)?.name).toBe('ambiguous-2');
  });

  it('rejects malformed rules', () => {
    expect(() => sim.faults.add({ path: '' })).toThrow(/path/);
    expect(() => sim.faults.add({ path: '*', rate: 2 })).toThrow(/rate/);
    expect(() => sim.faults.add({ path: '*', mode: 'explode' as 'drop' })).toThrow(/mode/);
  });

  it('takes initial rules from the options', async () => {
    const other = await startSignedIn({ faults: [{ path: '/v1/me', status: 500, times: 1 }] });
    try {
      expect((await other.api.get('/v1/me')).status).toBe(500);
      expect((await other.api.get('/v1/me')).status).toBe(200);
    } finally {
      await other.sim.stop();
    }
  });
});

describe('stats', () => {
  it('counts requests per route template and keeps a log without secrets', async () => {
    const { sim, api, token } = await startSignedIn();
    try {
      await api.get('/v1/bunits/11/consumers');
      await api.get('/v1/bunits/12/consumers?offset=0');
      await api.get('/v1/bunits/11/consumers/400/node');
      expect(sim.stats.requests).toEqual({
        'POST /v1/oauth': 1,
        'GET /v1/bunits/{bunitId}/consumers': 2,
        'GET /v1/bunits/{bunitId}/consumers/{consumerId}/node': 1,
      });
      expect(sim.stats.log.at(1)).toEqual({
        method: 'GET',
        path: '/v1/bunits/11/consumers',
        route: '/v1/bunits/{bunitId}/consumers',
        query: [],
        status: 200,
        origin: 'http://localhost',
        bearer: true,
        userAgent: 'node',
      });
      expect(sim.stats.log.at(2)?.query).toEqual([['offset', '0']]);
      expect(JSON.stringify(sim.stats)).not.toContain(token.access_token);
      sim.stats.reset();
      expect(sim.stats.requests).toEqual({});
      expect(sim.stats.log).toEqual([]);
    } finally {
      await sim.stop();
    }
  });
});
