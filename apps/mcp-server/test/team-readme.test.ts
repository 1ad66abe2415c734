import { readFileSync } from 'node:fs';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Haproxy, startHaproxy } from './haproxy.js';
import { signIn } from './oauth-client.js';
import { startPostgres } from './postgres.js';
import { mcpCall, startTeamInstance, TEAM_KEY, type TeamInstance } from './team.js';

/**
 * The README's recipe for several instances, as written: its variables, its two command lines
 * and its HAProxy configuration (on loopback: plain HTTP instead of the TLS line), then a person
 * signs in through the load balancer and calls a tool.
 */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Several instances with PostgreSQL'));
const shell = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
const haproxy = /```haproxy\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

describe("the README's recipe for several instances", () => {
  let sim: RunningSimulator;
  let postgres: Awaited<ReturnType<typeof startPostgres>>;
  let proxy: Haproxy | undefined;
  const instances: TeamInstance[] = [];
  beforeAll(async () => {
    sim = await startSimulator();
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    for (const instance of instances) await instance.stop();
    postgres?.stop();
    await sim?.stop();
  });

  it('names the settings, starts two instances and the load balancer, and serves a person', async () => {
    const exported = [...shell.matchAll(/^export (.+)$/gm)].flatMap((m) =>
      [...(m[1] ?? '').matchAll(/(CLOUTAPI_\w+)=/g)].map((v) => v[1]),
    );
    expect(exported.sort()).toEqual([
      'CLOUTAPI_CLIENT_ID',
      'CLOUTAPI_MCP_STATE_KEY',
      'CLOUTAPI_MCP_STORE',
      'CLOUTAPI_ORIGIN',
      'CLOUTAPI_URL',
    ]);
    const commands = [...shell.matchAll(/^cloutapi-mcp (.+?)\s*&?$/gm)].map((m) =>
      (m[1] ?? '').split(/\s+/),
    );
    expect(commands).toHaveLength(2);
    const servers = [...haproxy.matchAll(/^\s*server (\w+) 127\.0\.0\.1:(\d+)/gm)];
    expect(servers.map((m) => m[2])).toEqual(
      commands.map((args) => args[args.indexOf('--port') + 1]),
    );

    // The ports and addresses of this machine; everything else as written.
    const lbPort = await freePort();
    const base = `http://127.0.0.1:${lbPort}`;
    const ports: Record<string, number> = {};
    for (const args of commands) {
      const written = args[args.indexOf('--port') + 1] ?? '';
      const port = await freePort();
      ports[written] = port;
      const rest = args.map((a, i) =>
        args[i - 1] === '--port' ? String(port) : args[i - 1] === '--public-url' ? base : a,
      );
      instances.push(
        await startTeamInstance({
          portal: sim.url,
          store: postgres.url,
          args: rest,
          env: {
            CLOUTAPI_CLIENT_ID: demoCredentials.clientId,
            CLOUTAPI_ORIGIN: demoCredentials.origin,
            CLOUTAPI_MCP_STATE_KEY: TEAM_KEY,
          },
        }),
      );
    }
    const config = (port: number) =>
      haproxy
        .replace(/127\.0\.0\.1:(\d+)/g, (_m, written: string) => `127.0.0.1:${ports[written]}`)
        .replace(/^\s*bind .*$/m, `  bind 127.0.0.1:${port}`)
        .replace('X-Forwarded-Proto https', 'X-Forwarded-Proto http');
    proxy = await startHaproxy({ backends: [], port: lbPort, config });

    const run = await signIn(base, {
      username: demoCredentials.username,
      password: demoCredentials.password,
    });
    expect(run.tokens.status).toBe(200);
    for (let i = 0; i < 4; i++) {
      const me = await mcpCall(base, run.tokens.body.access_token, 'tools/call', {
        name: 'get_current_user',
        arguments: {},
      });
      expect(me.body.result.content[0].text).toContain(demoCredentials.username);
    }
    const served = Object.values(await proxy.stats()).filter((s) => s.sessions > 0);
    expect(served.length).toBe(2);
  }, 120_000);
});
