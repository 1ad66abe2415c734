import type { FaultRule } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it, vi } from 'vitest';
import { CloutilityError, ConnectionError, ServerError, TimeoutError } from '../src/index.js';
import {
  CONSUMERS,
  client,
  createConsumer,
  current,
  demoClient,
  hits,
  simulator,
} from './support.js';

const version = { method: 'GET', path: '/v1/fullVersion' } as const;

/** Waits for the simulator's counters to include requests whose delayed responses are still pending. */
const settled = (check: () => void, timeout = 60_000) =>
  vi.waitFor(check, { timeout, interval: 25 });

describe('retries of idempotent requests', () => {
  it('retries a GET on 503 and honours Retry-After', async () => {
    await simulator({
      seed: 'empty',
      faults: [{ path: '/v1/fullVersion', status: 503, headers: { 'Retry-After': '1' }, times: 1 }],
    });
    const c = client();
    const started = Date.now();
    expect(await c.request(version)).toBe('1.0.4480.0');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950); // waited as asked, not the 10 ms backoff
    expect(hits('GET /v1/fullVersion')).toBe(2);
  });

  it.each([408, 429, 500, 502, 504])('retries a GET on %i', async (status) => {
    await simulator({ seed: 'empty', faults: [{ path: '/v1/fullVersion', status, times: 2 }] });
    expect(await client().request(version)).toBe('1.0.4480.0');
    expect(hits('GET /v1/fullVersion')).toBe(3);
  });

  it('retries a GET after a dropped connection', async () => {
    await simulator({
      seed: 'empty',
      faults: [{ path: '/v1/fullVersion', mode: 'drop', times: 1 }],
    });
    expect(await client().request(version)).toBe('1.0.4480.0');
    expect(hits('GET /v1/fullVersion')).toBe(2);
  });

  it('gives up after the configured retries with the last error', async () => {
    await simulator({ seed: 'empty', faults: [{ path: '/v1/fullVersion', status: 503 }] });
    const error = await rejectionOf<ServerError>(
      client({ retry: { retries: 2, baseDelayMs: 5 } }).request(version),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(503);
    expect(error.mayHaveBeenApplied).toBe(false);
    expect(hits('GET /v1/fullVersion')).toBe(3);
  });

  it('does not retry other client errors', async () => {
    await simulator({
      seed: 'empty',
      faults: [{ path: '/v1/fullVersion', status: 409, times: 1 }],
    });
    await expect(client().request(version)).rejects.toMatchObject({
      name: 'ConflictError',
      status: 409,
    });
    expect(hits('GET /v1/fullVersion')).toBe(1);
  });

  it('does not wait for a Retry-After beyond the limit', async () => {
    await simulator({
      seed: 'empty',
      faults: [{ path: '/v1/fullVersion', status: 429, headers: { 'Retry-After': '3600' } }],
    });
    const error = await rejectionOf<Error>(client().request(version));
    expect(error).toMatchObject({ name: 'RateLimitError', retryAfterMs: 3_600_000 });
    expect(hits('GET /v1/fullVersion')).toBe(1);
  });

  it('retry: false sends exactly once', async () => {
    await simulator({ seed: 'empty', faults: [{ path: '/v1/fullVersion', status: 503 }] });
    await expect(client({ retry: false }).request(version)).rejects.toBeInstanceOf(ServerError);
    expect(hits('GET /v1/fullVersion')).toBe(1);
  });
});

/**
 * Signs in on the demo seed, makes `POST .../consumers` meet `fault` and creates `name` with a
 * client of `options`: the client, the unit and the error.
 */
async function failedCreate<E>(fault: Omit<FaultRule, 'path'>, name: string, options = {}) {
  const { c, bunitId } = await demoClient(options);
  current.sim.faults.add({ method: 'POST', path: CONSUMERS, ...fault });
  return { c, bunitId, error: await rejectionOf<E>(c.request(createConsumer(bunitId, name))) };
}

describe('writes are never retried blindly', () => {
  it('a POST that got a 503 after being applied is not retried and says it may have been applied', async () => {
    const { c, bunitId, error } = await failedCreate<ServerError>(
      { status: 503, mode: 'apply-then-fail', times: 1 },
      'web-07',
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.message).toContain('may have been applied');
    expect(hits('POST /v1/bunits/{bunitId}/consumers')).toBe(1);
    const after = await c.request<{ items: { name: string }[] }>({
      method: 'GET',
      path: CONSUMERS,
      pathParams: { bunitId },
    });
    expect(after.items.filter((x) => x.name === 'web-07')).toHaveLength(1);
  });

  it('a POST whose connection dropped is a ConnectionError that may have been applied', async () => {
    const { error } = await failedCreate<ConnectionError>({ mode: 'drop', times: 1 }, 'web-08');
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(hits('POST /v1/bunits/{bunitId}/consumers')).toBe(1);
  });

  it('a GET declared non-idempotent (activation) is not retried', async () => {
    await simulator({ seed: 'empty', faults: [{ path: '/v1/fullVersion', status: 503 }] });
    const error = await rejectionOf<ServerError>(
      client().request({ ...version, idempotent: false }),
    );
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(hits('GET /v1/fullVersion')).toBe(1);
  });

  it('a POST is retried when it never left because the token request failed', async () => {
    await simulator({ seed: 'empty', faults: [{ path: '/v1/oauth', status: 503, times: 1 }] });
    const c = client();
    const me = await c.request<{ businessUnit: { id: number } }>({ method: 'GET', path: '/v1/me' });
    expect(me.businessUnit.id).toBeGreaterThan(0);
    current.sim.faults.add({ path: '/v1/oauth', mode: 'drop', times: 1 });
    c.auth.invalidate();
    const created = await c.request<{ id: number }>(
      createConsumer(me.businessUnit.id, 'after-token-failure'),
    );
    expect(created.id).toBeGreaterThan(0);
    expect(hits('POST /v1/bunits/{bunitId}/consumers')).toBe(1);
  });
});

describe('timeouts and cancellation', () => {
  it('each attempt has its own timeout; a slow GET is retried', async () => {
    await simulator({
      seed: 'empty',
      faults: [{ path: '/v1/fullVersion', latencyMs: 5000, times: 2 }],
    });
    // Room for the third attempt's answer on a busy machine; the slow ones take far longer.
    const c = client({ timeoutMs: 1500 });
    expect(await c.request(version)).toBe('1.0.4480.0');
    // The simulator logs a request when its (delayed) response is decided.
    await settled(() => expect(hits('GET /v1/fullVersion')).toBe(3));
  });

  it('a timeout of several seconds ends the attempt with the same typed error', async () => {
    await simulator({
      seed: 'empty',
      faults: [{ path: '/v1/fullVersion', latencyMs: 8000, times: 1 }],
    });
    const c = client({ timeoutMs: 5000, retry: false });
    await c.auth.getToken();
    const error = await rejectionOf<TimeoutError>(c.request(version));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('timed out after 5000 ms');
    await c.close();
  });

  it('a slow POST times out once and may have been applied', async () => {
    const { error } = await failedCreate<TimeoutError>({ latencyMs: 1000 }, 'slow', {
      timeoutMs: 200,
    });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.message).toContain('timed out after 200 ms');
    await settled(() => expect(hits('POST /v1/bunits/{bunitId}/consumers')).toBe(1));
  });

  it("the caller's AbortSignal cancels the request and its retries", async () => {
    await simulator({ seed: 'empty', faults: [{ path: '/v1/fullVersion', latencyMs: 5000 }] });
    const c = client();
    await c.auth.getToken();
    const error = await rejectionOf<Error>(
      c.request({ ...version, signal: AbortSignal.timeout(150) }),
    );
    // the signal's own reason, rethrown as is (a DOMException), not a retried CloutilityError
    expect(error).toBeInstanceOf(DOMException);
    expect(error).not.toBeInstanceOf(CloutilityError);
    await settled(() => expect(hits('GET /v1/fullVersion')).toBe(1));
  });

  it('an abort during the backoff stops the retries', async () => {
    await simulator({
      seed: 'empty',
      faults: [{ path: '/v1/fullVersion', status: 503, headers: { 'Retry-After': '5' } }],
    });
    const controller = new AbortController();
    const pending = client().request({ ...version, signal: controller.signal });
    const outcome = pending.catch((error: unknown) => error);
    // Abort once the first attempt was answered, i.e. during the 5 s backoff (not after a fixed
    // delay, which on a busy machine may come before the first attempt was even sent).
    await settled(() => expect(hits('GET /v1/fullVersion')).toBe(1));
    controller.abort(new Error('stop'));
    expect(await outcome).toMatchObject({ message: 'stop' });
    expect(hits('GET /v1/fullVersion')).toBe(1);
  });

  it('an unreachable server is a ConnectionError', async () => {
    const sim = await simulator({ seed: 'empty' });
    const url = sim.url;
    await sim.stop();
    const error = await rejectionOf<ConnectionError>(
      client({ baseUrl: url, retry: { retries: 1, baseDelayMs: 5 } }).request(version),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/no response \(ECONNREFUSED\)/);
    await simulator({ seed: 'empty' }); // afterEach stops a running one
  });
});
