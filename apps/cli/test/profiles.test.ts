import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliJson, portalFlags, tempDir, userFolders } from './helpers.js';

/** The second portal's own account: nothing of the first one works there. */
const TESTER = { username: 'tester@test-portal.example', password: 'test-portal-pw-2' };

let prodSim: RunningSimulator;
let testSim: RunningSimulator;
beforeAll(async () => {
  [prodSim, testSim] = await Promise.all([
    startSimulator(),
    startSimulator({ users: [{ ...TESTER, displayName: 'Test Portal Tester' }] }),
  ]);
});
afterAll(async () => {
  await Promise.all([prodSim?.stop(), testSim?.stop()]);
});

const root = tempDir('cloutapi-profiles-');
let homes = 0;
const user = () => userFolders(root, `home-${++homes}`);

/** Adds a profile through the CLI, its password from a command that counts its runs. */
async function addProfile(
  env: NodeJS.ProcessEnv,
  name: string,
  sim: RunningSimulator,
  account: { username: string; password: string },
  extra: string[] = [],
) {
  const counter = join(env.HOME as string, `asked-${name}`);
  // The password in a file of the user's, so the command (shown by list) does not hold it.
  const secret = join(env.HOME as string, `password-${name}`);
  writeFileSync(secret, account.password, { mode: 0o600 });
  const result = await cli(
    [
      'profile',
      'add',
      name,
      ...portalFlags(sim.url, account.username),
      '--password-command',
      `echo x >> '${counter}'; cat '${secret}'`,
      ...extra,
    ],
    { env },
  );
  expect(result.code, result.stderr).toBe(0);
  return counter;
}

/** What the simulator refused as unauthorized: a token of another portal would show here. */
const refusals = (sim: RunningSimulator) => sim.stats.log.filter((e) => e.status === 401).length;

describe('profiles in the CLI', () => {
  it('talks to each portal by name and never mixes their tokens', async () => {
    const env = user();
    await addProfile(env, 'prod', prodSim, demoCredentials);
    await addProfile(env, 'test', testSim, TESTER);
    const grants = [prodSim, testSim].map((s) => s.stats.tokenGrants.password);
    const refused = [prodSim, testSim].map(refusals);
    // Back and forth, by flag and by variable: each run reaches its own portal as its own user.
    for (let round = 0; round < 3; round++) {
      const prod = await cliJson<{ user: { name: string } }>(['--profile', 'prod', 'whoami'], {
        env,
      });
      expect(prod.user.name).toBe(demoCredentials.username);
      const test = await cliJson<{ user: { name: string } }>(['whoami'], {
        env: { ...env, CLOUTAPI_PROFILE: 'test' },
      });
      expect(test.user.name).toBe(TESTER.username);
    }
    // One sign-in on each portal, then cached tokens: none ever sent to the other portal.
    expect(prodSim.stats.tokenGrants.password - (grants[0] as number)).toBe(1);
    expect(testSim.stats.tokenGrants.password - (grants[1] as number)).toBe(1);
    expect(refusals(prodSim)).toBe(refused[0]);
    expect(refusals(testSim)).toBe(refused[1]);
    const cache = env.CLOUTAPI_CACHE_DIR as string;
    expect(readdirSync(cache).filter((f) => f.startsWith('tokens-'))).toHaveLength(2);
  });

  it("keeps each profile's tokens apart even on one portal and account", async () => {
    const env = user();
    await addProfile(env, 'one', prodSim, demoCredentials);
    await addProfile(env, 'two', prodSim, demoCredentials);
    const before = prodSim.stats.tokenGrants.password;
    await cliJson(['--profile', 'one', 'whoami'], { env });
    await cliJson(['--profile', 'two', 'whoami'], { env });
    await cliJson(['--profile', 'one', 'whoami'], { env });
    expect(prodSim.stats.tokenGrants.password - before).toBe(2);
  });

  it('asks the password command only when it signs in', async () => {
    const env = user();
    const counter = await addProfile(env, 'prod', prodSim, demoCredentials);
    for (let i = 0; i < 3; i++) await cliJson(['whoami'], { env });
    expect(readFileSync(counter, 'utf8')).toBe('x\n');
  });

  it('lists, tests, makes default and removes profiles; the first added is the default', async () => {
    const env = user();
    await addProfile(env, 'prod', prodSim, demoCredentials, ['--read-only']);
    await addProfile(env, 'test', testSim, TESTER);
    const listed = await cliJson<{ name: string; default: boolean; readOnly: boolean }[]>(
      ['profile', 'list'],
      { env },
    );
    expect(listed.map((p) => [p.name, p.default, p.readOnly])).toEqual([
      ['prod', true, true],
      ['test', false, false],
    ]);
    expect(JSON.stringify(listed)).not.toContain(TESTER.password);
    const human = await cli(['profile', 'test', 'test'], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('profile    test');
    expect(human.stdout).toContain(`portal     ${testSim.url}`);
    expect(human.stdout).toContain('Test Portal Tester');
    expect(human.stdout).toMatch(/API\s+\S+/);
    expect((await cli(['profile', 'default', 'test'], { env })).code).toBe(0);
    expect((await cliJson<{ user: { name: string } }>(['whoami'], { env })).user.name).toBe(
      TESTER.username,
    );
    expect((await cli(['profile', 'remove', 'test'], { env })).code).toBe(0);
    const left = await cliJson<{ name: string }[]>(['profile', 'list'], { env });
    expect(left.map((p) => p.name)).toEqual(['prod']);
  });

  it('refuses a change on a read-only profile before anything is sent', async () => {
    const env = user();
    await addProfile(env, 'prod', prodSim, demoCredentials, ['--read-only']);
    // API writes (the token endpoint's sign-in is not one).
    const writes = () =>
      prodSim.stats.log.filter((e) => e.method !== 'GET' && e.path !== '/v1/oauth').length;
    const before = writes();
    const refused = await cli(['consumers', 'create', '--bunit', '12', '--name', 'ro-test'], {
      env,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'consumers.create changes the portal, and the profile "prod" is read-only: nothing was sent',
    );
    expect(writes()).toBe(before);
    // Reads go ahead.
    expect((await cli(['consumers', 'list', '--bunit', '12'], { env })).code).toBe(0);
  });

  it('says which profiles exist for an unknown one, and what a broken profile lacks', async () => {
    const env = user();
    await addProfile(env, 'prod', prodSim, demoCredentials);
    const unknown = await cli(['--profile', 'staging', 'whoami'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no profile named "staging": the known profiles are "prod"');
    const file = join(env.XDG_CONFIG_HOME as string, 'cloutapi', 'profiles.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\s+client_origin: .*/, ''));
    const broken = await cli(['whoami'], { env });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('profile "prod": missing client_origin (the client origin)');
  });

  it('says so when a password command fails, without its output; and when it hangs', async () => {
    const env = user();
    const add = (name: string, command: string) =>
      cli(
        [
          'profile',
          'add',
          name,
          '--url',
          prodSim.url,
          '--client-id',
          'c',
          '--origin',
          'https://o.example',
          '--username',
          'u',
          '--password-command',
          command,
        ],
        { env },
      );
    expect((await add('failing', 'echo secret-output; exit 4')).code).toBe(0);
    const failed = await cli(['--profile', 'failing', 'whoami'], { env });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(
      'profile "failing": its password command failed with exit code 4',
    );
    expect(failed.stderr + failed.stdout).not.toContain('secret-output');
    expect((await add('hanging', 'sleep 60')).code).toBe(0);
    const file = join(env.XDG_CONFIG_HOME as string, 'cloutapi', 'profiles.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'command: sleep 60',
        'command: sleep 60\n      timeout: 1s',
      ),
    );
    const hung = await cli(['--profile', 'hanging', 'whoami'], { env });
    expect(hung.code).toBe(2);
    expect(hung.stderr).toContain('profile "hanging": its password command timed out after 1 s');
  });

  it("imports the Go client's file as a profile, its password kept out of the profiles file", async () => {
    const env = user();
    const go = join(env.HOME as string, 'cloutility-api-client.yaml');
    writeFileSync(
      go,
      `url: ${testSim.url}\nclient_id: ${demoCredentials.clientId}\nclient_origin: ${demoCredentials.origin}\nusername: ${TESTER.username}\npassword: ${TESTER.password}\n`,
    );
    const imported = await cli(
      ['profile', 'import', 'legacy', '--config', go, '--password-env', 'LEGACY_PW'],
      { env },
    );
    expect(imported.code, imported.stderr).toBe(0);
    const file = join(env.XDG_CONFIG_HOME as string, 'cloutapi', 'profiles.yaml');
    expect(readFileSync(file, 'utf8')).not.toContain(TESTER.password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const me = await cliJson<{ user: { name: string } }>(['--profile', 'legacy', 'whoami'], {
      env: { ...env, LEGACY_PW: TESTER.password },
    });
    expect(me.user.name).toBe(TESTER.username);
  });

  it('asks for every missing setting when there is no terminal, and saves nothing', async () => {
    const env = user();
    const result = await cli(['profile', 'add', 'prod', '--url', prodSim.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'profile add prod: missing --client-id, --origin, --username, where the password comes from',
    );
    const listed = await cliJson<unknown[]>(['profile', 'list'], { env });
    expect(listed).toEqual([]);
  });
});
