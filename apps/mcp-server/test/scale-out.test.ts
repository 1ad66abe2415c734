import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCredentials, startSimulator } from '@cloutapi/simulator';
import { baseEnv } from '@cloutapi/vitest-config';
import { printedMatch, type Started, startProcess } from '@cloutapi/vitest-config/processes';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, HAPROXY, type Haproxy, startHaproxy } from './haproxy.js';
import { BIN, seedIds, writes } from './support.js';

/**
 * Two instances of the built server behind Debian's HAProxy, one address: what one instance
 * previewed the other confirms, and a confirmation used on one is refused on the other. HAProxy's
 * admin socket puts one instance in maintenance at a time, so each step provably lands on the
 * instance it names.
 */
const stopping: Started[] = [];
let lb: Haproxy | undefined;
afterAll(async () => {
  await lb?.stop();
  for (const p of stopping) p.child.kill('SIGTERM');
  await Promise.all(stopping.map((p) => p.exited));
});

describe('two stateless instances behind one HAProxy address', () => {
  it('a preview made on one is confirmed on the other; a replayed confirmation is refused', async () => {
    expect(() => execFileSync(HAPROXY, ['-v'])).not.toThrow();
    const sim = await startSimulator();
    const dir = mkdtempSync(join(tmpdir(), 'cloutapi-scale-'));
    const lbPort = await freePort(); // before the instances: they allow its Host header
    const env = {
      ...baseEnv(),
      NODE_NO_WARNINGS: '1',
      HOME: dir,
      CLOUTAPI_CACHE_DIR: join(dir, 'cache'), // shared: the record of used confirmations
      CLOUTAPI_MCP_STATE_KEY: 'a key both instances share, 32 bytes or more',
      CLOUTAPI_URL: sim.url,
      CLOUTAPI_CLIENT_ID: demoCredentials.clientId,
      CLOUTAPI_ORIGIN: demoCredentials.origin,
      CLOUTAPI_USERNAME: demoCredentials.username,
      CLOUTAPI_PASSWORD: demoCredentials.password,
    };
    const instance = async () => {
      const p = startProcess(
        process.execPath,
        [
          BIN,
          '--http',
          '--port',
          '0',
          '--toolsets',
          'all',
          '--allowed-host',
          `127.0.0.1:${lbPort}`,
        ],
        { env },
      );
      stopping.push(p);
      const [, url = ''] = await printedMatch(p, /Streamable HTTP at (\S+)/, 'stderr');
      return Number(new URL(url).port);
    };
    const [a, b] = await Promise.all([instance(), instance()]);
    const proxy = await startHaproxy({
      port: lbPort,
      backends: [
        { name: 'a', port: a },
        { name: 'b', port: b },
      ],
    });
    lb = proxy;
    const only = async (server: 'a' | 'b') => {
      await proxy.enable(server);
      await proxy.disable(server === 'a' ? 'b' : 'a');
    };

    const call = async (args: Record<string, unknown>) => {
      const client = new Client({ name: 'through-the-lb', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${proxy.url}/mcp`)));
      const r = await client.callTool({ name: 'change_node_password', arguments: args });
      await client.close();
      const text = (r.content as { text: string }[])[0]?.text ?? '';
      return {
        text,
        isError: r.isError === true,
        structured: r.structuredContent as Record<string, unknown>,
      };
    };
    const { acme, dc01 } = seedIds(sim);
    const args = { bunitId: acme, consumerId: dc01, tsmPassword: 'Another-pass-1' };

    await only('a');
    const preview = await call(args);
    expect(preview.text).toMatch(/^PREVIEW ONLY/);
    const confirm = {
      ...args,
      confirm: true,
      confirmationToken: preview.structured.confirmationToken,
    };

    await only('b');
    const done = await call(confirm);
    expect(done.isError, done.text).toBe(false);
    const after = writes(sim);
    expect(after).toBeGreaterThan(0);

    await only('a');
    const replay = await call(confirm);
    expect(replay.isError).toBe(true);
    expect(replay.text).toContain('the confirmationToken was already used once');
    expect(writes(sim)).toBe(after);
    await sim.stop();
  });
});
