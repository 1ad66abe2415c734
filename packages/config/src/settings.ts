import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
// The error class from its documented home (no registry, no zod) and only a type from the main
// entry: importing that would pull the whole registry into every app's start-up.
import type { CloutilityOptions } from '@cloutapi/resources';
import { ConfigurationError } from '@cloutapi/resources/errors';
import { maskUrlCredentials } from './url-safety.js';

/** The Go client's config file name, looked up in the current directory (then the home one). */
export const CONFIG_FILE_NAME = 'cloutility-api-client.yaml';

/** Where each setting can come from, strongest first. */
export type SettingSource = 'flag' | 'env' | 'file' | 'demo';

/** The five settings a connection needs (`url`, `clientId`, `origin`, `username`, `password`). */
export interface Settings extends Record<Field, string> {
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
export function loadConnectionSettings(options: LoadOptions = {}): Promise<ConnectionSettings> {
  return loadFields(['url', 'clientId', 'origin'], options);
}

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
  const yaml = await import('yaml');
  let parsed: unknown;
  try {
    parsed = parseConfig(yaml, text);
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

/**
 * The YAML mapping, with numbers and booleans kept as written: `password: 12345678` or
 * `client_id: 0042` is that text (not a number, which would lose leading zeros, nor a value that
 * counts as missing); `~` and an empty value stay missing.
 */
function parseConfig(yaml: typeof import('yaml'), text: string): unknown {
  const { isMap, isScalar, parseDocument } = yaml;
  const doc = parseDocument(text);
  if (doc.errors[0]) throw doc.errors[0];
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const value = pair.value;
      if (
        isScalar(value) &&
        (typeof value.value === 'number' || typeof value.value === 'boolean') &&
        typeof value.source === 'string'
      ) {
        value.value = value.source;
      }
    }
  }
  return doc.toJS();
}

/** The facade options for these settings. */
export function toCloutilityOptions(settings: Settings): CloutilityOptions {
  return {
    baseUrl: settings.url,
    clientId: settings.clientId,
    origin: settings.origin,
    credentials: { username: settings.username, password: settings.password },
  };
}

/** The settings with the password hidden (in the URL too), for display. */
export function describeSettings(settings: Settings): Record<string, string> {
  const from = (f: Field) =>
    `(${settings.sources[f]}${settings.sources[f] === 'file' && settings.configFile ? `: ${settings.configFile}` : ''})`;
  return {
    url: `${maskUrlCredentials(settings.url)} ${from('url')}`,
    clientId: `${settings.clientId} ${from('clientId')}`,
    origin: `${settings.origin} ${from('origin')}`,
    username: `${settings.username} ${from('username')}`,
    password: `[set] ${from('password')}`,
  };
}
