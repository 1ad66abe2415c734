import { spawn } from 'node:child_process';
import { ConfigurationError } from '@cloutapi/resources/errors';
import type { Profile } from './file.js';
import { openKeychain } from './keychain.js';

/** The most a password command may print: a password is short; anything longer is not one. */
const MAX_OUTPUT_BYTES = 64 * 1024;

/** How long a command stopped at its timeout gets to end before it is killed. */
const KILL_GRACE_MS = 2_000;

/**
 * The profile's password, from where the profile says it is. Asked only when a sign-in needs it
 * (a warm token cache never runs the command or opens the keychain).
 *
 * @throws ConfigurationError naming the profile and the source: no keychain (and what else
 * works), no password there, a command that failed, hung or printed nothing (its output never
 * shown), a variable not set.
 */
export async function readPassword(
  profile: Pick<Profile, 'name' | 'password'>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const source = profile.password;
  switch (source.from) {
    case 'file':
      return source.password;
    case 'env': {
      const value = env[source.variable];
      if (value) return value;
      throw refusal(profile.name, `its password comes from ${source.variable}, which is not set`);
    }
    case 'keychain': {
      const found = await (await openKeychain()).get(profile.name);
      if (found) return found;
      throw refusal(
        profile.name,
        `no password in the keychain for it (service "cloutapi", account "${profile.name}"): store one with cloutapi profile add ${profile.name} --password-stdin`,
      );
    }
    case 'command':
      return runPasswordCommand(profile.name, source.command, source.timeoutMs, env);
  }
}

/**
 * Runs the command in the shell (`pass show portal | head -1` works), without a terminal on its
 * input, and takes its first line. Its output is never shown, not even in an error: it may be the
 * password. At the timeout its whole process group is stopped.
 */
export function runPasswordCommand(
  profile: string,
  command: string,
  timeoutMs: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
      // Its own process group, so a timeout stops what the shell started too.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let problem: string | undefined;
    const stop = (why: string) => {
      problem ??= why;
      signalGroup(child.pid, 'SIGTERM');
      setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => stop(`timed out after ${timeoutMs / 1000} s`), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) stop(`printed more than ${MAX_OUTPUT_BYTES} bytes`);
      else chunks.push(chunk);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(refusal(profile, `its password command could not start (${error.message})`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ended =
        code === 0 ? undefined : signal ? `ended by ${signal}` : `failed with exit code ${code}`;
      const why = problem ?? ended;
      if (why)
        return reject(
          refusal(
            profile,
            `its password command ${why} (its output is not shown: run it yourself to see why)`,
          ),
        );
      const password = firstLine(Buffer.concat(chunks).toString('utf8'));
      if (!password) return reject(refusal(profile, 'its password command printed no password'));
      resolve(password);
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** The first line without its line ending (`pass` prints the password, then other fields). */
const firstLine = (text: string) => text.split(/\r?\n/, 1)[0] ?? '';

const refusal = (profile: string, why: string) =>
  new ConfigurationError('password', `profile "${profile}": ${why}`);
