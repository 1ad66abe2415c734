import { homedir } from 'node:os';
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  describePasswordSource,
  findConfigFile,
  loadSettings,
  openKeychain,
  type PasswordSource,
  PROFILE_NAME,
  type Profile,
  readProfilesFile,
  saveProfile,
} from '@cloutapi/config';
import { normalizeBaseUrl } from '@cloutapi/core';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { type AddFlags, report } from './profile.js';

/** The settings a profile needs, each with its flag and what to ask on a terminal. */
const FIELDS = [
  { key: 'url', flag: '--url', ask: 'Portal API URL' },
  { key: 'clientId', flag: '--client-id', ask: 'Client id' },
  { key: 'origin', flag: '--origin', ask: 'Client origin' },
  { key: 'username', flag: '--username', ask: 'Username' },
] as const;
type Field = (typeof FIELDS)[number]['key'];

/**
 * `cloutapi profile add NAME`: the settings from the flags, what is missing asked on a terminal
 * (the password hidden, kept in the keychain), or a usage error naming it when there is none.
 * Checked whole before anything is kept: nothing is saved or stored when a part is wrong.
 */
export async function addProfile(ctx: Ctx, name: string, flags: AddFlags): Promise<void> {
  checkName(name);
  const g = ctx.globals;
  if (g.password !== undefined)
    throw usageError(
      '--password: not taken by profile add (a flag shows in ps and the shell history)',
      'Use --password-stdin, or leave it out on a terminal to be asked.',
    );
  const given: Partial<Record<Field, string>> = {
    url: g.url,
    clientId: g.clientId,
    origin: g.origin,
    username: g.username,
  };
  const asking = isTerminal();
  const source = passwordSourceOf(flags);
  const missing = FIELDS.filter((f) => !given[f.key]?.trim());
  if (!asking && (missing.length || !source))
    throw usageError(
      `profile add ${name}: missing ${[...missing.map((f) => f.flag), ...(source ? [] : ['where the password comes from (--password-stdin, --password-command or --password-env)'])].join(', ')}`,
      'Give them as flags, or run it on a terminal to be asked.',
    );
  const current = (await readProfilesFile())?.profiles.get(name);
  for (const f of missing) given[f.key] = await ask(f.ask, current?.[f.key]);
  const settings = given as Record<Field, string>;
  normalizeBaseUrl(settings.url, 'url');
  const password = source ?? { from: 'keychain' };
  // Asked (or read) before anything is kept, and stored before the profile names it.
  if (password.from === 'keychain') {
    const keychain = await openKeychain();
    const secret = flags.passwordStdin ? await readStdin() : await askPassword();
    await keychain.set(name, secret);
  }
  await save(ctx, { name, ...settings, password, readOnly: flags.readOnly === true }, flags);
  // A replaced profile whose password was in the keychain and no longer is: not left behind.
  if (current?.password.from === 'keychain' && password.from !== 'keychain')
    await openKeychain()
      .then((keychain) => keychain.delete(name))
      .catch(() => false);
}

/**
 * `cloutapi profile import NAME`: the Go client's file as a profile, its password moved to the
 * keychain (or another source the flags name).
 */
export async function importGoConfig(ctx: Ctx, name: string, flags: AddFlags): Promise<void> {
  checkName(name);
  const file = findConfigFile(
    ctx.globals.config ?? process.env.CLOUTAPI_CONFIG,
    process.cwd(),
    homedir(),
  );
  if (!file)
    throw usageError(
      'profile import: no cloutility-api-client.yaml in the current or the home folder',
      'Name it with --config PATH.',
    );
  // The file alone: neither the environment nor a profile mixes into what is imported.
  const go = await loadSettings({ configPath: file, env: {}, flagHints: false });
  const password = passwordSourceOf(flags) ?? { from: 'keychain' };
  if (password.from === 'keychain') await (await openKeychain()).set(name, go.password as string);
  const { url, clientId, origin, username, clientName } = go;
  await save(
    ctx,
    {
      name,
      url,
      clientId,
      origin,
      username,
      clientName,
      password,
      readOnly: flags.readOnly === true,
    },
    flags,
  );
  ctx.out.note(
    `Imported from ${file}; that file is unchanged (remove its password when you no longer need it).`,
  );
}

async function save(ctx: Ctx, profile: Profile, flags: AddFlags): Promise<void> {
  const saved = await saveProfile(profile, { makeDefault: flags.default });
  const passwordFrom = describePasswordSource(profile.password);
  await report(
    ctx,
    {
      name: profile.name,
      file: saved.path,
      default: saved.isDefault,
      passwordFrom,
      readOnly: profile.readOnly,
    },
    `Saved the profile ${profile.name}${saved.isDefault ? ' (the default)' : ''} in ${saved.path}; its password: ${passwordFrom}.\nCheck it: cloutapi profile test ${profile.name}`,
  );
}

function checkName(name: string): void {
  if (!PROFILE_NAME.test(name))
    throw usageError(
      `name: "${name}" is not a profile name: letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63`,
    );
}

/** Where the flags say the password comes from; undefined when they do not say. */
function passwordSourceOf(flags: AddFlags): PasswordSource | undefined {
  const said = [flags.passwordStdin, flags.passwordCommand, flags.passwordEnv].filter(
    (x) => x !== undefined && x !== false,
  );
  if (said.length > 1)
    throw usageError(
      'password: give one of --password-stdin, --password-command and --password-env',
    );
  if (flags.passwordCommand !== undefined) {
    if (!flags.passwordCommand.trim()) throw usageError('--password-command: expected a command');
    return {
      from: 'command',
      command: flags.passwordCommand,
      timeoutMs: DEFAULT_COMMAND_TIMEOUT_MS,
    };
  }
  if (flags.passwordEnv !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(flags.passwordEnv))
      throw usageError(`--password-env: expected a variable name; got "${flags.passwordEnv}"`);
    return { from: 'env', variable: flags.passwordEnv };
  }
  return flags.passwordStdin ? { from: 'keychain' } : undefined;
}

const isTerminal = () => process.stdin.isTTY === true && process.stderr.isTTY === true;

/** Asks one setting on the terminal (on stderr: stdout is for the result). */
async function ask(message: string, current: string | undefined): Promise<string> {
  const { default: input } = await import('@inquirer/input');
  return (
    await input(
      { message, default: current, required: true },
      { input: process.stdin, output: process.stderr },
    )
  ).trim();
}

/** Asks the password on the terminal, hidden. */
async function askPassword(): Promise<string> {
  if (!isTerminal())
    throw usageError(
      'password: no terminal to ask on',
      'Use --password-stdin or --password-command.',
    );
  const { default: password } = await import('@inquirer/password');
  const io = { input: process.stdin, output: process.stderr };
  // No mask: nothing is echoed, not even the password's length.
  const first = await password({ message: 'Password (kept in the keychain)' }, io);
  if (!first) throw usageError('password: empty');
  return first;
}

/** The password on stdin, without the line ending a shell's echo or here-string adds. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!text) throw usageError('--password-stdin: stdin was empty');
  return text;
}
