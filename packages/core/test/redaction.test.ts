import { inspect } from 'node:util';
import { demoCredentials } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { createClient, createPasswordAuth, type TokenSnapshot } from '../src/index.js';
import { client, current, homeUnitAndConsumer, simulator } from './support.js';

describe('secrets never leak', () => {
  it('not in errors, JSON, inspect, the client, or the debug log', async () => {
    const sim = await simulator();
    const lines: string[] = [];
    const tokens: TokenSnapshot[] = [];
    const auth = createPasswordAuth({
      baseUrl: sim.url,
      clientId: demoCredentials.clientId,
      origin: demoCredentials.origin,
      username: demoCredentials.username,
      password: demoCredentials.password,
      onTokens: (t) => tokens.push(t),
      logger: (line) => lines.push(line),
    });
    const c = createClient({
      baseUrl: sim.url,
      clientId: demoCredentials.clientId,
      origin: demoCredentials.origin,
      auth,
      debug: (line) => lines.push(line),
      retry: { retries: 1, baseDelayMs: 5 },
    });
    const { bunitId, consumer } = await homeUnitAndConsumer(c);
    // An activated node's password comes back in the node resource.
    const node = await c
      .request<{ tsmPassword?: string }>({
        method: 'GET',
        path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node',
        pathParams: { bunitId, consumerId: consumer.id },
      })
      .catch(() => ({}) as { tsmPassword?: string });
    sim.clock.advance(300_000); // the server expires the token: a 401, then a refresh
    await c.request({ method: 'GET', path: '/v1/fullVersion' });
    current.sim.faults.add({ path: '/v1/fullVersion', status: 503 });
    const error = await rejectionOf<Error>(c.request({ method: 'GET', path: '/v1/fullVersion' }));

    const secrets = [
      demoCredentials.password,
      ...tokens.flatMap((t) => [t.accessToken, t.refreshToken ?? '']),
    ];
    if (node.tsmPassword) secrets.push(node.tsmPassword);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const surfaces = [
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      inspect(c, { depth: 10 }),
      JSON.stringify(c),
      inspect(auth, { depth: 10 }),
      lines.join('\n'),
    ];
    expect(lines.some((l) => l.includes('-> GET /v1/fullVersion'))).toBe(true);
    for (const secret of secrets.filter((s) => s.length > 3)) {
      for (const text of surfaces) expect(text).not.toContain(secret);
    }
  });

  it('debug: true writes to stderr, never stdout', async () => {
    await simulator({ seed: 'empty' });
    const out: string[] = [];
    const err: string[] = [];
    const stdout = process.stdout.write.bind(process.stdout);
    const stderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string) =>
      out.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) =>
      err.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      await client({ debug: true }).request({ method: 'GET', path: '/v1/fullVersion' });
    } finally {
      process.stdout.write = stdout;
      process.stderr.write = stderr;
    }
    expect(out.join('')).not.toContain('cloutapi');
    expect(err.join('')).toContain('cloutapi -> GET /v1/fullVersion');
    expect(err.join('')).not.toContain(demoCredentials.password);
  });
});
