import { readFileSync } from 'node:fs';
import { baseEnv } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { BIN, stdioClient } from './support.js';

const dir = new URL('../../../examples/mcp/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** `claude mcp add NAME [-e K=V]... -- COMMAND ARGS...` */
function fromClaudeCode(text: string): Launch {
  const line = text.split('\n').find((l) => l.startsWith('claude mcp add'))!;
  const [head = '', tail = ''] = line.split(' -- ');
  const env = Object.fromEntries([...head.matchAll(/-e (\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const [command = '', ...args] = tail.trim().split(/\s+/);
  return { command, args, env: env as Record<string, string> };
}

function fromJson(text: string): Launch {
  const json = JSON.parse(text) as {
    mcpServers?: Record<string, Launch>;
    servers?: Record<string, Launch>;
  };
  const server = (json.mcpServers ?? json.servers)?.cloutapi;
  if (!server) throw new Error('no cloutapi server');
  return { command: server.command, args: server.args, env: server.env };
}

const configs: [string, Launch][] = [
  ['claude-code.sh', fromClaudeCode(read('claude-code.sh'))],
  ['claude-desktop.json', fromJson(read('claude-desktop.json'))],
  ['vscode.mcp.json', fromJson(read('vscode.mcp.json'))],
  ['cursor.mcp.json', fromJson(read('cursor.mcp.json'))],
];

describe('ready configs for the assistants', () => {
  it.each(configs)(
    '%s names the published server, sets the env vars, and has no secret inline',
    (name, launch) => {
      expect([launch.command, ...launch.args]).toEqual(['npx', '-y', '@cloutapi/mcp-server']);
      for (const key of [
        'CLOUTAPI_URL',
        'CLOUTAPI_CLIENT_ID',
        'CLOUTAPI_ORIGIN',
        'CLOUTAPI_USERNAME',
      ])
        expect(launch.env, name).toHaveProperty(key);
      const password = launch.env.CLOUTAPI_PASSWORD;
      if (password !== undefined) expect(password).toMatch(/^\$\{(input|env):[\w-]+\}$/);
      expect(read(name)).not.toMatch(
        /password["']?\s*[:=]\s*["']?(?!\$\{|true|false)[^\s"'$,]{4,}/i,
      );
    },
  );

  it.each(configs)(
    '%s starts the server it names (in demo mode) and lists its tools',
    async (_, launch) => {
      // npx would fetch the published package; the same package's built bin stands in for it.
      const env = Object.fromEntries(
        Object.entries(launch.env).map(([k, v]) => [
          k,
          v.replace(/\$\{(input|env):[\w-]+\}/, 'not-used-in-demo'),
        ]),
      );
      const { client } = await stdioClient({
        command: process.execPath,
        args: [BIN],
        env: { ...env, ...baseEnv(), CLOUTAPI_DEMO: '1' },
      });
      expect((await client.listTools()).tools.length).toBeGreaterThanOrEqual(15);
      await client.close();
    },
  );

  it('the README shows these exact configs', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [name] of configs) expect(readme, name).toContain(read(name).trim());
  });
});
