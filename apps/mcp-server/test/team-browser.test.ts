import { createServer, type Server } from 'node:http';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBrowser, startBrowser } from './browser.js';
import { freePort, type Haproxy, startHaproxy } from './haproxy.js';
import { oauthClient, pkce } from './oauth-client.js';
import { startPostgres } from './postgres.js';
import { seedIds } from './support.js';
import { mcpCall, runTeamCommand, startTeamInstance, type TeamInstance } from './team.js';

/**
 * The team server end to end, as people meet it: an MCP client discovers the authorization
 * server from the 401, registers, and sends the person's browser (headless Chromium) to sign in
 * with their portal account and consent; then it calls tools, refreshes and revokes. Once on two
 * instances behind HAProxy sharing PostgreSQL, one of them killed mid-run; once on the embedded
 * store alone.
 */
const person = { username: demoCredentials.username, password: demoCredentials.password };

let sim: RunningSimulator;
let browser: RunningBrowser;
beforeAll(async () => {
  sim = await startSimulator();
  browser = await startBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await sim?.stop();
});

/** The assistant's redirect endpoint on loopback: it keeps what the browser brings back. */
async function callbackServer() {
  const arrived: URL[] = [];
  const server: Server = createServer((req, res) => {
    arrived.push(new URL(req.url ?? '/', 'http://127.0.0.1'));
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Done</title><p>You can close this window.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/callback`,
    arrived,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const mcp = mcpCall;

/**
 * What an MCP client does to get a person's token: the 401's resource metadata, the
 * authorization server's metadata, registration, then the browser (sign-in and consent pages,
 * filled and clicked like a person does), and the code exchanged.
 */
async function connectThroughBrowser(base: string, page: Page, toolsets: string[]) {
  const unauthorized = await fetch(`${base}/mcp`, { method: 'POST', body: '{}' });
  expect(unauthorized.status).toBe(401);
  const challenge = unauthorized.headers.get('www-authenticate') ?? '';
  const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? '';
  const resourceMeta = (await (await fetch(metadataUrl)).json()) as {
    resource: string;
    authorization_servers: string[];
  };
  expect(resourceMeta.resource).toBe(`${base}/mcp`);
  const issuer = resourceMeta.authorization_servers[0] ?? '';
  const asMeta = (await (
    await fetch(`${issuer}/.well-known/oauth-authorization-server`)
  ).json()) as Record<string, string>;
  const callback = await callbackServer();
  try {
    const client = oauthClient(issuer);
    const registered = await client.register(callback.url, {
      client_name: 'Browser test assistant',
    });
    const { verifier, challenge: codeChallenge } = pkce();
    const authorize = new URL(asMeta.authorization_endpoint ?? '');
    for (const [k, v] of Object.entries({
      response_type: 'code',
      client_id: registered.client_id as string,
      redirect_uri: callback.url,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
      scope: 'mcp',
      resource: resourceMeta.resource,
      state: 'browser-state',
    }))
      authorize.searchParams.set(k, v);
    await page.goto(authorize.toString());
    await expect(page.title()).resolves.toMatch(/^Sign in to/);
    await page.fill('input[name=username]', person.username);
    await page.fill('input[name=password]', person.password);
    await Promise.all([
      page.waitForURL(/\/interaction\//),
      page.click('button:has-text("Sign in")'),
    ]);
    await page.waitForSelector('button[name=decision][value=allow]');
    for (const box of await page.$$('input[name=toolset]')) await box.uncheck();
    for (const name of toolsets) await page.check(`input[name=toolset][value=${name}]`);
    await Promise.all([
      page.waitForURL((url) => url.toString().startsWith(callback.url)),
      page.click('button[name=decision][value=allow]'),
    ]);
    const back = callback.arrived.find((url) => url.pathname === '/callback');
    expect(back?.searchParams.get('state')).toBe('browser-state');
    expect(back?.searchParams.get('iss')).toBe(issuer);
    const tokens = await client.token({
      grant_type: 'authorization_code',
      code: back?.searchParams.get('code') ?? '',
      redirect_uri: callback.url,
      client_id: registered.client_id as string,
      code_verifier: verifier,
      resource: resourceMeta.resource,
    });
    expect(tokens.status).toBe(200);
    return { client, clientId: registered.client_id as string, tokens: tokens.body };
  } finally {
    await callback.close();
  }
}

/** Refresh, then revoke: the new access token works until the grant is revoked. */
async function refreshAndRevoke(
  base: string,
  connected: Awaited<ReturnType<typeof connectThroughBrowser>>,
) {
  const refreshed = await connected.client.token({
    grant_type: 'refresh_token',
    refresh_token: connected.tokens.refresh_token,
    client_id: connected.clientId,
  });
  expect(refreshed.status).toBe(200);
  expect((await mcp(base, refreshed.body.access_token, 'tools/list')).status).toBe(200);
  const revoked = await fetch(`${base}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: refreshed.body.refresh_token,
      client_id: connected.clientId,
    }).toString(),
  });
  expect(revoked.status).toBe(200);
  expect((await mcp(base, refreshed.body.access_token, 'tools/list')).status).toBe(401);
}

describe('two instances behind HAProxy on PostgreSQL', () => {
  let postgres: Awaited<ReturnType<typeof startPostgres>>;
  let proxy: Haproxy;
  const instances: TeamInstance[] = [];
  let base: string;
  beforeAll(async () => {
    postgres = await startPostgres();
    const lbPort = await freePort();
    base = `http://127.0.0.1:${lbPort}`;
    // One at a time: the first migrates the database (the second would wait for its lock).
    for (const _ of [0, 1])
      instances.push(
        await startTeamInstance({
          portal: sim.url,
          store: postgres.url,
          publicUrl: base,
          args: ['--trust-proxy', '--toolsets', 'all'],
        }),
      );
    proxy = await startHaproxy({
      port: lbPort,
      backends: instances.map((instance, i) => ({ name: `i${i}`, port: instance.port })),
      healthPath: '/health',
    });
  }, 120_000);
  afterAll(async () => {
    await proxy?.stop();
    for (const instance of instances) await instance.stop('SIGKILL');
    postgres?.stop();
  });

  it('discovery, registration, sign-in, consent, calls, refresh and revoke; one instance killed mid-run loses nothing', async () => {
    const page = await browser.newPage();
    const connected = await connectThroughBrowser(base, page, [
      'consumers',
      'catalog',
      'workflows',
    ]);
    await page.close();
    const token = connected.tokens.access_token;
    const ids = seedIds(sim);

    // Both instances serve the person (round robin), as the person.
    const who = await mcp(base, token, 'tools/call', { name: 'get_current_user', arguments: {} });
    expect(who.body.result.content[0].text).toContain(person.username);

    // A preview made on one instance is confirmed on the other.
    await proxy.disable('i1');
    const preview = await mcp(base, token, 'tools/call', {
      name: 'delete_consumer',
      arguments: { bunitId: ids.acme, consumerId: ids.exch01 },
    });
    const confirmationToken = preview.body.result.structuredContent.confirmationToken as string;
    await proxy.enable('i1');
    await proxy.disable('i0');
    const deleted = await mcp(base, token, 'tools/call', {
      name: 'delete_consumer',
      arguments: { bunitId: ids.acme, consumerId: ids.exch01, confirm: true, confirmationToken },
    });
    expect(deleted.body.result.isError, deleted.body.result.content[0].text).toBeFalsy();
    await proxy.enable('i0');

    // The same machine enrolled on both instances at once: one enrollment, no duplicate.
    const enroll = (at: TeamInstance) =>
      mcp(at.url, token, 'tools/call', {
        name: 'enroll_machine',
        arguments: { bunitId: ids.acme, name: 'browser-e2e-01', operatingSystem: 'Linux' },
      });
    const [first, second] = await Promise.all(instances.map(enroll));
    expect(
      [first?.status, second?.status],
      JSON.stringify([first?.body, second?.body]).slice(0, 800),
    ).toEqual([200, 200]);
    expect(
      sim.state.consumers.filter((c) => c.name === 'browser-e2e-01'),
      JSON.stringify([first?.body, second?.body]).slice(0, 1500),
    ).toHaveLength(1);

    // 60 calls, 6 at a time; instance i0 is killed after the first 20 have answered. A call that
    // fails with the instance is retried once by the client, as MCP clients do with a read.
    let answered = 0;
    let killed: Promise<void> | undefined;
    const call = async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await mcp(base, token, 'tools/call', {
            name: 'list_consumers',
            arguments: { bunitId: ids.acme },
          });
          if (r.status === 200 && r.body.result && !r.body.result.isError) return 'ok';
          if (attempt > 0) return `failed: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
        } catch (error) {
          if (attempt > 0) return `failed: ${(error as Error).message}`;
        }
      }
    };
    const outcomes: string[] = [];
    const worker = async (calls: number) => {
      for (let i = 0; i < calls; i++) {
        outcomes.push(await call());
        if (++answered === 20) killed = instances[0]?.stop('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 6 }, () => worker(10)));
    await killed;
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);

    // Refresh and revoke through the survivor.
    await refreshAndRevoke(base, connected);

    // The audit holds every call that answered, and the confirmed impact of the delete.
    const exported = await runTeamCommand(['audit', '--store', postgres.url]);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const listed = lines.filter((l) => l.tool === 'list_consumers' && l.outcome === 'ok');
    expect(listed.length).toBeGreaterThanOrEqual(60);
    const confirmed = lines.find((l) => l.tool === 'delete_consumer' && l.impact);
    expect(confirmed.impact.preview).toContain('acme-exch01');
    expect(new Set(lines.map((l) => l.instance)).size).toBe(2);
  }, 120_000);
});

describe('one instance on the embedded store', () => {
  let instance: TeamInstance;
  beforeAll(async () => {
    instance = await startTeamInstance({ portal: sim.url });
  }, 60_000);
  afterAll(() => instance?.stop());

  it('discovery, registration, sign-in, consent, a tool call, refresh and revoke', async () => {
    const page = await browser.newPage();
    const connected = await connectThroughBrowser(instance.url, page, ['catalog']);
    await page.close();
    const who = await mcp(instance.url, connected.tokens.access_token, 'tools/call', {
      name: 'get_current_user',
      arguments: {},
    });
    expect(who.body.result.content[0].text).toContain(person.username);
    const listed = await mcp(instance.url, connected.tokens.access_token, 'tools/list');
    expect(
      listed.body.result.tools.every((t: { name: string }) => t.name !== 'create_consumer'),
    ).toBe(true);
    await refreshAndRevoke(instance.url, connected);
  }, 60_000);
});
