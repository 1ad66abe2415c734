import { connect } from 'node:net';
import { demoCredentials, readOnlyCredentials, startSimulator } from '@cloutapi/simulator';
import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernHttp,
} from '@modelcontextprotocol/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formOf, oauthClient, pkce, signIn, startAuthorization } from './oauth-client.js';
import { startPostgres } from './postgres.js';
import { seedIds } from './support.js';
import {
  mcpCall,
  portalRecorder,
  runTeamCommand,
  startTeamInstance,
  TEAM_KEY,
  type TeamInstance,
  type TeamInstanceOptions,
} from './team.js';

/**
 * The team server on its embedded store, one instance, driven as an MCP client and a person's
 * browser drive it: discovery, registration, sign-in with the portal account, consent, tokens,
 * calls as the person; and every way to get it wrong, refused as the specifications say.
 */
const demo = { username: demoCredentials.username, password: demoCredentials.password };
const readonly = { username: readOnlyCredentials.username, password: readOnlyCredentials.password };

let sim: Awaited<ReturnType<typeof startSimulator>>;
let recorder: Awaited<ReturnType<typeof portalRecorder>>;
let team: TeamInstance;
/**
 * The store: PostgreSQL, so that the many restarts below (another clock, another address, other
 * limits) cost a second each, and the audit and rekey commands run beside the instance. The
 * embedded store is run end to end by team-browser.test.ts and team-readme's one command.
 */
let postgres: Awaited<ReturnType<typeof startPostgres>>;
let storeDir: string;
/** The instance's port: a restart keeps it, as the tokens' audience is its address. */
let port: number;
beforeAll(async () => {
  [sim, postgres] = await Promise.all([startSimulator(), startPostgres()]);
  recorder = await portalRecorder(sim.url);
  storeDir = postgres.url;
  team = await startTeamInstance({ portal: recorder.url, store: storeDir });
  port = team.port;
}, 60_000);
afterAll(async () => {
  await team?.stop();
  await recorder?.close();
  await sim?.stop();
  postgres?.stop();
});

/** Forgets every rate-limit and sign-in counter (they are kept in the store, across restarts). */
async function clearCounters() {
  const db = new pg.Client({ connectionString: storeDir });
  await db.connect();
  await db.query('delete from rate_limits');
  await db.end();
}

/**
 * Runs `body` on the instance restarted with `options` (same store and port), then restarts it
 * as it was, whatever `body` did.
 */
async function restartedWith(options: Partial<TeamInstanceOptions>, body: () => Promise<void>) {
  await team.stop();
  team = await startTeamInstance({ portal: recorder.url, store: storeDir, port, ...options });
  try {
    await body();
  } finally {
    await team.stop();
    team = await startTeamInstance({ portal: recorder.url, store: storeDir, port });
  }
}

/** One JSON-RPC request to this test's instance. */
const mcp = (token: string | undefined, method: string, params: Record<string, unknown> = {}) =>
  mcpCall(team.url, token, method, params);

const toolNames = async (token: string) =>
  ((await mcp(token, 'tools/list')).body.result?.tools ?? []).map((t: { name: string }) => t.name);

/**
 * Sends only the head of a POST declaring a `length`-byte body, and resolves the status line of
 * the answer: a server that refuses by the declared length answers before any body. (A client
 * that writes the body meanwhile may see the closed connection first, EPIPE, instead of the 413.)
 */
function refusedHead(
  url: string,
  path: string,
  type: string,
  length: number,
  headers: Record<string, string> = {},
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const { hostname, port: at } = new URL(url);
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    const socket = connect(Number(at), hostname, () =>
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${at}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n${extra}\r\n`,
      ),
    );
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk;
      if (head.includes('\r\n')) {
        resolve(head.split('\r\n', 1)[0] as string);
        socket.destroy();
      }
    });
    socket.on('error', reject);
  });
}

describe('discovery', () => {
  it('names its authorization server (RFC 9728) at both addresses, and every 401 points there', async () => {
    for (const path of [
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
    ]) {
      const meta = await (await fetch(`${team.url}${path}`)).json();
      expect(meta).toMatchObject({
        resource: `${team.url}/mcp`,
        authorization_servers: [team.url],
        bearer_methods_supported: ['header'],
      });
    }
    const refused = await mcp(undefined, 'tools/list');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain(
      `resource_metadata="${team.url}/.well-known/oauth-protected-resource/mcp"`,
    );
    expect(refused.headers.get('www-authenticate')).toContain('scope="mcp"');
  });

  it('describes itself (RFC 8414): code with S256 only, iss in responses, CIMD and registration', async () => {
    const meta = await oauthClient(team.url).metadata();
    expect(meta).toMatchObject({
      issuer: team.url,
      authorization_endpoint: `${team.url}/authorize`,
      token_endpoint: `${team.url}/token`,
      registration_endpoint: `${team.url}/register`,
      revocation_endpoint: `${team.url}/revoke`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      client_id_metadata_document_supported: true,
    });
    const oidc = (await (await fetch(`${team.url}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
    };
    expect(oidc.issuer).toBe(team.url);
  });
});

describe('a person signs in and works as themselves', () => {
  it('gets tokens for the MCP endpoint only, with iss and state in the callback', async () => {
    const run = await signIn(team.url, demo);
    expect(run.callback.searchParams.get('iss')).toBe(team.url);
    expect(run.callback.searchParams.get('state')).toBe(run.state);
    expect(run.tokens.status).toBe(200);
    expect(run.tokens.body).toMatchObject({ token_type: 'Bearer', scope: 'mcp' });
    expect(run.tokens.body.refresh_token).toBeTruthy();
    const me = await mcp(run.tokens.body.access_token, 'tools/call', {
      name: 'get_current_user',
      arguments: {},
    });
    expect(me.body.result.content[0].text).toContain(demo.username);
  });

  it('is served the toolsets they chose, and read-only when they said so', async () => {
    const chosen = await signIn(team.url, demo, { toolsets: ['reports'] });
    const names = await toolNames(chosen.tokens.body.access_token);
    expect(names.sort()).toEqual(['get_latest_report', 'list_node_warning_types', 'list_reports']);
    expect(names).not.toContain('create_consumer');
    const writer = await toolNames(
      (await signIn(team.url, demo, { toolsets: ['consumers'] })).tokens.body.access_token,
    );
    expect(writer).toContain('create_consumer');
    const reader = await toolNames(
      (await signIn(team.url, demo, { toolsets: ['consumers'], readOnly: true })).tokens.body
        .access_token,
    );
    expect(reader).not.toContain('create_consumer');
    expect(reader.length).toBeGreaterThan(0);
  });

  it('serves a 2026-07-28 client (server/discover, the envelope) as the person, with the bearer token', async () => {
    const run = await signIn(team.url, demo);
    const client = new ModernClient(
      { name: 'modern', version: '1' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(
      new ModernHttp(new URL(`${team.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${run.tokens.body.access_token}` } },
      }),
    );
    const r = await client.callTool({ name: 'get_current_user', arguments: {} });
    expect(JSON.stringify(r.content)).toContain(demo.username);
    await client.close();
    const stranger = new ModernClient(
      { name: 'modern', version: '1' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await expect(stranger.connect(new ModernHttp(new URL(`${team.url}/mcp`)))).rejects.toThrow();
  });

  it('acts as each person: two people, two portal users', async () => {
    const a = await signIn(team.url, demo);
    const b = await signIn(team.url, readonly);
    const who = async (token: string) =>
      (await mcp(token, 'tools/call', { name: 'get_current_user', arguments: {} })).body.result
        .content[0].text;
    expect(await who(a.tokens.body.access_token)).toContain(demo.username);
    expect(await who(b.tokens.body.access_token)).toContain(readonly.username);
  });
});

describe('refused as the specifications say', () => {
  const start = (overrides: Record<string, string> = {}) =>
    startAuthorization(team.url, { state: 's', ...overrides });

  it('an unregistered redirect URI: an error page, never a redirect to it', async () => {
    const { client, params } = await start({ redirect_uri: 'https://evil.example/steal' });
    const answer = await client.authorize(params);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('location')).toBeNull();
    expect(await answer.text()).toContain('redirect_uri');
  });

  it('no PKCE, or PKCE plain: refused', async () => {
    const { client, params } = await start();
    const { code_challenge: _c, code_challenge_method: _m, ...without } = params;
    const none = await client.authorize(without);
    expect(new URL(none.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'invalid_request',
    );
    const plain = await client.authorize({ ...params, code_challenge_method: 'plain' });
    expect(new URL(plain.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'invalid_request',
    );
  });

  it('a foreign resource: invalid_target', async () => {
    const { client, params } = await start({ resource: 'https://other.example/mcp' });
    const answer = await client.authorize(params);
    expect(new URL(answer.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'invalid_target',
    );
  });

  it('a PKCE mismatch and a replayed code: invalid_grant, and the replay revokes what the code gave', async () => {
    const run = await signIn(team.url, demo);
    const again = await run.client.token({
      grant_type: 'authorization_code',
      code: run.code,
      redirect_uri: run.redirectUri,
      client_id: run.registered.client_id as string,
      code_verifier: run.verifier,
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await mcp(run.tokens.body.access_token, 'tools/list')).status).toBe(401);

    const other = await signIn(team.url, demo);
    const wrong = await other.client.token({
      grant_type: 'refresh_token',
      refresh_token: 'x'.repeat(43),
      client_id: other.registered.client_id as string,
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('a code exchanged with the wrong verifier: invalid_grant', async () => {
    const { client, registered, redirectUri, params } = await start();
    let page = await client.follow(await client.authorize(params));
    const login = formOf(await page.text());
    page = await client.follow(await client.post(login.action, { csrf: login.csrf, ...demo }));
    const consent = formOf(await page.text());
    const back = await client.follow(
      await client.post(consent.action, {
        csrf: consent.csrf,
        toolset: 'workflows',
        decision: 'allow',
      }),
    );
    const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const answer = await client.token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: registered.client_id as string,
      code_verifier: pkce().verifier,
    });
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refresh tokens rotate; a used one again revokes the grant (reuse detection)', async () => {
    const run = await signIn(team.url, demo);
    const clientId = run.registered.client_id as string;
    const first = await run.client.token({
      grant_type: 'refresh_token',
      refresh_token: run.tokens.body.refresh_token as string,
      client_id: clientId,
    });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(run.tokens.body.refresh_token);
    expect((await mcp(first.body.access_token, 'tools/list')).status).toBe(200);
    const reused = await run.client.token({
      grant_type: 'refresh_token',
      refresh_token: run.tokens.body.refresh_token as string,
      client_id: clientId,
    });
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await mcp(first.body.access_token, 'tools/list')).status).toBe(401);
    const next = await run.client.token({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token as string,
      client_id: clientId,
    });
    expect(next.status).toBe(400);
  });

  it('a revoked refresh token ends the grant: its access token is refused at once', async () => {
    const run = await signIn(team.url, demo);
    const revoked = await fetch(`${team.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: run.tokens.body.refresh_token as string,
        client_id: run.registered.client_id as string,
      }).toString(),
    });
    expect(revoked.status).toBe(200);
    const refused = await mcp(run.tokens.body.access_token, 'tools/list');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('an expired access token: 401 invalid_token; its refresh token still gets a new one', async () => {
    const run = await signIn(team.url, demo);
    // The same instance two hours later (access tokens live one hour).
    await restartedWith({ aheadSeconds: 2 * 3600 }, async () => {
      const refused = await mcp(run.tokens.body.access_token, 'tools/list');
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      const renewed = await run.client.token({
        grant_type: 'refresh_token',
        refresh_token: run.tokens.body.refresh_token,
        client_id: run.registered.client_id as string,
      });
      expect(renewed.status).toBe(200);
      expect((await mcp(renewed.body.access_token, 'tools/list')).status).toBe(200);
    });
  }, 60_000);

  it('an oversized token or registration request: 413 before its body is read, nothing issued', async () => {
    // Only the head is sent: the answer comes from the declared length alone.
    expect(
      await refusedHead(team.url, '/token', 'application/x-www-form-urlencoded', 2 << 20),
    ).toMatch(/^HTTP\/1\.1 413 /);
    expect(await refusedHead(team.url, '/register', 'application/json', 2 << 20)).toMatch(
      /^HTTP\/1\.1 413 /,
    );
  });

  it("another deployment's token (a foreign audience): 401 invalid_token", async () => {
    const run = await signIn(team.url, demo);
    // The same store served under another address: tokens issued for the first are not its.
    await restartedWith(
      { publicUrl: 'http://mcp.other.example:8080', args: ['--allowed-host', `127.0.0.1:${port}`] },
      async () => {
        const refused = await mcp(run.tokens.body.access_token, 'tools/list');
        expect(refused.status).toBe(401);
        expect(refused.body.error_description).toMatch(/not issued for this resource/);
      },
    );
  }, 60_000);

  it('a forged token, a refresh token used as an access token: 401 invalid_token', async () => {
    const run = await signIn(team.url, demo);
    for (const token of ['forged-token', 'A'.repeat(43), run.tokens.body.refresh_token as string]) {
      const refused = await mcp(token, 'tools/list');
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    }
  });

  it('an oversized MCP request: 413 on its declared length, nothing served', async () => {
    const run = await signIn(team.url, demo);
    const status = await refusedHead(team.url, '/mcp', 'application/json', 5 << 20, {
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${run.tokens.body.access_token}`,
    });
    expect(status).toMatch(/^HTTP\/1\.1 413 /);
  });
});

describe('the sign-in page', () => {
  const loginPage = async () => {
    const { client, params } = await startAuthorization(team.url);
    const page = await client.follow(await client.authorize(params));
    return { client, html: await page.text(), headers: page.headers };
  };

  it('is a plain form with a CSRF token, a strict CSP, and refuses a post without the token', async () => {
    const { client, html, headers } = await loginPage();
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).not.toContain('<script');
    const { action } = formOf(html);
    const forged = await client.post(action, { csrf: 'forged', ...demo });
    expect(forged.status).toBe(403);
  });

  it('never echoes the password, and throttles repeated failures per account with 429 and Retry-After', async () => {
    const { client, html } = await loginPage();
    const { action, csrf } = formOf(html);
    const secret = 'Wrong-Password-Echo-7';
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await client.post(action, { csrf, username: readonly.username, password: secret });
      const text = await last.text();
      expect(text).not.toContain(secret);
    }
    expect(last?.status).toBe(401);
    const throttled = await client.post(action, { csrf, ...readonly });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await throttled.text()).not.toContain(readonly.password);
    expect(team.process.stderr()).not.toContain(secret);
  });
});

describe('the sign-in throttle per address', () => {
  // Every test here comes from 127.0.0.1: this one's failures are its own, and no other's after.
  beforeAll(clearCounters);
  afterAll(clearCounters);

  it('20 failed sign-ins from one address, whatever the accounts, and the next one waits', async () => {
    const { client, params } = await startAuthorization(team.url);
    const html = await (await client.follow(await client.authorize(params))).text();
    const { action, csrf } = formOf(html);
    for (let i = 0; i < 20; i++) {
      const r = await client.post(action, {
        csrf,
        username: `nobody-${i}@example.net`,
        password: 'x',
      });
      expect(r.status).toBe(401);
    }
    const waiting = await client.post(action, {
      csrf,
      username: 'someone-new@example.net',
      password: 'x',
    });
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('secrets at rest', () => {
  it('a dump of the whole store holds no usable token, portal refresh token or client secret', async () => {
    const run = await signIn(team.url, demo);
    const confidential = await run.client.register('http://127.0.0.1:9/cb', {
      token_endpoint_auth_method: 'client_secret_post',
    });
    expect(confidential.client_secret).toBeTruthy();
    const secrets = [
      run.tokens.body.access_token,
      run.tokens.body.refresh_token,
      confidential.client_secret,
      ...recorder.refreshTokens,
      ...run.client.jar.values(),
    ] as string[];
    expect(recorder.refreshTokens.size).toBeGreaterThan(0);
    await team.stop();
    // Nor does its log (tokens, codes, passwords are never logged).
    const log = team.process.stderr();
    for (const secret of [...secrets, demo.password]) expect(log).not.toContain(secret);
    const db = new pg.Client({ connectionString: storeDir });
    await db.connect();
    const tables = await db.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public'",
    );
    let dump = '';
    for (const { tablename } of tables.rows) {
      // Every row as PostgreSQL writes it out (bytea as hex, jsonb as text): what a dump holds.
      const rows = await db.query(`select t::text as row from "${tablename}" t`);
      dump += rows.rows.map((r) => r.row).join('\n');
    }
    await db.end();
    expect(dump.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(dump).not.toContain(secret);
    expect(dump).not.toContain(demo.password);
    team = await startTeamInstance({ portal: recorder.url, store: storeDir, port });
  }, 60_000);
});

describe('audit and key rotation', () => {
  it('records every call per person, secrets redacted, the confirmed impact of a delete; exported as JSON lines', async () => {
    const ids = seedIds(sim);
    const run = await signIn(team.url, demo, { toolsets: ['consumers'] });
    const token = run.tokens.body.access_token;
    const call = async (name: string, args: Record<string, unknown>) =>
      (await mcp(token, 'tools/call', { name, arguments: args })).body.result;
    await call('list_consumers', { bunitId: ids.acme });
    const preview = await call('delete_consumer', { bunitId: ids.acme, consumerId: ids.exch01 });
    const confirmationToken = preview.structuredContent.confirmationToken as string;
    expect(confirmationToken).toBeTruthy();
    const done = await call('delete_consumer', {
      bunitId: ids.acme,
      consumerId: ids.exch01,
      confirm: true,
      confirmationToken,
    });
    expect(done.isError).toBeFalsy();
    await team.stop();
    const exported = await runTeamCommand(['audit', '--store', storeDir, '--user', demo.username]);
    team = await startTeamInstance({ portal: recorder.url, store: storeDir, port });
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.client === run.registered.client_id);
    expect(mine.map((l) => [l.tool, l.outcome])).toEqual([
      ['list_consumers', 'ok'],
      ['delete_consumer', 'ok'],
      ['delete_consumer', 'ok'],
    ]);
    expect(mine[0]).toMatchObject({
      person: { username: demo.username },
      arguments: { bunitId: ids.acme },
    });
    expect(mine[0].durationMs).toBeGreaterThanOrEqual(0);
    expect(mine[1].impact).toBeUndefined();
    expect(mine[2].arguments.confirmationToken).toBe('[redacted]');
    expect(mine[2].impact.preview).toContain('acme-exch01');
    expect(exported.stdout).not.toContain(confirmationToken);
    expect(exported.stderr).toMatch(/\d+ audit records/);
  }, 60_000);

  it('rotates the state key: sealed again by rekey, people stay signed in, the old key can go', async () => {
    const run = await signIn(team.url, demo);
    const token = run.tokens.body.access_token;
    const newKey = 'the-next-state-key-0123456789-abcdefghijklmnopqrs';
    await team.stop();
    const rekeyed = await runTeamCommand(['rekey', '--store', storeDir], {
      CLOUTAPI_MCP_STATE_KEY: newKey,
      CLOUTAPI_MCP_STATE_KEY_PREVIOUS: TEAM_KEY,
    });
    expect(rekeyed.code).toBe(0);
    expect(rekeyed.stderr).toMatch(/[1-9]\d* portal sessions/);
    team = await startTeamInstance({
      portal: recorder.url,
      store: storeDir,
      port,
      env: { CLOUTAPI_MCP_STATE_KEY: newKey },
    });
    const me = await mcp(token, 'tools/call', { name: 'get_current_user', arguments: {} });
    expect(me.status, JSON.stringify(me.body) + team.process.stderr()).toBe(200);
    expect(me.body.result.content[0].text).toContain(demo.username);
    await team.stop();
    team = await startTeamInstance({ portal: recorder.url, store: storeDir, port });
  }, 60_000);
});

describe('fair use', () => {
  it('a person over the rate limit gets 429 with Retry-After; another person does not', async () => {
    await clearCounters();
    await restartedWith({ args: ['--rate-limit', '3'] }, async () => {
      const a = await signIn(team.url, demo);
      const b = await signIn(team.url, readonly);
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await mcp(a.tokens.body.access_token, 'tools/list')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await mcp(a.tokens.body.access_token, 'tools/list');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body.error.message).toMatch(/Too many requests/);
      expect((await mcp(b.tokens.body.access_token, 'tools/list')).status).toBe(200);
    });
  }, 60_000);
});

describe('a portal session that ends', () => {
  it('sends the person back to sign in: 401, the grant revoked, a new sign-in works', async () => {
    const run = await signIn(team.url, demo);
    const token = run.tokens.body.access_token;
    const me = () => mcp(token, 'tools/call', { name: 'get_current_user', arguments: {} });
    expect((await me()).body.result.content[0].text).toContain(demo.username);
    sim.revokeTokens(); // the portal ends every session (an administrator, an expiry)
    const first = await me();
    const refused = first.status === 401 ? first : await me();
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('portal session has ended');
    const refreshed = await run.client.token({
      grant_type: 'refresh_token',
      refresh_token: run.tokens.body.refresh_token,
      client_id: run.registered.client_id as string,
    });
    expect(refreshed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const again = await signIn(team.url, demo);
    const back = await mcp(again.tokens.body.access_token, 'tools/call', {
      name: 'get_current_user',
      arguments: {},
    });
    expect(back.body.result.content[0].text).toContain(demo.username);
  });
});
