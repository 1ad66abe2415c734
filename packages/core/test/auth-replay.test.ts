import { AuthenticationError } from '@cloutapi/auth';
import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { client, current, hits, manualClock, simulator } from './support.js';

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
    const c = client({ clock });
    await c.request(version);
    clock.advance(300_000);
    const results = await Promise.all(Array.from({ length: 1000 }, () => c.request(version)));
    expect(results.every((v) => v === '1.0.4480.0')).toBe(true);
    expect(current.sim.stats.tokenGrants).toMatchObject({ password: 1, refresh: 1 });
  });

  it('a wrong password fails every call fast with one token request each', async () => {
    await simulator({ seed: 'empty' });
    const c = client({
      credentials: { username: 'demo@reseller.example', password: 'wrong-password' },
    });
    for (let i = 1; i <= 3; i++) {
      await expect(c.request(version)).rejects.toMatchObject({ reason: 'bad_credentials' });
      expect(hits('POST /v1/oauth')).toBe(i);
    }
    expect(hits('GET /v1/fullVersion')).toBe(0);
  });
});
