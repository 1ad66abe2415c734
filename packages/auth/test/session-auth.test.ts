import { inspect } from 'node:util';
import {
  AuthenticationError,
  type AuthOptionsOf,
  type ClientOptions,
  ConfigurationError,
  createClient,
  ServerError,
} from '@cloutapi/core';
import {
  createClock,
  demoCredentials,
  FULL_VERSION,
  NO_REFRESH_CLIENT_ID,
  type RunningSimulator,
  startSimulator,
} from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { json, recordingServer } from '@cloutapi/vitest-config/loopback';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPasswordAuth,
  createSessionAuth,
  type SessionAuth,
  type SessionAuthOptions,
  type TokenSnapshot,
} from '../src/index.js';

/**
 * The session strategy as a team server uses it: a person signs in once (A1, with the password
 * strategy), the server keeps only the refresh token, and later calls make a session strategy
 * from it. Against the simulator; every clock is a frozen one, moved by the test.
 */
const START = '2026-03-02T09:00:00.000Z';
const { clientId, origin } = demoCredentials;

let sim: RunningSimulator;
afterEach(async () => {
  await sim?.stop();
});

/** The simulator on its own frozen clock, and a separate frozen clock for the strategies. */
async function setUp(options: Parameters<typeof startSimulator>[0] = {}) {
  sim = await startSimulator({
    seed: 'empty',
    clock: createClock({ now: START, frozen: true }),
    ...options,
  });
  const ours = createClock({ now: START, frozen: true });
  return { ours, now: () => ours.now().getTime() };
}

/** A person's sign-in with the password (A1), once: the tokens a team server would keep. */
async function signIn(now: () => number, client: string = clientId): Promise<TokenSnapshot> {
  const kept: TokenSnapshot[] = [];
  const auth = createPasswordAuth({
    ...demoCredentials,
    clientId: client,
    baseUrl: sim.url,
    clock: now,
    onTokens: (tokens) => kept.push(tokens),
  });
  await auth.getToken();
  const [tokens] = kept;
  if (!tokens?.refreshToken) throw new Error('the sign-in kept no refresh token');
  return tokens;
}

function session(options: Partial<SessionAuthOptions> & Pick<SessionAuthOptions, 'refreshToken'>) {
  return createSessionAuth({ baseUrl: sim.url, clientId, origin, ...options });
}

/** A client of `@cloutapi/core` with the session strategy: what a team server makes per call. */
function sessionClient(
  auth: AuthOptionsOf<typeof createSessionAuth>,
  more: Partial<ClientOptions<typeof createSessionAuth>> = {},
) {
  const client = createClient({
    baseUrl: sim.url,
    clientId,
    origin,
    authStrategy: createSessionAuth,
    auth,
    ...more,
  });
  return { client, auth: client.auth as SessionAuth };
}

const tokenRequests = () => sim.stats.log.filter((e) => e.path === '/v1/oauth');
const version = { method: 'GET', path: '/v1/fullVersion' } as const;

describe('a session from its refresh token alone', () => {
  it('gets its access token with one refresh grant, and API calls through createClient work', async () => {
    const { now } = await setUp();
    const { refreshToken } = await signIn(now);
    const { client, auth } = sessionClient({ refreshToken: refreshToken as string, clock: now });
    expect(await client.request(version)).toBe(FULL_VERSION);
    expect(await client.request(version)).toBe(FULL_VERSION);
    expect(sim.stats.tokenGrants).toMatchObject({ password: 1, refresh: 1, failed: 0 });
    expect(auth.stats()).toEqual({ refreshGrants: 1 });
    const refresh = tokenRequests()[1];
    expect(refresh?.method).toBe('POST');
    expect(refresh?.origin).toBe(origin);
    // Nothing but the refresh token is held: no bearer goes with the first refresh.
    expect(refresh?.bearer).toBe(false);
    const calls = sim.stats.log.filter((e) => e.path === '/v1/fullVersion');
    expect(calls.map((e) => [e.status, e.bearer])).toEqual([
      [200, true],
      [200, true],
    ]);
  });

  it('reports each grant to onTokens and works alone, without a client', async () => {
    const { now } = await setUp();
    const saved = await signIn(now);
    const seen: TokenSnapshot[] = [];
    const auth = session({
      refreshToken: saved.refreshToken as string,
      clock: now,
      onTokens: (t) => seen.push(t),
    });
    const token = await auth.getToken();
    expect(token).not.toBe(saved.accessToken);
    // The portal's refresh grant answers with the same refresh token; it is kept and reported.
    expect(seen).toEqual([
      { accessToken: token, refreshToken: saved.refreshToken, expiresAt: now() + 269_000 },
    ]);
    expect(auth.stats()).toEqual({ refreshGrants: 1 });
  });

  it('after a 401 from the API (the portal expired the token first), refreshes once and replays the call once', async () => {
    const { now } = await setUp();
    const { refreshToken } = await signIn(now);
    const { client, auth } = sessionClient({ refreshToken: refreshToken as string, clock: now });
    await client.request(version);
    sim.clock.advance(300_000); // the portal's clock only: ours still holds the token valid
    expect(await client.request(version)).toBe(FULL_VERSION);
    expect(auth.stats()).toEqual({ refreshGrants: 2 });
    expect(sim.stats.requests['GET /v1/fullVersion']).toBe(3);
    // The rejected token is forgotten: it does not go along with the refresh.
    expect(tokenRequests()[2]?.bearer).toBe(false);
  });
});

describe('initial tokens', () => {
  it('a still valid access token is used until its expiresAt: no grant before, one after', async () => {
    const { ours, now } = await setUp();
    const saved = await signIn(now);
    const before = tokenRequests().length;
    const { client, auth } = sessionClient({
      refreshToken: saved.refreshToken as string,
      initialTokens: saved,
      clock: now,
    });
    expect(await client.request(version)).toBe(FULL_VERSION);
    ours.set(new Date(saved.expiresAt - 1));
    expect(await auth.getToken()).toBe(saved.accessToken);
    expect(tokenRequests()).toHaveLength(before);
    expect(auth.stats()).toEqual({ refreshGrants: 0 });

    ours.set(new Date(saved.expiresAt));
    const fresh = await auth.getToken();
    expect(fresh).not.toBe(saved.accessToken);
    expect(tokenRequests()).toHaveLength(before + 1);
    expect(sim.stats.tokenGrants).toMatchObject({ password: 1, refresh: 1 });
  });
});

describe('expiry and single-flight', () => {
  it('1000 concurrent callers with an expired token cause exactly one refresh grant', async () => {
    const { ours, now } = await setUp();
    const { refreshToken } = await signIn(now);
    const auth = session({ refreshToken: refreshToken as string, clock: now });
    const first = await auth.getToken();
    ours.advance(300_000);
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => auth.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first);
    expect(auth.stats()).toEqual({ refreshGrants: 2 });
    expect(sim.stats.tokenGrants).toMatchObject({ password: 1, refresh: 2 });
    // The expired bearer goes along with the refresh, as the guide does.
    expect(tokenRequests()[2]?.bearer).toBe(true);
  });

  it('is measured from when the refresh was sent, minus the margin (default 30 s)', async () => {
    const { ours, now } = await setUp({ tokenTtlSeconds: 100 });
    const { refreshToken } = await signIn(now);
    // Each answer takes 20 s on our clock: expiry must not start counting on arrival.
    const slowFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      ours.advance(20_000);
      return response;
    };
    const auth = session({ refreshToken: refreshToken as string, clock: now, fetch: slowFetch });
    const sentAt = now();
    const first = await auth.getToken();
    ours.set(new Date(sentAt + 69_999)); // sent + 100 s - 30 s margin - 1 ms
    expect(await auth.getToken()).toBe(first);
    ours.set(new Date(sentAt + 70_000));
    expect(await auth.getToken()).not.toBe(first);
    expect(auth.stats()).toEqual({ refreshGrants: 2 });
  });

  it('keeps a new refresh token the portal answers with, and sends it next time', async () => {
    let issued = 0;
    const portal = await recordingServer('127.0.0.1', (_, res) => {
      issued++;
      json(res, 200, {
        access_token: `access-${issued}-0123456789`,
        refresh_token: `refresh-${issued}-0123456789`,
        expires_in: 299,
      });
    });
    let now = Date.parse(START);
    const seen: TokenSnapshot[] = [];
    const auth = createSessionAuth({
      baseUrl: portal.url,
      clientId,
      origin,
      refreshToken: 'refresh-0-0123456789',
      clock: () => now,
      onTokens: (t) => seen.push(t),
    });
    expect(await auth.getToken()).toBe('access-1-0123456789');
    now += 300_000;
    expect(await auth.getToken()).toBe('access-2-0123456789');
    const sent = portal.seen.map((r) => new URLSearchParams(r.body).get('refresh_token'));
    expect(sent).toEqual(['refresh-0-0123456789', 'refresh-1-0123456789']);
    expect(seen.map((t) => t.refreshToken)).toEqual([
      'refresh-1-0123456789',
      'refresh-2-0123456789',
    ]);
  });
});

describe('when the portal refuses the refresh, the session has ended', () => {
  it.each(['revoked', 'never issued'])(
    'a %s refresh token: sign in again, with the reason; later calls send nothing',
    async (kind) => {
      const { now } = await setUp();
      let refreshToken = 'never-issued-refresh-token-0123456789';
      if (kind === 'revoked') {
        refreshToken = (await signIn(now)).refreshToken as string;
        sim.revokeTokens();
      }
      const before = tokenRequests().length;
      const auth = session({ refreshToken, clock: now });
      const callers = await Promise.allSettled(Array.from({ length: 20 }, () => auth.getToken()));
      expect(tokenRequests()).toHaveLength(before + 1);
      const error = (callers[0] as PromiseRejectedResult).reason as AuthenticationError;
      expect(callers.every((c) => c.status === 'rejected' && c.reason === error)).toBe(true);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.reason).toBe('refresh_token_invalid');
      expect(error.message).toContain('The portal session has ended');
      expect(error.message).toContain('Sign in again');
      expect(error.message).toContain('The refresh token is invalid, revoked');
      expect(error.status).toBe(400);
      expect(error.code).toBe('invalid_grant');
      expect(error.path).toBe('/v1/oauth');
      expect(error.hint).toMatch(/sign in/i);

      // The same refresh token would be refused again: nothing more is sent.
      const again = await rejectionOf<AuthenticationError>(auth.getToken());
      expect(again.reason).toBe('refresh_token_invalid');
      expect(again.message).toContain('Sign in again');
      expect(tokenRequests()).toHaveLength(before + 1);
      expect(auth.stats()).toEqual({ refreshGrants: 1 });
    },
  );

  it('refresh not allowed for the client id: refresh_not_allowed, and later calls send nothing', async () => {
    const { now } = await setUp();
    const { refreshToken } = await signIn(now, NO_REFRESH_CLIENT_ID);
    const { client } = sessionClient(
      { refreshToken: refreshToken as string, clock: now },
      { clientId: NO_REFRESH_CLIENT_ID },
    );
    const error = await rejectionOf<AuthenticationError>(client.request(version));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.reason).toBe('refresh_not_allowed');
    expect(error.message).toContain('Sign in again');
    expect(error.message).toContain('allow token refreshing');
    await expect(client.request(version)).rejects.toBe(error);
    expect(tokenRequests()).toHaveLength(2); // the sign-in and the one refused refresh
    expect(sim.stats.requests['GET /v1/fullVersion'] ?? 0).toBe(0);
  });

  it('a server error is not a refusal: the session goes on and the next call refreshes', async () => {
    const { now } = await setUp();
    const { refreshToken } = await signIn(now);
    const auth = session({ refreshToken: refreshToken as string, clock: now });
    sim.faults.add({ path: '/v1/oauth', status: 503, times: 1 });
    await expect(auth.getToken()).rejects.toBeInstanceOf(ServerError);
    expect(await auth.getToken()).toMatch(/\S{16,}/);
    expect(auth.stats()).toEqual({ refreshGrants: 2 });
    expect(sim.stats.tokenGrants).toMatchObject({ password: 1, refresh: 1 });
  });
});

describe('secrets', () => {
  it('the refresh token never shows in toJSON, util.inspect, the log or an error', async () => {
    const { now } = await setUp();
    const saved = await signIn(now);
    const refreshToken = saved.refreshToken as string;
    const issued: TokenSnapshot[] = [saved];
    const onTokens = (t: TokenSnapshot) => issued.push(t);
    const lines: string[] = [];
    const auth = session({ refreshToken, clock: now, onTokens, logger: (l) => lines.push(l) });
    await auth.getToken();
    const debug: string[] = [];
    const { client } = sessionClient(
      { refreshToken, clock: now, onTokens },
      { debug: (line) => debug.push(line) },
    );
    await client.request(version);
    sim.revokeTokens();
    sim.clock.advance(300_000); // a 401, then a refused refresh: the session ends
    const error = await rejectionOf<AuthenticationError>(client.request(version));
    expect(error.reason).toBe('refresh_token_invalid');

    const shown = { strategy: 'session', baseUrl: sim.url, clientId, origin };
    expect(JSON.parse(JSON.stringify(auth))).toEqual(shown);
    expect(inspect(auth)).toBe(`SessionAuth ${JSON.stringify(shown)}`);
    expect(lines).toEqual(['auth: refresh grant ok; token valid for 299 s']);
    expect(debug.some((l) => l.includes('the portal session has ended'))).toBe(true);
    const surfaces = [
      JSON.stringify(auth),
      inspect(auth, { depth: 10 }),
      JSON.stringify(client),
      inspect(client, { depth: 10 }),
      ...lines,
      ...debug,
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      error.stack ?? '',
    ];
    expect(issued).toHaveLength(3); // the sign-in, the strategy's refresh, the client's
    for (const secret of [refreshToken, ...issued.map((t) => t.accessToken)]) {
      for (const text of surfaces) expect(text).not.toContain(secret);
    }
  });
});

describe('options', () => {
  it.each([
    ['refreshToken', { refreshToken: undefined }],
    ['refreshToken', { refreshToken: '' }],
    ['origin', { origin: 'service.example.com' }],
    ['expiryMarginSeconds', { expiryMarginSeconds: -1 }],
  ])('rejects a bad %s at construction and sends nothing', async (option, bad) => {
    await setUp();
    const options = { refreshToken: 'some-refresh-token-0123456789', ...bad };
    const error = (() => {
      try {
        session(options as SessionAuthOptions);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect(sim.stats.log).toHaveLength(0);
  });
});
