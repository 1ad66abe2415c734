import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printedMatch, runProcess, startProcess } from './processes.js';

/** A private Secret Service: its own session bus and GNOME Keyring, gone at `stop()`. */
export interface SecretService {
  /** What a process needs to reach it: the bus's address and the keyring's folders. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * Starts a session bus (`dbus-daemon`) and GNOME Keyring's Secret Service on it, with a login
 * keyring made and unlocked in a new folder: the real keychain of a Linux desktop, for tests of
 * code that keeps passwords there, touching nobody's own keyring. Needs Debian's `dbus` and
 * `gnome-keyring` (`.ci/run` installs them).
 */
export async function startSecretService(): Promise<SecretService> {
  const root = mkdtempSync(join(tmpdir(), 'cloutapi-keyring-'));
  const base = {
    ...process.env,
    HOME: root,
    XDG_DATA_HOME: join(root, 'data'),
    XDG_RUNTIME_DIR: root,
    XDG_CONFIG_HOME: join(root, 'config'),
  };
  const bus = startProcess('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    env: base,
  });
  const [address] = await printedMatch(bus, /^unix:\S+/m);
  const env = { ...base, DBUS_SESSION_BUS_ADDRESS: address };
  // The keyring's password on stdin makes (or unlocks) the login keyring, as a desktop sign-in does.
  const keyring = startProcess(
    'gnome-keyring-daemon',
    ['--foreground', '--unlock', '--components=secrets'],
    { env },
  );
  // A keyring that dies at once closes its input first: waitForName then says it did not start.
  keyring.child.stdin.on('error', () => {});
  keyring.child.stdin.end('test-keyring-password');
  await waitForName(env, 'org.freedesktop.secrets', keyring.exited);
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    async stop() {
      for (const run of [keyring, bus]) {
        run.child.kill('SIGTERM');
        await run.exited.catch(() => undefined);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Waits until `name` has an owner on the bus (the service has started), or the service ends. */
async function waitForName(
  env: NodeJS.ProcessEnv,
  name: string,
  ended: Promise<unknown>,
): Promise<void> {
  let gone = false;
  void ended.then(() => {
    gone = true;
  });
  for (let attempt = 0; attempt < 200 && !gone; attempt++) {
    const reply = await runProcess(
      'dbus-send',
      [
        '--session',
        '--dest=org.freedesktop.DBus',
        '--print-reply',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        `string:${name}`,
      ],
      { env },
    );
    if (/boolean true/.test(reply.stdout)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not appear on the session bus`);
}
