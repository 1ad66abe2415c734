import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { baseEnv } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { BIN, stdioClient } from './support.js';

/** The built server as an assistant starts it: settings only from the environment given. */
const run = promisify(execFile);
const cache = mkdtempSync(join(tmpdir(), 'cloutapi-mcp-cache-'));
const bare = {
  ...baseEnv(),
  HOME: '/nonexistent',
  NODE_NO_WARNINGS: '1',
  CLOUTAPI_CACHE_DIR: cache,
};

/** Runs the bin to its exit (150 s catches a hang); resolves code and stderr. */
async function exits(args: string[], env: Record<string, string> = {}) {
  const r = await run(process.execPath, [BIN, ...args], {
    env: { ...bare, ...env },
    cwd: '/',
    timeout: 150_000,
  }).then(
    (ok) => ({ code: 0, stderr: ok.stderr, signal: null as string | null }),
    (e: { code: number; stderr: string; signal: string | null }) => e,
  );
  return { code: r.code, stderr: r.stderr, signal: r.signal };
}

async function connect(args: string[], env: Record<string, string>) {
  return stdioClient({
    command: process.execPath,
    args: [BIN, ...args],
    env: { ...bare, ...env },
    cwd: '/',
  });
}

const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('read-only fails closed', () => {
  it.each(['y', 'YES', 'On', '1', 'true'])(
    'CLOUTAPI_READ_ONLY=%s serves no writing tool',
    async (v) => {
      const { client } = await connect(['--demo', '--toolsets', 'all'], { CLOUTAPI_READ_ONLY: v });
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(30);
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      await client.close();
    },
  );

  it('CLOUTAPI_READ_ONLY=n serves the writing tools', async () => {
    const { client } = await connect(['--demo'], { CLOUTAPI_READ_ONLY: 'n' });
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('delete_consumer');
    await client.close();
  });

  it.each(['maybe', 'ja', '2'])(
    'CLOUTAPI_READ_ONLY=%s refuses to start, in one line',
    async (v) => {
      const r = await exits(['--demo'], { CLOUTAPI_READ_ONLY: v });
      expect(r.code).toBe(2);
      oneLine(r.stderr);
      expect(r.stderr).toContain(
        `CLOUTAPI_READ_ONLY="${v}" is not a yes/no value; use 1/0, true/false, yes/no, y/n or on/off`,
      );
    },
  );
});

describe('start without settings', () => {
  it('starts, lists the tools, and each call says how to configure it', async () => {
    const { client, stderr } = await connect([], {});
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('enroll_machine');
    const r = await client.callTool({ name: 'whoami', arguments: {} });
    const text = (r.content as { text: string }[])[0]?.text ?? '';
    expect(r.isError).toBe(true);
    expect(text).toMatch(/^cloutapi-mcp is not configured, so whoami cannot reach a portal: /);
    for (const part of [
      'CLOUTAPI_URL',
      'CLOUTAPI_CLIENT_ID',
      'cloutility-api-client.yaml',
      '--demo',
    ])
      expect(text).toContain(part);
    expect(text).not.toMatch(/--url|--client-id|--origin|--username|--password/);
    await client.close();
    expect(stderr()).toContain('not configured yet: missing the portal API URL');
    expect(stderr()).not.toMatch(/--url|--client-id/);
  });
});

describe('HTTP start-up failures: one line and a non-zero exit', () => {
  it('--http --port <taken>', async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)),
    );
    for (const args of [[], ['--demo']]) {
      const r = await exits([...args, '--http', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n').at(-1)).toBe(
        `cloutapi-mcp: port ${port} on 127.0.0.1 is already in use: choose another with --port (or CLOUTAPI_MCP_PORT; 0 picks a free one)`,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    await new Promise((resolve) => taken.close(resolve));
  });

  it('--demo --http --host 0.0.0.0 without a token exits instead of hanging', async () => {
    const r = await exits(['--demo', '--http', '--host', '0.0.0.0', '--port', '0']);
    expect(r.signal).toBeNull(); // not killed by the hang timeout
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toContain(
      'refusing to listen on 0.0.0.0 without a bearer token: set CLOUTAPI_MCP_TOKEN',
    );
  });
});
