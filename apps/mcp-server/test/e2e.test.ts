import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mcpInitialize, printedMatch, startProcess } from '@cloutapi/vitest-config/processes';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { allTools, selectTools, startHttpServer } from '../src/index.js';
import { BIN, serveHttp, stdioClient } from './support.js';

const run = promisify(execFile);
const INSPECTOR = createRequire(import.meta.url)
  .resolve('@modelcontextprotocol/inspector/package.json')
  .replace(/package\.json$/, 'clients/launcher/build/index.js');
// Node's compile cache goes to a directory of this run, not the user's.
const cacheRoot = mkdtempSync(join(tmpdir(), 'cloutapi-mcp-cache-'));
const quietEnv = { ...process.env, NODE_NO_WARNINGS: '1', CLOUTAPI_CACHE_DIR: cacheRoot };

describe('the built server over stdio', () => {
  const hasCompileCache = 'enableCompileCache' in module;
  const startServer = async (dir: string, env: Record<string, string> = {}) => {
    const started = await stdioClient({
      command: process.execPath,
      args: [BIN, '--demo', '--debug'],
      env: { ...quietEnv, CLOUTAPI_CACHE_DIR: dir, ...env },
    });
    expect((await started.client.listTools()).tools.length).toBeGreaterThan(3);
    return started;
  };

  it("turns on Node's compile cache where Node has one (22.1+), written once tools/list is answered; Node 20 runs without", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloutapi-mcp-cache-'));
    const compiled = () =>
      existsSync(join(dir, 'compile'))
        ? readdirSync(join(dir, 'compile'), { recursive: true })
        : [];
    const first = await startServer(dir);
    const me = await first.client.callTool({ name: 'whoami', arguments: {} });
    expect((me.content as { text: string }[])[0]?.text).toContain('home unit Example Reseller');
    if (hasCompileCache) {
      expect(first.stderr()).toContain(`compile cache: enabled (${join(dir, 'compile')})`);
      // Flushed soon after the first answer, while the server keeps running.
      await vi.waitFor(() => expect(compiled().length).toBeGreaterThan(1), { timeout: 120_000 });
      await first.client.close();
      const off = await startServer(dir, { NODE_DISABLE_COMPILE_CACHE: '1' });
      expect(off.stderr()).toContain('compile cache: disabled');
      await off.client.close();
    } else {
      await first.client.close();
      expect(first.stderr()).toContain('compile cache: not available on this Node');
      expect(compiled()).toEqual([]);
    }
  });

  it('cloutapi-mcp --demo answers tools/list and a tools/call, and stdout carries only JSON-RPC', async () => {
    const { client, stderr } = await stdioClient({
      command: process.execPath,
      args: [BIN, '--demo'],
      env: quietEnv,
    });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('enroll_machine');
    const hidden = await client.callTool({ name: 'get_api_version', arguments: {} }); // not a default toolset
    expect(hidden.isError).toBe(true);
    expect((hidden.content as { text: string }[])[0]?.text).toMatch(
      /^get_api_version is not served here: it is in toolset catalog, which is not enabled; enable it with --toolsets /,
    );
    const me = await client.callTool({ name: 'whoami', arguments: {} });
    expect((me.content as { text: string }[])[0]?.text).toContain('home unit Example Reseller');
    expect(client.getInstructions()).toContain('find_business_unit');
    await client.close();
    expect(stderr()).toContain('demo mode: the embedded simulator runs at http://127.0.0.1:');
  });

  it('--read-only and --toolsets shape the list; a bad flag exits 2 with a message', async () => {
    const { client } = await stdioClient({
      command: process.execPath,
      args: [BIN, '--demo', '--read-only', '--toolsets', 'nodes,proxies'],
      env: quietEnv,
    });
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(3);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.some((t) => t.name === 'list_possible_proxy_nodes')).toBe(true);
    await client.close();
    const bad = await run(process.execPath, [BIN, '--toolsets', 'everything'], {
      env: quietEnv,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('unknown toolset everything; choose from');
  });
});

describe('the MCP Inspector CLI', () => {
  const inspect = async (target: string[], args: string[]) =>
    JSON.parse(
      (
        await run(process.execPath, [INSPECTOR, '--cli', ...target, ...args], {
          env: quietEnv,
          timeout: 150_000,
        })
      ).stdout,
    );
  const stdio = [process.execPath, BIN, '--demo'];
  const find = [
    '--method',
    'tools/call',
    '--tool-name',
    'find_business_unit',
    '--tool-arg',
    'query=labs',
  ];

  it.each(['legacy', 'modern'])(
    'lists the tools and calls one over stdio (--protocol-era %s)',
    async (era) => {
      const eraFlag = ['--protocol-era', era];
      const { tools } = await inspect(stdio, ['--method', 'tools/list', ...eraFlag]);
      expect(tools.map((t: { name: string }) => t.name)).toContain('backup_health');
      const call = await inspect(stdio, [...find, ...eraFlag]);
      expect(call.content[0].text).toContain('Initech Labs Berlin');
    },
  );

  it.each(['legacy', 'modern'])(
    'lists the tools and calls one over HTTP (--protocol-era %s)',
    async (era) => {
      const server = startProcess(process.execPath, [BIN, '--demo', '--http', '--port', '0'], {
        env: quietEnv,
      });
      // A failed assertion below must not leave the server running.
      onTestFinished(() => void server.child.kill('SIGTERM'));
      const [, url = ''] = await printedMatch(server, /Streamable HTTP at (\S+)/, 'stderr');
      const target = [url, '--transport', 'http', '--protocol-era', era];
      const { tools } = await inspect(target, ['--method', 'tools/list']);
      expect(tools.map((t: { name: string }) => t.name)).toContain('backup_health');
      const call = await inspect(target, find);
      expect(call.content[0].text).toContain('Initech Labs Berlin');
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    },
  );
});

describe('Streamable HTTP', () => {
  it('serves an SDK client on 127.0.0.1', async () => {
    const s = await serveHttp();
    const { client } = await s.client();
    expect((await client.listTools()).tools.length).toBeGreaterThan(10);
    const result = await client.callTool({
      name: 'find_business_unit',
      arguments: { query: 'globex' },
    });
    expect((result.content as { text: string }[])[0]?.text).toContain('Globex Industries');
    await client.close();
    await s.stop();
  });

  it('rejects a foreign Host or Origin (DNS rebinding); a session id from before is ignored', async () => {
    const { sim, http, stop } = await serveHttp();
    const post = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        // node:http, because fetch does not let a caller set Host
        const url = new URL(http.url);
        import('node:http').then(({ request }) => {
          const req = request(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname,
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                accept: 'application/json, text/event-stream',
                ...headers,
              },
            },
            (res) => {
              let body = '';
              res.on('data', (c) => {
                body += c;
              });
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify(mcpInitialize('x')));
        });
      });
    const foreignHost = await post({ host: 'evil.example:80' });
    expect(foreignHost.status).toBe(403);
    expect(JSON.parse(foreignHost.body).error.message).toBe(
      'Host "evil.example:80" is not allowed',
    );
    const foreignOrigin = await post({ origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    expect(JSON.parse(foreignOrigin.body).error.message).toBe(
      'Origin "https://evil.example" is not allowed',
    );
    // Stateless: nothing to expire, so a client holding an id from an older server goes on.
    const oldSession = await post({ 'mcp-session-id': 'not-a-session' });
    expect(oldSession.status).toBe(200);
    const ok = await post({ origin: new URL(http.url).origin });
    expect(ok.status).toBe(200);
    expect(sim.stats.log).toHaveLength(0); // nothing reaches the portal before a tool call
    await stop();
  });

  it('refuses a non-loopback bind without a token, and checks the token when one is set', async () => {
    const { setup, stop } = await serveHttp();
    await expect(
      startHttpServer(setup, { host: '0.0.0.0', port: 0, log: () => {} }),
    ).rejects.toThrow(/without a bearer token: set CLOUTAPI_MCP_TOKEN/);
    const http = await startHttpServer(setup, {
      host: '127.0.0.1',
      port: 0,
      token: 'sekrit-token-123',
      log: () => {},
    });
    const anonymous = new Client({ name: 'anon', version: '1' });
    await expect(
      anonymous.connect(new StreamableHTTPClientTransport(new URL(http.url))),
    ).rejects.toThrow();
    const authed = new Client({ name: 'authed', version: '1' });
    await authed.connect(
      new StreamableHTTPClientTransport(new URL(http.url), {
        requestInit: { headers: { Authorization: 'Bearer sekrit-token-123' } },
      }),
    );
    expect((await authed.listTools()).tools.length).toBeGreaterThan(0);
    await authed.close();
    await http.close();
    await stop();
  });

  it('the bin serves HTTP with --http and stops on SIGTERM', async () => {
    const server = startProcess(process.execPath, [BIN, '--demo', '--http', '--port', '0'], {
      env: quietEnv,
    });
    // A failed assertion below must not leave the server running.
    onTestFinished(() => void server.child.kill('SIGTERM'));
    const [, url = ''] = await printedMatch(server, /Streamable HTTP at (\S+)/, 'stderr');
    const client = new Client({ name: 'bin-http', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    expect((await client.listTools()).tools.length).toBe(selectTools(allTools()).length);
    await client.close();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
