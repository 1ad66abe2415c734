import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
// The error class from its documented home (no registry, no zod) and only a type from the main
// entry: importing that would pull the whole registry into every app's start-up.
import type { CloutilityOptions } from '@cloutapi/resources';
import { ConfigurationError } from '@cloutapi/resources/errors';
import { type Profile, type ProfilesFile, pickProfile, readProfilesFile } from './profiles/file.js';
import { readPassword } from './profiles/password.js';
import { describePasswordSource } from './profiles/password-source.js';
import { maskUrlCredentials } from './url-safety.js';
import { parseYamlKeepingText } from './yaml-text.js';

/** The Go client's config file name, looked up in the current directory (then the home one). */
export const CONFIG_FILE_NAME = 'cloutility-api-client.yaml';

/** Where each setting can come from: a flag, the environment, the Go file, a profile, a demo. */
export type SettingSource = 'flag' | 'env' | 'file' | 'profile' | 'demo';

/**
 * A password, or a function that gets it at the first sign-in that needs it (a profile's keychain
 * entry or command: a warm token cache never asks).
 */
export type Password = string | (() => Promise<string>);

/** The profile settings came from. */
export interface ProfileInfo {
  name: string;
  /** The profiles file. */
  file: string;
  /** Changes are refused on this profile. */
  readOnly: boolean;
  /** Where its password comes from, for people (`keychain`, `command: pass show portal`). */
  passwordFrom: string;
}

/** The five settings a connection needs (`url`, `clientId`, `origin`, `username`, `password`). */
export interface Settings extends Record<Exclude<Field, 'password'>, string> {
  password: Password;
  /** The profile these settings are, when they are one (see {@link loadSettings}). */
  profile?: ProfileInfo | undefined;
  /** The Go config's `client_name`, kept for display. */
  clientName?: string | undefined;
  /** Where each setting came from (for `config check` and error messages). */
  sources: Record<Field, SettingSource>;
  /** The config file read, if any. */
  configFile?: string | undefined;
}

/** What reaches a demo simulator: its URL and demo credentials (`startDemo()` of `@cloutapi/simulator`). */
export interface DemoTarget {
  url: string;
  credentials: { clientId: string; origin: string; username: string; password: string };
}

/** The settings of a running demo simulator: every setting's source is `demo`. */
export function demoSettings(demo: DemoTarget): Settings {
  const { clientId, origin, username, password } = demo.credentials;
  return {
    url: demo.url,
    clientId,
    origin,
    username,
    password,
    clientName: 'cloutapi demo',
    sources: { url: 'demo', clientId: 'demo', origin: 'demo', username: 'demo', password: 'demo' },
  };
}

/** Settings given on the command line (any subset). */
export type SettingFlags = { [F in Field]?: string | undefined };

/** Options of {@link loadSettings}. */
export interface LoadOptions {
  flags?: SettingFlags;
  /** `--config PATH`; when given, the file must exist. */
  configPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  home?: string;
  /**
   * Whether the error for a missing setting names the CLI's flags (`--url`); default true. An app
   * without those flags (the MCP server) passes false.
   */
  flagHints?: boolean;
  /**
   * The profile to use (`--profile`); else `CLOUTAPI_PROFILE`, else the profiles file's default
   * when no setting is given the old way (see {@link loadSettings}).
   */
  profile?: string | undefined;
}

// One row per setting: its variable, its key in the Go client's YAML, what it is. Its CLI flag is
// its name in kebab case (`--client-id`).
const FIELDS = {
  url: { env: 'CLOUTAPI_URL', yaml: 'url', what: 'the portal API URL' },
  clientId: { env: 'CLOUTAPI_CLIENT_ID', yaml: 'client_id', what: 'the client id' },
  origin: { env: 'CLOUTAPI_ORIGIN', yaml: 'client_origin', what: 'the client origin' },
  username: { env: 'CLOUTAPI_USERNAME', yaml: 'username', what: 'the username' },
  password: { env: 'CLOUTAPI_PASSWORD', yaml: 'password', what: 'the password' },
} as const;
type Field = keyof typeof FIELDS;

/** The environment variable of each setting (documented, and used by the MCP configs). */
export const ENV_VARS = Object.fromEntries(
  Object.entries(FIELDS).map(([k, f]) => [k, f.env]),
) as Record<Field, string>;

/**
 * Loads the connection settings. Precedence, strongest first: flags, then `CLOUTAPI_*`
 * environment variables, then the YAML file (`--config PATH` or `CLOUTAPI_CONFIG`, else
 * `./cloutility-api-client.yaml`, else `~/cloutility-api-client.yaml`) with the Go client's keys
 * `url, client_id, username, password, client_name, client_origin`.
 *
 * Asynchronous because the YAML parser loads only when there is a file to read: a run configured
 * by flags and environment does not load it.
 *
 * @throws ConfigurationError naming every missing setting and where it can be set.
 */
export async function loadSettings(options: LoadOptions = {}): Promise<Settings> {
  const chosen = await chosenProfile(options);
  if (chosen) return profileSettings(chosen.profile, chosen.file.path, options);
  return (await loadFields(Object.keys(FIELDS) as Field[], options)) as Settings;
}

/** What a connection needs before anyone signs in: the portal's URL, client id and origin. */
export interface ConnectionSettings {
  url: string;
  clientId: string;
  origin: string;
  clientName?: string | undefined;
  sources: Partial<Record<Field, SettingSource>>;
  configFile: string | undefined;
}

/**
 * Loads the portal's URL, client id and origin as {@link loadSettings} does, without a username
 * or password: for a server where each person signs in with their own (the team MCP server).
 *
 * @throws ConfigurationError naming every missing setting and where it can be set.
 */
export async function loadConnectionSettings(
  options: LoadOptions = {},
): Promise<ConnectionSettings> {
  const chosen = await chosenProfile(options);
  if (!chosen) return loadFields(['url', 'clientId', 'origin'], options);
  const { url, clientId, origin, clientName, sources, configFile } = profileSettings(
    chosen.profile,
    chosen.file.path,
    options,
  );
  return { url, clientId, origin, clientName, sources, configFile };
}

/** The profiles a server serves, each as settings, and which one serves a call that names none. */
export interface ServedProfiles {
  file: string;
  defaultName: string;
  /** In the order named, or the file's. */
  settings: ReadonlyMap<string, Settings>;
}

/**
 * The profiles a server (the MCP server) serves: those named (`names`, the first the default);
 * else the one profile chosen by `profile` or `CLOUTAPI_PROFILE`; else, when no setting is given
 * the old way and the profiles file has a default, every profile in it. Undefined when no profile
 * serves: the old settings do ({@link loadSettings}).
 *
 * @throws ConfigurationError for an unknown name (listing the known ones) or a broken file.
 */
export async function loadServedProfiles(
  options: LoadOptions & { names?: readonly string[] | undefined } = {},
): Promise<ServedProfiles | undefined> {
  const { env = process.env, home = homedir() } = options;
  const given = [...new Set((options.names ?? []).map((n) => n.trim()).filter(Boolean))];
  let file: ProfilesFile | undefined;
  let names = given;
  if (!given.length) {
    const chosen = await chosenProfile(options);
    if (!chosen) return undefined;
    file = chosen.file;
    // Named: that one. The file's default: every profile, the default first.
    const first = chosen.profile.name;
    names = chosen.named
      ? [first]
      : [first, ...[...file.profiles.keys()].filter((n) => n !== first)];
  } else file = await readProfilesFile({ env, home });
  const path = file?.path ?? '';
  const settings = new Map(
    names.map((name) => [name, profileSettings(pickProfile(file, name), path, options)]),
  );
  return { file: path, defaultName: names[0] as string, settings };
}

/**
 * The options of `createCloutility` for one of the user's profiles (the default when no name is
 * given, see {@link loadSettings}): a script uses the user's profiles in one line. The password
 * is fetched (keychain, command, variable) at the first sign-in.
 *
 * @example
 * ```ts
 * const clout = createCloutility(await profileOptions('prod'));
 * ```
 */
export async function profileOptions(
  name?: string,
  options: Omit<LoadOptions, 'profile'> = {},
): Promise<CloutilityOptions> {
  return toCloutilityOptions(await loadSettings({ ...options, profile: name }));
}

/**
 * The profile that serves, if one does: the one named (`profile`, else `CLOUTAPI_PROFILE`); else,
 * unless a connection setting is given the old way (a flag, a `CLOUTAPI_*` variable, `--config`
 * or `CLOUTAPI_CONFIG`), the profiles file's default. Otherwise none: the flags, the variables and
 * the Go client's file serve as they always have.
 */
async function chosenProfile(
  options: LoadOptions,
): Promise<{ profile: Profile; file: ProfilesFile; named: boolean } | undefined> {
  const { env = process.env, home = homedir() } = options;
  const named = nonEmpty(options.profile) ?? nonEmpty(env.CLOUTAPI_PROFILE);
  if (named === undefined && givenTheOldWay(options, env)) return undefined;
  const file = await readProfilesFile({ env, home });
  if (named !== undefined)
    return { profile: pickProfile(file, named), file: file as ProfilesFile, named: true };
  if (!file?.defaultName) return undefined;
  return { profile: pickProfile(file, file.defaultName), file, named: false };
}

/** Whether a connection setting is given without a profile: then no default profile applies. */
function givenTheOldWay(options: LoadOptions, env: NodeJS.ProcessEnv): boolean {
  const fields = Object.keys(FIELDS) as Field[];
  return (
    nonEmpty(options.configPath) !== undefined ||
    nonEmpty(env.CLOUTAPI_CONFIG) !== undefined ||
    fields.some((f) => nonEmpty(options.flags?.[f]) !== undefined) ||
    fields.some((f) => nonEmpty(env[FIELDS[f].env]) !== undefined)
  );
}

/**
 * A profile's settings; a flag given with it wins over its value (`--username` for one run). Its
 * password is a function (keychain, command, variable), asked at the first sign-in that needs it.
 */
export function profileSettings(
  profile: Profile,
  file: string,
  options: Pick<LoadOptions, 'flags' | 'env'> = {},
): Settings {
  const env = options.env ?? process.env;
  const sources = {} as Record<Field, SettingSource>;
  const pick = <F extends Field>(field: F, value: string) => {
    const flag = nonEmpty(options.flags?.[field]);
    sources[field] = flag === undefined ? 'profile' : 'flag';
    return flag ?? value;
  };
  const given = profile.password;
  const password = pick('password', given.from === 'file' ? given.password : '');
  return {
    url: pick('url', profile.url),
    clientId: pick('clientId', profile.clientId),
    origin: pick('origin', profile.origin),
    username: pick('username', profile.username),
    password: password || (() => readPassword(profile, env)),
    clientName: profile.clientName,
    sources,
    configFile: file,
    profile: {
      name: profile.name,
      file,
      readOnly: profile.readOnly,
      passwordFrom: sources.password === 'flag' ? 'flag' : describePasswordSource(given),
    },
  };
}

const nonEmpty = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

async function loadFields(
  fields: readonly Field[],
  options: LoadOptions,
): Promise<ConnectionSettings & Partial<Record<Field, string>>> {
  const { env = process.env, cwd = process.cwd(), home = homedir() } = options;
  const file = findConfigFile(options.configPath ?? env.CLOUTAPI_CONFIG, cwd, home);
  const yaml = file ? await readConfigFile(file) : {};
  const values: Partial<Record<Field, string>> = {};
  const sources: Partial<Record<Field, SettingSource>> = {};
  for (const field of fields) {
    const spec = FIELDS[field];
    const candidates: [SettingSource, unknown][] = [
      ['flag', options.flags?.[field]],
      ['env', env[spec.env]],
      ['file', yaml[spec.yaml]],
    ];
    const found = candidates.find(([, v]) => typeof v === 'string' && v.trim() !== '');
    if (found) {
      values[field] = String(found[1]).trim();
      sources[field] = found[0];
    }
  }
  const missing = fields.filter((f) => values[f] === undefined);
  if (missing.length) {
    const where = missing.map((f) => whereToSet(f, options.flagHints !== false)).join('; ');
    throw new ConfigurationError(
      missing[0] as string,
      `missing ${missing.map((f) => FIELDS[f].what).join(', ')}${file ? ` (read ${file})` : ` (no ${CONFIG_FILE_NAME} found)`}. Set ${where}. Or try --demo.`,
    );
  }
  return {
    ...(values as Pick<Settings, 'url' | 'clientId' | 'origin'>),
    clientName: typeof yaml.client_name === 'string' ? yaml.client_name : undefined,
    sources: sources as Record<Field, SettingSource>,
    configFile: file,
  };
}

/** Where a setting can be given: its variable, its YAML key and (in the CLI) its flag. */
function whereToSet(field: Field, flagHints: boolean): string {
  const { what, env, yaml } = FIELDS[field];
  if (!flagHints) return `${what}: ${env} or "${yaml}:" in ${CONFIG_FILE_NAME}`;
  const flag = `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return `${what}: ${env}, "${yaml}:" in ${CONFIG_FILE_NAME}, or ${flag}`;
}

/** Finds the config file: an explicit path (must exist), else the current then the home directory. */
export function findConfigFile(
  explicit: string | undefined,
  cwd: string,
  home: string,
): string | undefined {
  if (explicit) {
    const path = isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
    if (!existsSync(path))
      throw new ConfigurationError('config', `the config file ${path} does not exist`);
    return path;
  }
  for (const dir of [cwd, home]) {
    for (const name of [CONFIG_FILE_NAME, CONFIG_FILE_NAME.replace(/\.yaml$/, '.yml')]) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = await parseYamlKeepingText(text, GO_TEXT_KEYS);
  } catch (error) {
    throw new ConfigurationError(
      'config',
      `${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigurationError(
      'config',
      `${path} must be a YAML mapping with keys url, client_id, username, password, client_origin`,
    );
  }
  return parsed as Record<string, unknown>;
}

/** The Go file's keys whose values are text, however they look (`password: 12345678`). */
const GO_TEXT_KEYS: ReadonlySet<string> = new Set([
  ...Object.values(FIELDS).map((f) => f.yaml),
  'client_name',
]);

/** The facade options for these settings. */
export function toCloutilityOptions(settings: Settings): CloutilityOptions {
  return {
    baseUrl: settings.url,
    clientId: settings.clientId,
    origin: settings.origin,
    credentials: { username: settings.username, password: settings.password },
    // A read-only profile refuses every change, whoever asks (the rule is resources').
    readOnly: settings.profile?.readOnly
      ? `the profile "${settings.profile.name}" is read-only`
      : undefined,
  };
}

/** The settings with the password hidden (in the URL too), for display. */
export function describeSettings(settings: Settings): Record<string, string> {
  const { profile } = settings;
  const from = (f: Field) => {
    const source = settings.sources[f];
    if (source === 'profile' && profile)
      return `(profile ${profile.name}${f === 'password' ? `: ${profile.passwordFrom}` : ''})`;
    return `(${source}${source === 'file' && settings.configFile ? `: ${settings.configFile}` : ''})`;
  };
  return {
    url: `${maskUrlCredentials(settings.url)} ${from('url')}`,
    clientId: `${settings.clientId} ${from('clientId')}`,
    origin: `${settings.origin} ${from('origin')}`,
    username: `${settings.username} ${from('username')}`,
    password: `[set] ${from('password')}`,
  };
}
