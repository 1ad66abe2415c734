import type { ServerResponse } from 'node:http';
import { createClient, TimeoutError } from '@cloutapi/core';
import { rejectionOf } from '@cloutapi/vitest-config';
import { json, recordingServer as server } from '@cloutapi/vitest-config/loopback';
import { describe, expect, it } from 'vitest';
import { createPasswordAuth } from '../src/index.js';

/**
 * A token endpoint that accepts each request and answers none until the test says so. A held
 * request's `closed` resolves when the client drops the connection: the server never does, and
 * the per-attempt timeout is an hour, so only an abort on the client's side can.
 */
async function stalledTokenEndpoint() {
  const held: { res: ServerResponse; closed: Promise<void> }[] = [];
  const waiting: (() => void)[] = [];
  const api = await server('127.0.0.1', (req, res) => {
    if (req.url !== '/v1/oauth') return void json(res, 404, {});
    held.push({ res, closed: new Promise((done) => res.on('close', () => done())) });
    for (const wake of waiting.splice(0)) wake();
  });
  /** The `n`th token request (1-based), once it has arrived. */
  const request = async (n: number) => {
    while (held.length < n) await new Promise<void>((wake) => waiting.push(wake));
    return held[n - 1] as (typeof held)[number];
  };
  return { url: api.url, request, arrived: () => held.length };
}

const options = (baseUrl: string) => ({
  baseUrl,
  clientId: 'client-1',
  origin: 'https://service.example.com',
  username: 'ops@example.net',
  password: 'stalled-endpoint-password',
  timeoutMs: 3_600_000,
});

describe('a token request nobody waits for any more is aborted', () => {
  it('a call past its deadline aborts the token request it waited for: the connection is closed', async () => {
    const api = await stalledTokenEndpoint();
    const { username, password, ...connection } = options(api.url);
    const client = createClient({
      ...connection,
      authStrategy: createPasswordAuth,
      auth: { username, password },
      deadlineMs: 300,
    });
    const error = await rejectionOf<TimeoutError>(
      client.request({ method: 'GET', path: '/v1/me' }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('the deadline of 300 ms');
    // Left open, the socket would keep the process alive for the hour of the per-attempt timeout.
    // On a busy machine the deadline may come before the request was sent: then nothing is open.
    if (api.arrived() > 0) await (await api.request(1)).closed;
  }, 20_000);

  it('once the last caller has given up; the next caller starts a new token request', async () => {
    const api = await stalledTokenEndpoint();
    const auth = createPasswordAuth(options(api.url));
    const callers = [new AbortController(), new AbortController()];
    const waits = callers.map((c) => auth.getToken({ signal: c.signal }));
    const first = await api.request(1);
    for (const [i, caller] of callers.entries()) {
      caller.abort(new Error(`caller ${i} gave up`));
      await expect(waits[i]).rejects.toThrow(`caller ${i} gave up`);
    }
    await first.closed;
    const next = auth.getToken();
    json((await api.request(2)).res, 200, { access_token: 'fresh-access-token', expires_in: 299 });
    expect(await next).toBe('fresh-access-token');
  }, 20_000);
});
