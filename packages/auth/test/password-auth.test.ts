import { inspect } from 'node:util';
import { AuthenticationError, CloutilityError, ConfigurationError } from '@cloutapi/core';
import {
  createClock,
  demoCredentials,
  type RunningSimulator,
  startSimulator,
} from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { afterEach, describe, expect, it } from 'vitest';
import { createPasswordAuth, type PasswordAuthOptions } from '../src/index.js';

let sim: RunningSimulator;
afterEach(async () => {
  await sim?.stop();
});

/** A settable time source for the client side, independent of the simulator's clock. */
function manualClock(start = Date.now()) {
  let now = start;
  const clock = () => now;
  clock.set = (ms: number) => {
    now = ms;
  };
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

function authFor(overrides: Partial<PasswordAuthOptions> = {}) {
  return createPasswordAuth({
    baseUrl: sim.url,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    username: demoCredentials.username,
    password: demoCredentials.password,
    ...overrides,
  });
}

const tokenRequests = () => sim.stats.log.filter((e) => e.path === '/v1/oauth');

describe('password grant (A1)', () => {
  it('posts a form-encoded body with the Origin header and returns the access token', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const token = await authFor().getToken();
    expect(token).toMatch(/\S{16,}/);
    const [entry] = tokenRequests();
    expect(entry?.method).toBe('POST');
    expect(entry?.contentType).toContain('application/x-www-form-urlencoded');
    expect(entry?.origin).toBe(demoCredentials.origin);
    expect(sim.stats.tokenGrants.password).toBe(1);
  });

  it('reuses a valid token without asking again', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const auth = authFor();
    const first = await auth.getToken();
    expect(await auth.getToken()).toBe(first);
    expect(tokenRequests()).toHaveLength(1);
  });
});

describe('single-flight', () => {
  it('1000 concurrent callers without a token cause exactly one token request', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const auth = authFor();
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => auth.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('1000 concurrent callers with an expired token cause exactly one refresh', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const clock = manualClock();
    const auth = authFor({ clock });
    const old = await auth.getToken();
    clock.advance(300_000);
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => auth.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(old);
    expect(sim.stats.tokenGrants).toMatchObject({ password: 1, refresh: 1 });
    expect(tokenRequests()).toHaveLength(2);
  });

  it("one caller's abort stops its wait but not the shared request", async () => {
    sim = await startSimulator({
      seed: 'empty',
      faults: [{ path: '/v1/oauth', latencyMs: 150, times: 1 }],
    });
    const auth = authFor();
    const controller = new AbortController();
    const aborted = auth.getToken({ signal: controller.signal });
    const other = auth.getToken();
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    expect(await other).toMatch(/\S{16,}/);
    expect(tokenRequests()).toHaveLength(1);
  });
});

describe('expiry', () => {
  it('is measured from when the token request was sent, minus the margin', async () => {
    sim = await startSimulator({ seed: 'empty', tokenTtlSeconds: 299 });
    const start = Date.now();
    const clock = manualClock(start);
    // The response takes 20 s on the client's clock: expiry must not start counting on arrival.
    const slowFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      clock.advance(20_000);
      return response;
    };
    const auth = authFor({ clock, fetch: slowFetch, expiryMarginSeconds: 30 });
    const first = await auth.getToken();
    clock.set(start + 268_999); // sent + 299 s - 30 s margin - 1 ms
    expect(await auth.getToken()).toBe(first);
    expect(tokenRequests()).toHaveLength(1);
    clock.set(start + 269_000);
    const second = await auth.getToken();
    expect(second).not.toBe(first);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('honours a custom margin', async () => {
    sim = await startSimulator({ seed: 'empty', tokenTtlSeconds: 100 });
    const clock = manualClock();
    const auth = authFor({ clock, expiryMarginSeconds: 10 });
    const first = await auth.getToken();
    clock.advance(89_000);
    expect(await auth.getToken()).toBe(first);
    clock.advance(1_000);
    expect(await auth.getToken()).not.toBe(first);
  });

  it('starts from initial tokens and reports new ones', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const seen: string[] = [];
    const first = authFor({ onTokens: (t) => seen.push(t.accessToken) });
    const token = await first.getToken();
    expect(seen).toEqual([token]);
    const clock = manualClock();
    const second = authFor({
      clock,
      initialTokens: { accessToken: token, expiresAt: clock() + 60_000 },
    });
    expect(await second.getToken()).toBe(token);
    expect(tokenRequests()).toHaveLength(1);
  });
});

describe('refresh grant (A2) and fallback', () => {
  it('refreshes with the refresh token, the client id and the current bearer', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const clock = manualClock();
    const auth = authFor({ clock });
    await auth.getToken();
    clock.advance(280_000);
    await auth.getToken();
    expect(sim.stats.tokenGrants).toMatchObject({ password: 1, refresh: 1 });
    const refresh = tokenRequests()[1];
    expect(refresh?.bearer).toBe(true);
    expect(refresh?.origin).toBe(demoCredentials.origin);
    expect(auth.stats()).toEqual({ passwordGrants: 1, refreshGrants: 1 });
  });

  it('falls back to exactly one password grant when refresh is not allowed for the client id', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const clock = manualClock();
    // A client id registered without "allow token refreshing" (a simulator default).
    const auth = authFor({ clock, clientId: 'cloutapi-norefresh' });
    const first = await auth.getToken();
    clock.advance(300_000);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => auth.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first);
    // one refused refresh, then one password grant; refresh is not tried again afterwards
    expect(tokenRequests()).toHaveLength(3);
    clock.advance(300_000);
    await auth.getToken();
    expect(tokenRequests()).toHaveLength(4);
    expect(auth.stats()).toEqual({ passwordGrants: 3, refreshGrants: 1 });
  });

  it('does not refresh when refresh is switched off', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const clock = manualClock();
    const auth = authFor({ clock, refresh: false });
    await auth.getToken();
    clock.advance(300_000);
    await auth.getToken();
    expect(sim.stats.tokenGrants).toMatchObject({ password: 2, refresh: 0 });
  });

  it('invalidate() forgets the token so the next call gets a new one', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const auth = authFor();
    const first = await auth.getToken();
    auth.invalidate('some-other-token');
    expect(await auth.getToken()).toBe(first);
    auth.invalidate(first);
    expect(await auth.getToken()).not.toBe(first);
    expect(sim.stats.tokenGrants.refresh).toBe(1);
  });
});

describe('failures', () => {
  const secret = 'Sup3r-Secret-Passw0rd!';

  it('a wrong password costs one token request per call and fails fast', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const auth = authFor({ password: secret });
    const error = await rejectionOf<unknown>(auth.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(CloutilityError);
    expect((error as AuthenticationError).reason).toBe('bad_credentials');
    expect((error as AuthenticationError).status).toBe(400);
    expect(tokenRequests()).toHaveLength(1);
    await expect(auth.getToken()).rejects.toThrow(AuthenticationError);
    expect(tokenRequests()).toHaveLength(2);
    const concurrent = await Promise.allSettled(Array.from({ length: 100 }, () => auth.getToken()));
    expect(concurrent.every((r) => r.status === 'rejected')).toBe(true);
    expect(tokenRequests()).toHaveLength(3);
  });

  it('names an unknown client id and a wrong origin', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const unknown = await rejectionOf<AuthenticationError>(
      authFor({ clientId: 'no-such-client' }).getToken(),
    );
    expect(unknown.reason).toBe('unknown_client');
    expect(unknown.message).toContain('no-such-client');
    const wrongOrigin = await rejectionOf<AuthenticationError>(
      authFor({ origin: 'https://evil.example' }).getToken(),
    );
    expect(wrongOrigin.reason).toBe('origin_not_allowed');
    expect(wrongOrigin.message).toContain('https://evil.example');
  });

  it('never shows the password in message, JSON or inspect', async () => {
    sim = await startSimulator({ seed: 'empty' });
    const auth = authFor({ password: secret });
    const error = (await rejectionOf<unknown>(auth.getToken())) as Error;
    for (const text of [
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error),
      error.stack ?? '',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(inspect(auth)).not.toContain(secret);
    expect(JSON.stringify(auth)).not.toContain(secret);
  });

  it('a server error on the token endpoint is a ServerError, not an authentication error', async () => {
    sim = await startSimulator({
      seed: 'empty',
      faults: [{ path: '/v1/oauth', status: 503, times: 1 }],
    });
    const auth = authFor();
    const error = await rejectionOf<CloutilityError>(auth.getToken());
    expect(error.name).toBe('ServerError');
    expect(error.status).toBe(503);
    expect(await auth.getToken()).toMatch(/\S{16,}/);
  });
});

describe('options', () => {
  it.each([
    ['origin', { origin: undefined }],
    ['origin', { origin: 'service.example.com' }],
    ['baseUrl', { baseUrl: 'portal-api.example.net' }],
    ['baseUrl', { baseUrl: 'ftp://portal-api.example.net' }],
    ['clientId', { clientId: '' }],
    ['username', { username: '  ' }],
    ['password', { password: undefined }],
    ['expiryMarginSeconds', { expiryMarginSeconds: -1 }],
  ])('rejects a bad %s at construction and sends nothing', async (option, bad) => {
    sim = await startSimulator({ seed: 'empty' });
    const error = (() => {
      try {
        authFor(bad as Partial<PasswordAuthOptions>);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect((error as Error).message).toContain(option);
    expect(sim.stats.log).toHaveLength(0);
  });

  it('accepts the base URL with or without /v1 and a trailing slash', async () => {
    sim = await startSimulator({ seed: 'empty', clock: createClock() });
    for (const baseUrl of [sim.url, `${sim.url}/`, `${sim.url}/v1`, `${sim.url}/v1/`]) {
      const auth = authFor({ baseUrl });
      expect(auth.baseUrl).toBe(sim.url);
      expect(await auth.getToken()).toMatch(/\S{16,}/);
    }
    expect(tokenRequests()).toHaveLength(4);
  });
});
