import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { runProcess } from '@cloutapi/vitest-config/processes';
import { type SecretService, startSecretService } from '@cloutapi/vitest-config/secret-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  cliEnv,
  cliJson,
  cliOnTerminalSession,
  portalFlags,
  tempDir,
  userFolders,
} from './helpers.js';

// A real Secret Service (GNOME Keyring on a session bus of the test's own), as on a Linux desktop.
let keyring: SecretService;
let sim: RunningSimulator;
beforeAll(async () => {
  [keyring, sim] = await Promise.all([startSecretService(), startSimulator()]);
});
afterAll(async () => {
  await Promise.all([keyring?.stop(), sim?.stop()]);
});

const root = tempDir('cloutapi-keychain-');
let homes = 0;
const user = (bus: NodeJS.ProcessEnv) => ({ ...userFolders(root, `home-${++homes}`), ...bus });
const portal = () => portalFlags(sim.url);

/** What the Secret Service holds for a profile, read with Debian's `secret-tool`. */
async function stored(name: string): Promise<string> {
  const found = await runProcess(
    'secret-tool',
    ['lookup', 'service', 'cloutapi', 'username', name],
    {
      env: cliEnv(keyring.env),
    },
  );
  return found.stdout;
}

describe('passwords in the keychain (Secret Service)', () => {
  it('keeps the password of profile add --password-stdin there, and signs in with it', async () => {
    const env = user(keyring.env);
    const added = await cli(['profile', 'add', 'prod', ...portal(), '--password-stdin'], {
      env,
      input: `${demoCredentials.password}\n`,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('its password: keychain');
    expect(await stored('prod')).toBe(demoCredentials.password);
    const file = readFileSync(
      join(env.XDG_CONFIG_HOME as string, 'cloutapi', 'profiles.yaml'),
      'utf8',
    );
    expect(file).toContain('keychain: true');
    expect(file).not.toContain(demoCredentials.password);

    const me = await cliJson<{ user: { name: string } }>(['whoami'], { env });
    expect(me.user.name).toBe(demoCredentials.username);
    const tested = await cliJson<{ profile: string; passwordFrom: string }>(
      ['profile', 'test', 'prod'],
      { env },
    );
    expect(tested).toMatchObject({ profile: 'prod', passwordFrom: 'keychain' });

    expect((await cli(['profile', 'remove', 'prod'], { env })).stdout).toContain(
      'and its password from the keychain',
    );
    expect(await stored('prod')).toBe('');
  });

  it('asks on a terminal for what the flags leave out, the password unseen, and keeps it there', async () => {
    const env = user(keyring.env);
    const password = 'typed-on-the-terminal-7';
    const session = cliOnTerminalSession(['profile', 'add', 'desk', '--url', sim.url], env);
    await session.answer(/Client id/, demoCredentials.clientId);
    await session.answer(/Client origin/, demoCredentials.origin);
    await session.answer(/Username/, demoCredentials.username);
    await session.answer(/Password/, password);
    expect(await session.exited).toBe(0);
    expect(session.printed()).toContain('Saved the profile desk (the default)');
    expect(session.printed()).not.toContain(password);
    expect(session.printed()).not.toContain('*'.repeat(password.length));
    expect(await stored('desk')).toBe(password);
    const tested = await cli(['profile', 'test'], { env });
    expect(tested.code, tested.stderr).toBe(3);
    expect(tested.stderr).toContain('Sign-in refused');
    // The right password, stored again without a terminal: the profile works.
    await cli(['profile', 'add', 'desk', ...portal(), '--password-stdin'], {
      env,
      input: demoCredentials.password,
    });
    expect((await cli(['profile', 'test'], { env })).code).toBe(0);
  });

  it('says what else works where there is no keychain, and saves nothing', async () => {
    // A session bus that is not there: no Secret Service to reach.
    const env = user({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(root, 'no-bus')}` });
    const added = await cli(['profile', 'add', 'prod', ...portal(), '--password-stdin'], {
      env,
      input: demoCredentials.password,
    });
    expect(added.code).toBe(2);
    expect(added.stderr).toContain('no keychain');
    expect(added.stderr).toContain('--password-command');
    expect(added.stderr).toContain('password: {env: VARIABLE}');
    expect(added.stderr).not.toContain(demoCredentials.password);
    expect(await cliJson<unknown[]>(['profile', 'list'], { env })).toEqual([]);
  });

  it('says the keychain has no password for a profile that expects one there', async () => {
    const env = user(keyring.env);
    const added = await cli(['profile', 'add', 'empty', ...portal(), '--password-stdin'], {
      env,
      input: 'whatever',
    });
    expect(added.code).toBe(0);
    await runProcess('secret-tool', ['clear', 'service', 'cloutapi', 'username', 'empty'], {
      env: cliEnv(keyring.env),
    });
    const run = await cli(['--profile', 'empty', 'whoami'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'profile "empty": no password in the keychain for it (service "cloutapi", account "empty")',
    );
  });
});
