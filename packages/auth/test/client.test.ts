import { inspect } from 'node:util';
import { AuthenticationError, type ClientOptions, createClient } from '@cloutapi/core';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { afterEach, describe, expect, it } from 'vitest';
import { createPasswordAuth, type TokenSnapshot } from '../src/index.js';

/** The password strategy as a client of `@cloutapi/core` uses it, against the simulator. */
const current: { sim: RunningSimulator } = { sim: undefined as unknown as RunningSimulator };
afterEach(async () => {
  await current.sim?.stop();
});

async function simulator(options: Parameters<typeof startSimulator>[0] = {}) {
  current.sim = await startSimulator({ seed: 'demo', ...options });
  return current.sim;
}

function client(overrides: Partial<ClientOptions<typeof createPasswordAuth>> = {}) {
  return createClient({
    baseUrl: current.sim.url,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    authStrategy: createPasswordAuth,
    auth: { username: demoCredentials.username, password: demoCredentials.password },
    retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  });
}

const hits = (route: string) => current.sim.stats.requests[route] ?? 0;

function manualClock(start = Date.now()) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

const version = { method: 'GET', path: '/v1/fullVersion' } as const;

describe('tokens on API calls', () => {
  it('a 401 invalidates the token, refreshes once and replays the call once', async () => {
    const sim = await simulator({ seed: 'empty' });
    const c = client();
    await c.request(version);
    // The server's clock passes the token's expiry while ours does not: the API answers 401.
    sim.clock.advance(300_000);
    expect(await c.request(version)).toBe('1.0.4480.0');
    expect(sim.stats.tokenGrants).toMatchObject({ password: 1, refresh: 1 });
    expect(hits('GET /v1/fullVersion')).toBe(3);
  });

  it('a second 401 with a fresh token is an AuthenticationError, not a loop', async () => {
    await simulator({ seed: 'empty', faults: [{ path: '/v1/fullVersion', status: 401 }] });
    const error = await rejectionOf<AuthenticationError>(client().request(version));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.reason).toBe('token_rejected');
    expect(error.status).toBe(401);
    expect(hits('GET /v1/fullVersion')).toBe(2);
    expect(hits('POST /v1/oauth')).toBe(2);
  });

  it('1000 concurrent calls across a token expiry cause exactly one token request', async () => {
    await simulator({ seed: 'empty' });
    const clock = manualClock();
    const c = client({
      auth: { username: demoCredentials.username, password: demoCredentials.password, clock },
      // 1000 requests in flight on a loaded machine may wait long for an answer; what this pins
      // is the count of token requests, not the per-attempt timeout.
      timeoutMs: 90_000,
    });
    await c.request(version);
    clock.advance(300_000);
    const results = await Promise.all(Array.from({ length: 1000 }, () => c.request(version)));
    expect(results.every((v) => v === '1.0.4480.0')).toBe(true);
    expect(current.sim.stats.tokenGrants).toMatchObject({ password: 1, refresh: 1 });
  });

  it('a wrong password fails every call fast with one token request each', async () => {
    await simulator({ seed: 'empty' });
    const c = client({ auth: { username: 'demo@reseller.example', password: 'wrong-password' } });
    for (let i = 1; i <= 3; i++) {
      await expect(c.request(version)).rejects.toMatchObject({ reason: 'bad_credentials' });
      expect(hits('POST /v1/oauth')).toBe(i);
    }
    expect(hits('GET /v1/fullVersion')).toBe(0);
  });
});

describe('token requests go through the client’s request layer', () => {
  it('the same fetch, user agent and debug log as the API calls', async () => {
    await simulator({ seed: 'empty' });
    const fetched: string[] = [];
    const lines: string[] = [];
    const c = client({
      userAgent: 'ops-script/2',
      fetch: (input, init) => {
        fetched.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
      debug: (line) => lines.push(line),
    });
    await c.request(version);
    expect(fetched).toEqual(['POST /v1/oauth', 'GET /v1/fullVersion']);
    for (const entry of current.sim.stats.log) {
      expect(entry.userAgent).toMatch(/^ops-script\/2 cloutapi\/\S+ node\//);
    }
    expect(lines).toContain('cloutapi -> POST /v1/oauth');
    expect(lines.some((l) => l.startsWith('cloutapi auth: password grant ok'))).toBe(true);
  });
});

describe('secrets never leak', () => {
  it('not in errors, JSON, inspect, the client, or the debug log', async () => {
    const sim = await simulator();
    const lines: string[] = [];
    const tokens: TokenSnapshot[] = [];
    const c = client({
      auth: {
        username: demoCredentials.username,
        password: demoCredentials.password,
        onTokens: (t) => tokens.push(t),
      },
      debug: (line) => lines.push(line),
      retry: { retries: 1, baseDelayMs: 5 },
    });
    // The seeded consumers live in the customer units below the home unit.
    const tree = await c.request<{ businessUnits?: { id: number }[] }>({
      method: 'GET',
      path: '/v1/bunits',
    });
    const bunitId = tree.businessUnits?.[0]?.id as number;
    const consumers = await c.request<{ items: { id: number }[] }>({
      method: 'GET',
      path: '/v1/bunits/{bunitId}/consumers',
      pathParams: { bunitId },
    });
    // An activated node's password comes back in the node resource.
    const { tsmPassword } = await c
      .request<{ tsmPassword?: string }>({
        method: 'GET',
        path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node',
        pathParams: { bunitId, consumerId: consumers.items[0]?.id as number },
      })
      .catch(() => ({}) as { tsmPassword?: string });
    sim.clock.advance(300_000); // the server expires the token: a 401, then a refresh
    await c.request(version);
    current.sim.faults.add({ path: '/v1/fullVersion', status: 503 });
    const error = await rejectionOf<Error>(c.request(version));

    const secrets = [
      demoCredentials.password,
      ...tokens.flatMap((t) => [t.accessToken, t.refreshToken ?? '']),
    ];
    if (tsmPassword) secrets.push(tsmPassword);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const surfaces = [
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      inspect(c, { depth: 10 }),
      JSON.stringify(c),
      lines.join('\n'),
    ];
    expect(lines.some((l) => l.includes('-> GET /v1/fullVersion'))).toBe(true);
    for (const secret of secrets.filter((s) => s.length > 3)) {
      for (const text of surfaces) expect(text).not.toContain(secret);
    }
  });
});
