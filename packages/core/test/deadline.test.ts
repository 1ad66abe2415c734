import type { ServerResponse } from 'node:http';
import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_MS, ServerError, TimeoutError } from '../src/index.js';
import { answerToken, loopbackClient, server } from './loopback.js';

/** An API that signs in and then holds every call open, for as long as the client keeps it. */
async function stallingApi() {
  const held: Promise<void>[] = [];
  const api = await server('127.0.0.1', (req, res: ServerResponse) => {
    if (!answerToken(req, res)) held.push(new Promise((closed) => res.on('close', closed)));
  });
  return { url: api.url, held };
}

describe('every request has a total deadline', () => {
  it(`without deadlineMs it is DEFAULT_DEADLINE_MS (${DEFAULT_DEADLINE_MS} ms): a wait past it is not started`, async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (!answerToken(req, res)) {
        res.writeHead(503, { 'retry-after': '120', 'content-type': 'text/plain' }).end('busy');
      }
    });
    // Retry-After up to an hour would be waited for; only the default deadline stops it.
    const client = loopbackClient(api.url, { retry: { maxRetryAfterMs: 3_600_000 } });
    const error = await rejectionOf<ServerError>(client.request({ method: 'GET', path: '/v1/me' }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toContain(
      `no time left for another attempt within the deadline of ${DEFAULT_DEADLINE_MS} ms`,
    );
    expect(api.seen.filter((r) => r.url === '/v1/me')).toHaveLength(1);
  }, 20_000);

  it("a stalled API: the request ends at its deadline, not its attempts' timeouts, and drops the connection", async () => {
    const api = await stallingApi();
    // Each of 11 attempts could take an hour: only the total deadline ends the call.
    const client = loopbackClient(api.url, {
      timeoutMs: 3_600_000,
      deadlineMs: 400,
      retry: { retries: 10, baseDelayMs: 10, maxDelayMs: 10 },
    });
    const error = await rejectionOf<TimeoutError>(
      client.request({ method: 'GET', path: '/v1/me' }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/^GET \/v1\/me did not finish within the deadline of 400 ms/);
    // The server never lets go: the client dropped the stalled connection when the deadline passed.
    await Promise.all(api.held);
  }, 20_000);
});
