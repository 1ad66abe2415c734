import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@cloutapi/resources/errors';
import { configDir } from '../config-dir.js';
import { parseYamlKeepingText } from '../yaml-text.js';
import { type PasswordSource, passwordSourceOf } from './password-source.js';
import type { ProfileEntry, ProfilesFileEntry, SchemaIssue } from './schema.js';

/** The profiles file's name in the settings folder ({@link configDir}). */
export const PROFILES_FILE_NAME = 'profiles.yaml';

/** What a profile name may be: it is a tool argument's value and a keychain entry's name. */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Keys whose values are text however they look (`password: 12345678`, `client_id: 0042`). */
const TEXT_KEYS: ReadonlySet<string> = new Set([
  'url',
  'client_id',
  'client_origin',
  'username',
  'password',
  'client_name',
  'command',
  'env',
  'default',
  'timeout',
]);

/** A named connection: where the portal is, who signs in, and where their password comes from. */
export interface Profile {
  name: string;
  url: string;
  clientId: string;
  origin: string;
  username: string;
  password: PasswordSource;
  /** Tools and commands that change anything are refused on this profile (the MCP server's). */
  readOnly: boolean;
  clientName?: string | undefined;
}

/** The profiles file, read and checked. */
export interface ProfilesFile {
  path: string;
  /** The profile used when none is chosen (`default:`), if any. */
  defaultName: string | undefined;
  profiles: ReadonlyMap<string, Profile>;
}

/** Where to look: the environment and home of {@link configDir}. */
export interface ProfilesLocation {
  env?: NodeJS.ProcessEnv | undefined;
  home?: string | undefined;
  platform?: NodeJS.Platform | undefined;
}

/** The profiles file's path: `profiles.yaml` in the user's settings folder ({@link configDir}). */
export function profilesFilePath(where: ProfilesLocation = {}): string {
  return join(
    configDir(
      where.env ?? process.env,
      where.platform ?? process.platform,
      where.home ?? homedir(),
    ),
    PROFILES_FILE_NAME,
  );
}

/**
 * Reads the user's profiles file; undefined when there is none.
 *
 * @throws ConfigurationError when it is not valid YAML of its shape (naming the profile and the
 * field), or when others could change it or read a password in it (naming the `chmod` to run).
 */
export async function readProfilesFile(
  where: ProfilesLocation = {},
): Promise<ProfilesFile | undefined> {
  const path = profilesFilePath(where);
  const read = readPrivately(path);
  if (!read) return undefined;
  const entry = await parseProfiles(path, read.text);
  const profiles = new Map(
    Object.entries(entry.profiles).map(([name, p]) => [name, toProfile(name, p)]),
  );
  refuseExposedPasswords(path, read.mode, profiles);
  if (entry.default !== undefined && !profiles.has(entry.default))
    throw new ConfigurationError(
      'profile',
      `${path}: the default profile "${entry.default}" is not one of its profiles (${knownNames(profiles)})`,
    );
  return { path, defaultName: entry.default, profiles };
}

/**
 * The profile of this name.
 *
 * @throws ConfigurationError naming the known profiles when there is no such profile.
 */
export function pickProfile(file: ProfilesFile | undefined, name: string): Profile {
  const found = file?.profiles.get(name);
  if (found) return found;
  const known = file
    ? `the known profiles are ${knownNames(file.profiles)}`
    : 'there is no profiles file';
  throw new ConfigurationError(
    'profile',
    `no profile named "${name}": ${known} (${file?.path ?? profilesFilePath()}). Add one with: cloutapi profile add ${PROFILE_NAME.test(name) ? name : 'NAME'}`,
  );
}

/** The names of the profiles, for messages: `"prod", "test"` or `none`. */
export function knownNames(profiles: ReadonlyMap<string, Profile>): string {
  return profiles.size ? [...profiles.keys()].map((n) => `"${n}"`).join(', ') : 'none';
}

/** The file's text and mode, read without following a link; undefined when it does not exist. */
function readPrivately(path: string): { text: string; mode: number; uid: number } | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP')
      throw new ConfigurationError(
        'profile',
        `${path} is a symbolic link: refused (use the file itself)`,
      );
    throw new ConfigurationError('profile', `${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new ConfigurationError('profile', `${path} is not a file`);
    refuseForeignWriters(path, stats.mode, stats.uid);
    return { text: readFileSync(fd, 'utf8'), mode: stats.mode, uid: stats.uid };
  } finally {
    closeSync(fd);
  }
}

/**
 * A file that someone else owns or may write to could send the password (from any source) to a
 * portal of their choosing: refused, with the fix.
 */
function refuseForeignWriters(path: string, mode: number, uid: number): void {
  if (typeof process.getuid !== 'function') return;
  const me = process.getuid();
  if (uid !== me && uid !== 0)
    throw new ConfigurationError(
      'profile',
      `${path} belongs to user id ${uid}, not to you: refused`,
    );
  if (mode & 0o022)
    throw new ConfigurationError(
      'profile',
      `others may change ${path} (mode ${(mode & 0o777).toString(8)}), and with it where your password goes: run chmod 600 ${shellQuote(path)}`,
    );
}

/** A password written in the file must be private to its user: refused otherwise, with the fix. */
function refuseExposedPasswords(
  path: string,
  mode: number,
  profiles: ReadonlyMap<string, Profile>,
): void {
  if (typeof process.getuid !== 'function' || !(mode & 0o077)) return;
  const plain = [...profiles.values()].filter((p) => p.password.from === 'file');
  if (!plain.length) return;
  throw new ConfigurationError(
    'profile',
    `${path} holds the password of profile "${plain[0]?.name}" in plain text and others can read it (mode ${(mode & 0o777).toString(8)}): run chmod 600 ${shellQuote(path)}, or keep the password in the keychain (cloutapi profile add ${plain[0]?.name} --password-stdin)`,
  );
}

async function parseProfiles(path: string, text: string): Promise<ProfilesFileEntry> {
  let parsed: unknown;
  try {
    parsed = (await parseYamlKeepingText(text, TEXT_KEYS)) ?? {};
  } catch (error) {
    throw new ConfigurationError(
      'profile',
      `${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  // The schema (and zod) load only when there is a file to check.
  const { ProfilesFileSchema } = await import('./schema.js');
  const checked = ProfilesFileSchema.safeParse(parsed);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0] as SchemaIssue;
  throw new ConfigurationError('profile', `${path}: ${describeIssue(issue)}`);
}

/** `profile "prod": missing url (the portal API URL)`, or the file-level problem. */
function describeIssue(issue: SchemaIssue): string {
  const [top, name, field, ...rest] = issue.path.map(String);
  if (issue.code === 'invalid_key')
    return `"${name}" is not a profile name: letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63`;
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      : issue.message;
  if (top === 'profiles' && name !== undefined) {
    // The field is named once: by the message when it names it, else before it.
    const path = [field, ...rest].filter((p) => p !== undefined);
    const named =
      !path.length || issue.code === 'unrecognized_keys' || message.includes(path.at(-1) as string);
    return `profile "${name}": ${named ? '' : `${path.join('.')}: `}${message}`;
  }
  if (top === undefined) return message;
  return `${[top, name].filter(Boolean).join('.')}: ${message}`;
}

function toProfile(name: string, p: ProfileEntry): Profile {
  return {
    name,
    url: p.url,
    clientId: p.client_id,
    origin: p.client_origin,
    username: p.username,
    password: passwordSourceOf(p.password),
    readOnly: p.read_only ?? false,
    clientName: p.client_name,
  };
}

/** A path as a shell reads it back, for a command the user is told to run. */
function shellQuote(path: string): string {
  return /^[\w./@:-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}
