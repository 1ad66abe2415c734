import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, NO_REFRESH_CLIENT_ID, type RunningSimulator } from '../src/index.js';
import { client, json, signIn, start, tokenRequest } from './helpers.js';

const password = (extra: Record<string, string> = {}) => ({
  client_id: demoCredentials.clientId,
  grant_type: 'password',
  username: demoCredentials.username,
  password: demoCredentials.password,
  ...extra,
});

const refresh = (refreshToken: string, clientId: string = demoCredentials.clientId) => ({
  client_id: clientId,
  grant_type: 'refresh_token',
  refresh_token: refreshToken,
});
/** The headers of a token request that carries the bearer of `t`. */
const withBearerOf = (t: { access_token: string }) => ({
  Origin: demoCredentials.origin,
  Authorization: `Bearer ${t.access_token}`,
});

describe('POST /v1/oauth', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.stop());

  it('grants a bearer token for the password grant', async () => {
    const res = await tokenRequest(sim, password());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 299,
      refresh_token: expect.any(String),
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('rejects an unknown client id first, with invalid_client', async () => {
    const res = await tokenRequest(sim, password({ client_id: 'nope', password: 'wrong' }), {
      Origin: 'http://evil',
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_client',
      error_description: "Unknown client id 'nope'",
    });
  });

  it('says the Origin header is missing', async () => {
    const res = await tokenRequest(sim, password(), {});
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('invalid_origin');
    expect(res.body.error_description).toMatch(/missing/i);
  });

  it('names the origin that is not allowed', async () => {
    const res = await tokenRequest(sim, password(), { Origin: 'https://other.example' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: 'invalid_origin',
      error_description: "Origin 'https://other.example' is not allowed for this client id",
    });
  });

  it('rejects a wrong password without echoing it', async () => {
    const res = await tokenRequest(sim, password({ password: 'hunter2-secret' }));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_grant',
      error_description: 'The user name or password is incorrect.',
    });
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });

  it('matches user names case-insensitively', async () => {
    const res = await tokenRequest(
      sim,
      password({ username: demoCredentials.username.toUpperCase() }),
    );
    expect(res.status).toBe(200);
  });

  it('refreshes with a new access token and the same refresh token, bearer present or not', async () => {
    const first = await signIn(sim);
    const withBearer = await tokenRequest(sim, refresh(first.refresh_token), withBearerOf(first));
    expect(withBearer.status).toBe(200);
    expect(withBearer.body.access_token).not.toBe(first.access_token);
    expect(withBearer.body.refresh_token).toBe(first.refresh_token);
    const without = await tokenRequest(sim, refresh(first.refresh_token));
    expect(without.status).toBe(200);
    const api = client(sim, without.body.access_token);
    expect((await api.get('/v1/fullVersion')).body).toBe('1.0.4480.0');
  });

  it('refuses the refresh grant for a client without refresh', async () => {
    const first = await signIn(sim, { clientId: NO_REFRESH_CLIENT_ID });
    const res = await tokenRequest(sim, refresh(first.refresh_token, NO_REFRESH_CLIENT_ID));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'unauthorized_client',
      error_description: 'Token refreshing is not allowed for this client id',
    });
  });

  it('rejects an unknown refresh token with invalid_grant, without echoing it', async () => {
    const res = await tokenRequest(sim, refresh('made-up-refresh-token'));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
    expect(res.body.error_description).not.toContain('made-up');
  });

  it('rejects other grant types and non-form bodies', async () => {
    const other = await tokenRequest(sim, password({ grant_type: 'client_credentials' }));
    expect(other.status).toBe(400);
    expect(other.body.error).toBe('unsupported_grant_type');
    const jsonBody = await fetch(`${sim.url}/v1/oauth`, {
      method: 'POST',
      headers: { Origin: demoCredentials.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify(password()),
    });
    expect(jsonBody.status).toBe(400);
    expect((await json(jsonBody)).error).toBe('invalid_request');
  });

  it('counts grants by kind', async () => {
    const fresh = await start();
    try {
      const t = await signIn(fresh);
      await tokenRequest(fresh, refresh(t.refresh_token));
      await tokenRequest(fresh, password({ password: 'bad' }));
      expect(fresh.stats.tokenGrants).toEqual({ password: 1, refresh: 1, failed: 1 });
      expect(fresh.stats.requests['POST /v1/oauth']).toBe(3);
    } finally {
      await fresh.stop();
    }
  });
});

describe('API authentication', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await start({ tokenTtlSeconds: 60 });
    token = (await signIn(sim)).access_token;
  });
  afterAll(() => sim.stop());

  it('needs the Origin header on every call', async () => {
    const res = await fetch(`${sim.url}/v1/fullVersion`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body).toMatchObject({ code: 'Forbidden', status: 403 });
    expect(body.message).toMatch(/Origin header is missing/);
  });

  it('needs the origin of the client the token was issued to', async () => {
    const res = await client(sim, token, 'https://elsewhere.example').get('/v1/fullVersion');
    expect(res.status).toBe(403);
    expect(res.body.message).toContain("Origin 'https://elsewhere.example'");
  });

  it('answers 401 without a bearer or with an unknown one', async () => {
    const none = await fetch(`${sim.url}/v1/fullVersion`, {
      headers: { Origin: demoCredentials.origin },
    });
    expect(none.status).toBe(401);
    expect((await json(none)).code).toBe('Unauthorized');
    const unknown = await client(sim, 'not-a-token').get('/v1/fullVersion');
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toMatch(/not valid/);
    expect(JSON.stringify(unknown.body)).not.toContain('not-a-token');
  });

  it('expires tokens on the simulator clock, and the refresh still works', async () => {
    const t = await signIn(sim);
    const api = client(sim, t.access_token);
    expect(t.expires_in).toBe(60);
    sim.clock.advance(59_000);
    expect((await api.get('/v1/fullVersion')).status).toBe(200);
    sim.clock.advance(2_000);
    const expired = await api.get('/v1/fullVersion');
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
    const refreshed = await tokenRequest(sim, refresh(t.refresh_token), withBearerOf(t));
    expect(refreshed.status).toBe(200);
    expect((await client(sim, refreshed.body.access_token).get('/v1/fullVersion')).status).toBe(
      200,
    );
  });

  it('revokes every token on request', async () => {
    const other = await start();
    try {
      const t = await signIn(other);
      other.revokeTokens();
      expect((await client(other, t.access_token).get('/v1/me')).status).toBe(401);
      const refused = await tokenRequest(other, refresh(t.refresh_token));
      expect(refused.body.error).toBe('invalid_grant');
    } finally {
      await other.stop();
    }
  });

  it('never logs bearer tokens or passwords', async () => {
    expect(JSON.stringify(sim.stats.log)).not.toContain(token);
    const allowed = [
      'method',
      'path',
      'route',
      'query',
      'status',
      'origin',
      'bearer',
      'userAgent',
      'contentType',
    ];
    for (const entry of sim.stats.log)
      expect(allowed).toEqual(expect.arrayContaining(Object.keys(entry)));
    expect(sim.stats.log.some((e) => e.bearer)).toBe(true);
  });
});
