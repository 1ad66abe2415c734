import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  NotFoundError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
} from '../src/index.js';
import { answerToken, json, loopbackClient, server } from './loopback.js';
import { createConsumer, current, demoClient, hits } from './support.js';

describe('a response body is read within a limit', () => {
  it('a body past maxResponseBytes is a ResponseTooLargeError, and a GET is not retried for it', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (answerToken(req, res)) return;
      // chunked: no Content-Length to refuse it by
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`[${'1,'.repeat(2000)}`);
      res.end('1]');
    });
    const error = await rejectionOf<ResponseTooLargeError>(
      loopbackClient(api.url, { maxResponseBytes: 1000 }).request({
        method: 'GET',
        path: '/v1/bunits',
      }),
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({
      limitBytes: 1000,
      status: 200,
      method: 'GET',
      path: '/v1/bunits',
    });
    expect(error.message).toContain('larger than the limit of 1000 bytes');
    expect(error.hint).toContain('raise maxResponseBytes');
    expect(api.seen.filter((r) => r.url === '/v1/bunits')).toHaveLength(1);
  });

  it('a declared Content-Length past the limit is refused before reading', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (answerToken(req, res)) return;
      // Promises 100 MB and sends one byte: waiting for the rest would hang.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '104857600' });
      res.write('[');
    });
    const c = loopbackClient(api.url, { maxResponseBytes: 1024 * 1024, timeoutMs: 60_000 });
    const error = await rejectionOf<ResponseTooLargeError>(
      c.request({ method: 'GET', path: '/v1/bunits' }),
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toContain('Content-Length 104857600');
  });

  it('a write answered with too large a body may have been applied', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (!answerToken(req, res)) json(res, 201, { padding: 'x'.repeat(5000) });
    });
    const error = await rejectionOf<ResponseTooLargeError>(
      loopbackClient(api.url, { maxResponseBytes: 1000 }).request(createConsumer(1, 'x')),
    );
    expect(error.mayHaveBeenApplied).toBe(true);
  });

  it('maxResponseBytes must be a positive number', () => {
    expect(() => loopbackClient('http://127.0.0.1:1', { maxResponseBytes: 0 })).toThrow(
      ConfigurationError,
    );
  });
});

describe('a total deadline', () => {
  it('a stalled server: the request ends at deadlineMs, and the message says so and what was spent', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      answerToken(req, res); // every other request stalls: no answer at all
    });
    const started = Date.now();
    const error = await rejectionOf<TimeoutError>(
      loopbackClient(api.url, { timeoutMs: 400, deadlineMs: 1000 }).request({
        method: 'GET',
        path: '/v1/me',
      }),
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    // Either the deadline fell during an attempt ("did not finish within the deadline"), or an
    // attempt's own timeout came first and no time was left for another: both name the deadline
    // and the time really spent.
    expect(error.message).toMatch(/^GET \/v1\/me (did not finish within|timed out after 400 ms)/);
    expect(error.message).toContain('the deadline of 1000 ms');
    expect(error.message).toMatch(/\d attempts? in \d+\.\d s\)\.$/);
    expect(error.mayHaveBeenApplied).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(60_000); // catches a hang only
  });

  it('without a deadline, the message of the last failure states every attempt and the time spent', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      answerToken(req, res);
    });
    const error = await rejectionOf<TimeoutError>(
      loopbackClient(api.url, { timeoutMs: 200 }).request({ method: 'GET', path: '/v1/me' }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(
      /^GET \/v1\/me timed out after 200 ms \(gave up after 4 attempts in \d+\.\d s\)\.$/,
    );
    const spent = Number(error.message.match(/in (\d+\.\d) s/)?.[1]);
    expect(spent).toBeGreaterThanOrEqual(0.8);
  });

  it('a Retry-After beyond the deadline is not waited for', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (!answerToken(req, res))
        res.writeHead(503, { 'retry-after': '30', 'content-type': 'text/plain' }).end('busy');
    });
    const started = Date.now();
    const error = await rejectionOf<ServerError>(
      loopbackClient(api.url, { deadlineMs: 5000 }).request({ method: 'GET', path: '/v1/me' }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toContain(
      'no time left for another attempt within the deadline of 5000 ms',
    );
    expect(Date.now() - started).toBeLessThan(30_000); // did not wait the 30 s asked
    expect(api.seen.filter((r) => r.url === '/v1/me')).toHaveLength(1);
  });

  it('the deadline covers the wait for a token', async () => {
    const api = await server('127.0.0.1', () => {}); // the token endpoint stalls too
    const c = loopbackClient(api.url, { timeoutMs: 60_000, deadlineMs: 500 });
    const error = await rejectionOf<TimeoutError>(c.request({ method: 'GET', path: '/v1/me' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('deadline of 500 ms');
  });

  it('a per-request deadlineMs overrides the client one, and deadlineMs is checked', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      answerToken(req, res);
    });
    const error = await rejectionOf<TimeoutError>(
      loopbackClient(api.url, { deadlineMs: 60_000 }).request({
        method: 'GET',
        path: '/v1/me',
        deadlineMs: 300,
      }),
    );
    expect(error.message).toContain('deadline of 300 ms');
    expect(() => loopbackClient(api.url, { deadlineMs: -1 })).toThrow(ConfigurationError);
  });
});

describe('a DELETE that succeeded is not reported as 404', () => {
  const deleteConsumer = async (mode: 'apply-then-fail' | 'apply-then-drop') => {
    const { c, bunitId } = await demoClient();
    const created = await c.request<{ id: number }>(createConsumer(bunitId, `to-delete-${mode}`));
    current.sim.faults.add({
      method: 'DELETE',
      path: '/v1/bunits/{bunitId}/consumers/{consumerId}',
      ...(mode === 'apply-then-fail' ? { status: 503 } : {}),
      mode,
      times: 1,
    });
    const target = {
      method: 'DELETE',
      path: '/v1/bunits/{bunitId}/consumers/{consumerId}',
      pathParams: { bunitId, consumerId: created.id },
    } as const;
    return { c, target };
  };

  it.each(['apply-then-fail', 'apply-then-drop'] as const)(
    'deleted, then %s: the retry finds nothing and the delete resolves',
    async (mode) => {
      const { c, target } = await deleteConsumer(mode);
      await expect(c.request(target)).resolves.toBeUndefined();
      expect(hits('DELETE /v1/bunits/{bunitId}/consumers/{consumerId}')).toBe(2);
      // A later delete of the same object is a plain 404 again.
      await expect(c.request(target)).rejects.toBeInstanceOf(NotFoundError);
    },
  );

  it('a DELETE of something that never existed is still a NotFoundError', async () => {
    const { c, bunitId } = await demoClient();
    const error = await rejectionOf<NotFoundError>(
      c.request({
        method: 'DELETE',
        path: '/v1/bunits/{bunitId}/consumers/{consumerId}',
        pathParams: { bunitId, consumerId: 987654 },
      }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
