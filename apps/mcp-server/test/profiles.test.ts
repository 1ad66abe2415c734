import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { baseEnv } from '@cloutapi/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, seedIds, stdioClient, writes } from './support.js';

/** The test portal's own account: nothing of production's works there. */
const TESTER = { username: 'tester@test-portal.example', password: 'test-portal-pw-2' };

let prod: RunningSimulator;
let test: RunningSimulator;
let server: Awaited<ReturnType<typeof stdioClient>>;

/** A user whose profiles file serves production (read-only), a staging account and a test portal. */
function profilesHome(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'cloutapi-mcp-profiles-'));
  const dir = join(home, 'config', 'cloutapi');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = (name: string, password: string) => {
    const file = join(home, `password-${name}`);
    writeFileSync(file, password, { mode: 0o600 });
    return `{ command: "cat '${file}'" }`;
  };
  const profile = (name: string, sim: RunningSimulator, account: typeof TESTER, extra = '') =>
    `  ${name}:\n    url: ${sim.url}\n    client_id: ${demoCredentials.clientId}\n    client_origin: ${demoCredentials.origin}\n    username: ${account.username}\n    password: ${secret(name, account.password)}\n${extra}`;
  writeFileSync(
    join(dir, 'profiles.yaml'),
    `default: prod\nprofiles:\n${profile('prod', prod, demoCredentials, '    read_only: true\n')}${profile('staging', prod, demoCredentials)}${profile('test', test, TESTER)}`,
    { mode: 0o600 },
  );
  return { HOME: home, XDG_CONFIG_HOME: join(home, 'config') };
}

beforeAll(async () => {
  [prod, test] = await Promise.all([
    startSimulator(),
    startSimulator({ users: [{ ...TESTER, displayName: 'Test Portal Tester' }] }),
  ]);
  server = await stdioClient({
    command: process.execPath,
    args: [BIN, '--toolsets', 'all'],
    env: { ...baseEnv(), NODE_NO_WARNINGS: '1', ...profilesHome() },
    cwd: '/',
  });
});
afterAll(async () => {
  await server?.client.close();
  await Promise.all([prod?.stop(), test?.stop()]);
});

type Result = {
  content: { text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};
const call = async (name: string, args: Record<string, unknown>) =>
  (await server.client.callTool({ name, arguments: args })) as Result;

describe('one MCP server, several profiles', () => {
  it('gives every tool a profile argument: the names, the default, the read-only', async () => {
    const { tools } = await server.client.listTools();
    expect(tools.length).toBeGreaterThan(40);
    for (const tool of tools) {
      const profile = (tool.inputSchema.properties as Record<string, Record<string, unknown>>)
        .profile;
      expect(profile?.enum, tool.name).toEqual(['prod', 'staging', 'test']);
      expect(profile?.description).toContain('default "prod"');
      expect(tool.inputSchema.required ?? []).not.toContain('profile');
    }
    const create = tools.find((t) => t.name === 'create_consumer');
    const createArgs = create?.inputSchema.properties as Record<string, { description: string }>;
    expect(createArgs.profile?.description).toContain('Read-only, so refused here: prod');
    expect(server.stderr()).toContain('profiles prod (default, read-only), staging, test');
  });

  it('routes each call by its profile argument; whoami lists the profiles', async () => {
    const byDefault = await call('whoami', {});
    expect(byDefault.structuredContent).toMatchObject({
      profile: 'prod',
      user: { name: demoCredentials.username },
    });
    const other = await call('whoami', { profile: 'test' });
    expect(other.isError).toBeFalsy();
    expect(other.structuredContent).toMatchObject({
      profile: 'test',
      user: { name: TESTER.username },
      profiles: [
        { name: 'prod', url: prod.url, readOnly: true, default: true },
        { name: 'staging', url: prod.url, readOnly: false, default: false },
        { name: 'test', url: test.url, username: TESTER.username, readOnly: false },
      ],
    });
    expect(other.content[0]?.text).toContain('- prod (default): demo@');
    expect(JSON.stringify(other)).not.toContain(TESTER.password);
  });

  it('refuses a write on the read-only profile and sends nothing; the same write goes to test', async () => {
    const { acme } = seedIds(prod);
    const [prodWrites, testWrites] = [writes(prod), writes(test)];
    const refused = await call('create_consumer', { bunitId: acme, name: 'mcp-profile-new' });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toBe(
      'create_consumer changes the portal, and the profile "prod" is read-only: nothing was sent. Writable: "staging", "test".',
    );
    expect(writes(prod)).toBe(prodWrites);
    const made = await call('create_consumer', {
      bunitId: seedIds(test).acme,
      name: 'mcp-profile-new',
      profile: 'test',
    });
    expect(made.isError, made.content[0]?.text).toBeFalsy();
    expect(test.state.consumers.some((c) => c.name === 'mcp-profile-new')).toBe(true);
    expect(prod.state.consumers.some((c) => c.name === 'mcp-profile-new')).toBe(false);
    expect(writes(test)).toBeGreaterThan(testWrites);
    expect(writes(prod)).toBe(prodWrites);
  });

  it('names the served profiles for an unknown one', async () => {
    const r = await call('whoami', { profile: 'production' });
    expect(r.isError).toBe(true);
    expect(r.content[0]?.text).toBe(
      'profile: no profile named "production" here; expected one of "prod", "staging", "test".',
    );
  });

  it("never confirms a delete on one profile with another profile's preview", async () => {
    const { acme, exch01 } = seedIds(prod);
    const args = { bunitId: acme, consumerId: exch01 };
    const preview = await call('delete_consumer', { ...args, profile: 'staging' });
    const token = preview.structuredContent?.confirmationToken;
    expect(typeof token).toBe('string');
    // The same ids exist on the test portal (the same seed): the token must not carry over.
    const before = writes(test);
    const crossed = await call('delete_consumer', {
      ...args,
      profile: 'test',
      confirm: true,
      confirmationToken: token,
    });
    expect(crossed.isError).toBe(true);
    expect(writes(test)).toBe(before);
    expect(test.state.consumers.some((c) => c.id === exch01)).toBe(true);
    // On its own profile it confirms.
    const done = await call('delete_consumer', {
      ...args,
      profile: 'staging',
      confirm: true,
      confirmationToken: token,
    });
    expect(done.isError, done.content[0]?.text).toBeFalsy();
    expect(prod.state.consumers.some((c) => c.id === exch01)).toBe(false);
  });
});
