import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printedMatch, startProcess } from '@cloutapi/vitest-config/processes';
import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernHttp,
} from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BIN, serveHttp } from './support.js';

const text = (r: unknown) => (r as { content?: { text: string }[] }).content?.[0]?.text ?? '';

describe('Streamable HTTP keeps no sessions', () => {
  it('a 2025 client: no session id, every request stands alone; GET is refused', async () => {
    const s = await serveHttp();
    for (const _ of [1, 2]) {
      const { client, transport } = await s.client();
      expect(transport.sessionId).toBeUndefined();
      const r = await client.callTool({ name: 'find_business_unit', arguments: { query: 'acme' } });
      expect(text(r)).toContain('Acme Corporation');
      await client.close();
    }
    const get = await fetch(s.http.url, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    await s.stop();
  });

  it('a 2026-07-28 client: server/discover, then calls with the envelope', async () => {
    const s = await serveHttp();
    const client = new ModernClient(
      { name: 'modern', version: '1' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(new ModernHttp(new URL(s.http.url)));
    expect(client.getServerVersion()?.name).toBe('cloutapi');
    const r = await client.callTool({ name: 'find_business_unit', arguments: { query: 'globex' } });
    expect(text(r)).toContain('Globex Industries');
    await client.close();
    await s.stop();
  });

  it('a __proto__ key in a POST is refused with -32602 before the SDK could drop it; bad JSON is -32700', async () => {
    const s = await serveHttp();
    const post = (body: string) =>
      fetch(s.http.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body,
      });
    const smuggled = await post(
      '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"find_business_unit","arguments":{"query":"acme","__proto__":{"x":1}}}}',
    );
    expect(smuggled.status).toBe(400);
    expect(await smuggled.json()).toMatchObject({ id: 7, error: { code: -32602 } });
    const broken = await post('{"jsonrpc":');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ id: null, error: { code: -32700 } });
    expect(s.sim.stats.log).toHaveLength(0);
    await s.stop();
  });

  it('2026-07-28 over HTTP: Mcp-Method and Mcp-Name must match the body (-32020); tools/list says how long to cache it', async () => {
    const s = await serveHttp();
    const envelope = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const post = (body: object, headers: Record<string, string>) =>
      fetch(s.http.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2026-07-28',
          ...headers,
        },
        body: JSON.stringify(body),
      });
    const call = {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'whoami', arguments: {}, _meta: envelope },
    };
    const mismatched: Record<string, string>[] = [
      {},
      { 'mcp-method': 'tools/call', 'mcp-name': 'delete_node' },
    ];
    for (const headers of mismatched) {
      const r = await post(call, headers);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ error: { code: -32020 } });
    }
    const list = await post(
      { jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta: envelope } },
      { 'mcp-method': 'tools/list' },
    );
    expect(list.status).toBe(200);
    expect(((await list.json()) as { result: unknown }).result).toMatchObject({
      ttlMs: 600_000,
      cacheScope: 'private',
    });
    expect(s.sim.stats.log).toHaveLength(0); // the refused call reached nothing
    await s.stop();
  });

  // The built server in its own process, as a team runs it; the clients here. What counts is that
  // every one is served: the time limits are generous, so a busy machine cannot fail it.
  it(
    '200 clients at once, old and new, against the built server: every one is served',
    async () => {
      const server = startProcess(process.execPath, [BIN, '--demo', '--http', '--port', '0'], {
        env: {
          ...process.env,
          NODE_NO_WARNINGS: '1',
          CLOUTAPI_CACHE_DIR: mkdtempSync(join(tmpdir(), 'cloutapi-mcp-')),
        },
      });
      // A failed assertion below must not leave the server running.
      onTestFinished(() => void server.child.kill('SIGTERM'));
      const [, url = ''] = await printedMatch(server, /Streamable HTTP at (\S+)/, 'stderr');
      const patient = { timeout: 10 * 60_000 };
      const one = async (i: number) => {
        const client =
          i % 2 === 0
            ? new Client({ name: `legacy-${i}`, version: '1' })
            : new ModernClient(
                { name: `modern-${i}`, version: '1' },
                {
                  versionNegotiation: {
                    mode: { pin: '2026-07-28' },
                    probe: { timeoutMs: patient.timeout },
                  },
                },
              );
        await (client instanceof ModernClient
          ? client.connect(new ModernHttp(new URL(url)), patient)
          : client.connect(new StreamableHTTPClientTransport(new URL(url)), patient));
        const { tools } = await client.listTools(undefined, patient);
        const me =
          client instanceof ModernClient
            ? await client.callTool({ name: 'whoami', arguments: {} }, patient)
            : await client.callTool({ name: 'whoami', arguments: {} }, undefined, patient);
        await client.close();
        return tools.length > 0 && text(me).includes('Example Reseller');
      };
      const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => one(i)));
      const failed = results.filter((r) => r.status === 'rejected' || r.value !== true);
      expect(
        failed.map((r) =>
          r.status === 'rejected'
            ? `${String(r.reason)} ${String((r.reason as { cause?: unknown }).cause ?? '')}`
            : 'wrong answer',
        ),
      ).toEqual([]);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    },
    15 * 60_000,
  );
});
