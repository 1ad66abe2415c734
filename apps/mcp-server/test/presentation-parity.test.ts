import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { columnHeader } from '@cloutapi/resources';
import { demoCredentials } from '@cloutapi/simulator';
import { baseEnv } from '@cloutapi/vitest-config';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SECRET_PLACEHOLDER } from '../src/format/compact.js';
import { type Harness, harness, seedIds } from './support.js';

/** The built CLI (a dev dependency, so built before these tests). */
const CLI = join(
  dirname(fileURLToPath(import.meta.resolve('@cloutapi/cli/package.json'))),
  'dist/bin/cloutapi.cjs',
);

// Secret-named fields a portal could add to a node: one per name auth's list knows.
const ADDED_SECRETS: Record<string, string> = {
  password: 'added-password-0001',
  newPassword: 'added-newpassword-0002',
  access_token: 'added-access-token-0003',
  accessToken: 'added-accesstoken-0004',
  refresh_token: 'added-refresh-token-0005',
  refreshToken: 'added-refreshtoken-0006',
  client_secret: 'added-client-secret-0007',
  authorization: 'Bearer added-authorization-0008',
};
// Named like a secret but none: both apps show it.
const LOOKALIKE = { passwordPolicy: 'shown-policy-0009' };

let h: Harness | undefined;
let proxy: Server | undefined;
const cacheDir = mkdtempSync(join(tmpdir(), 'cloutapi-parity-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
afterEach(async () => {
  proxy?.closeAllConnections();
  await new Promise((done) => (proxy ? proxy.close(done) : done(undefined)));
  await h?.close();
  h = undefined;
});

/**
 * The simulator behind a pass-through proxy that adds {@link ADDED_SECRETS} and
 * {@link LOOKALIKE} to every node it answers with (the simulator's own node has its tsmPassword).
 */
async function nodeWithSecrets(target: () => string): Promise<string> {
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      ['origin', 'authorization', 'content-type', 'accept']
        .filter((name) => typeof req.headers[name] === 'string')
        .map((name) => [name, req.headers[name] as string]),
    );
    const upstream = await fetch(`${target()}${req.url}`, {
      method: req.method,
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    let body = await upstream.text();
    if (upstream.ok && /\/consumers\/\d+\/node$/.test(req.url ?? ''))
      body = JSON.stringify({ ...JSON.parse(body), ...ADDED_SECRETS, ...LOOKALIKE });
    res.writeHead(upstream.status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((done) => proxy?.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

async function cloutapi(args: string[], url: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
    env: {
      ...baseEnv(),
      HOME: tmpdir(),
      CLOUTAPI_URL: url,
      CLOUTAPI_CLIENT_ID: demoCredentials.clientId,
      CLOUTAPI_ORIGIN: demoCredentials.origin,
      CLOUTAPI_USERNAME: demoCredentials.username,
      CLOUTAPI_PASSWORD: demoCredentials.password,
      CLOUTAPI_CACHE_DIR: cacheDir,
    },
  });
  return stdout;
}

describe('the CLI and the MCP server hide the same secret fields', () => {
  it('a node with tsmPassword and token-named fields: --json, the table and the tool', async () => {
    let simUrl = '';
    const url = await nodeWithSecrets(() => simUrl);
    h = await harness({ portal: { baseUrl: url } });
    simUrl = h.sim.url;
    const { acme, dc01 } = seedIds(h.sim);
    const tsmPassword = h.sim.state.nodes.find((n) => n.consumerId === dc01)?.tsmPassword;
    expect(tsmPassword).toBeTruthy();
    const secrets = [tsmPassword as string, ...Object.values(ADDED_SECRETS)];
    const expected = ['tsmPassword', ...Object.keys(ADDED_SECRETS)].sort();
    const hiddenBy = (fields: [string, unknown][], words: string) =>
      fields
        .filter(([, value]) => value === words)
        .map(([key]) => key)
        .sort();

    const args = ['nodes', 'get', '--bunit', String(acme), '--consumer', String(dc01)];
    const json = await cloutapi([...args, '--json'], url);
    const table = await cloutapi(args, url);
    const tool = await h.call('get_node', { bunitId: acme, consumerId: dc01 });

    expect(hiddenBy(Object.entries(JSON.parse(json)), '[hidden]')).toEqual(expected);
    const rows = table.split('\n').map((line) => line.split(/\s{2,}/) as [string, string]);
    expect(hiddenBy(rows, '[hidden]')).toEqual(expected);
    expect(hiddenBy(Object.entries(tool.structured.item as object), SECRET_PLACEHOLDER)).toEqual(
      expected,
    );
    for (const [where, text] of [
      ['--json', json],
      ['table', table],
      ['tool', JSON.stringify(tool)],
    ]) {
      for (const secret of secrets) expect(text, where).not.toContain(secret);
      expect(text, where).toContain(LOOKALIKE.passwordPolicy);
    }
  });
});

describe('the CLI and the MCP server read a list the same way', () => {
  it('bunits users: the same columns, and every cell the same text (yes/no, times to the minute)', async () => {
    h = await harness();
    const { acme } = seedIds(h.sim);
    const table = await cloutapi(['bunits', 'users', '--bunit', String(acme)], h.sim.url);
    const tool = await h.call('list_business_unit_users', { bunitId: acme });
    const cliLines = table.trim().split('\n');
    const cells = (line: string, separator: RegExp) =>
      line
        .split(separator)
        .map((cell) => cell.trim())
        .filter(Boolean);
    const [head = '', ...rows] = tool.text.split('\n').slice(1); // after "2 of 2 (offset 0)"
    expect(cells(cliLines[0] ?? '', /\s{2,}/)).toEqual(cells(head, / \| /).map(columnHeader));
    expect(rows.length).toBe(2);
    expect(cliLines.slice(1).map((line) => cells(line, /\s{2,}/))).toEqual(
      rows.map((line) => cells(line, / \| /)),
    );
    expect(tool.text).toMatch(/ \| no \| \d{4}-\d{2}-\d{2} \d{2}:\d{2}Z$/m);
  });
});
