import { parseArgs } from 'node:util';
import { MIN_KEY_BYTES } from './tools/confirmation.js';
import { DEFAULT_TOOLSETS } from './tools/selection.js';
import { TOOLSETS } from './tools/types.js';

/** How the server runs, from flags and CLOUTAPI_* variables (flags win). */
export interface RunOptions {
  demo: boolean;
  readOnly: boolean;
  allowSecrets: boolean;
  toolsets: string[] | undefined;
  /** Give each tool its toolset's icon (costs tokens in every tools/list). */
  toolIcons: boolean;
  http: boolean;
  host: string;
  port: number;
  config: string | undefined;
  /** The profiles to serve (--profile, repeatable); default: as the profiles file says. */
  profiles: string[];
  debug: boolean;
  token: string | undefined;
  allowedHosts: string[];
  allowedOrigins: string[];
  /**
   * The key confirmations are signed with (CLOUTAPI_MCP_STATE_KEY, at least 32 bytes): instances
   * behind one address share it, so a preview made on one is confirmed on another.
   */
  stateKey: Buffer | undefined;
  /** `oauth`: the team server (each person signs in with their portal account). */
  auth: 'none' | 'oauth';
  /** The team store: a `postgres://` URL or a folder; default the data folder's `team`. */
  store: string | undefined;
  /** The address clients use, behind a proxy (`https://mcp.example.net`). */
  publicUrl: string | undefined;
  /** Trust X-Forwarded-For and -Proto (only behind a proxy that sets them). */
  trustProxy: boolean;
  /** Older state keys (rotation) and a file of keys. */
  stateKeyPrevious: string | undefined;
  stateKeyFile: string | undefined;
  /** Hosts whose Client ID Metadata Documents are fetched though they are not public. */
  clientIdHosts: string[];
  /** Fair use per person on the team server. */
  rateLimit: number;
  maxConcurrent: number;
  /** Flags of the sessions HTTP no longer keeps, given anyway: named in a warning. */
  ignored: string[];
  help: boolean;
  version: boolean;
}

// The toolsets (the API areas' and workflows), wrapped under the flag's description.
const TOOLSET_LINES = (TOOLSETS.join(', ').match(/.{1,60}(?:, |$)/g) ?? [])
  .map((line) => line.trim())
  .join(`\n${' '.repeat(25)}`);

export const USAGE = `cloutapi-mcp: every Cloutility API operation as an MCP tool

Usage: cloutapi-mcp [options]

  --demo                 run on the embedded simulator with demo data (no account needed)
  --read-only            serve no tool that writes or deletes        (CLOUTAPI_READ_ONLY=1)
                         (variables: 1/0, true/false, yes/no, y/n, on/off)
  --toolsets a,b | all   the toolsets to serve, or all               (CLOUTAPI_TOOLSETS)
                         ${TOOLSET_LINES}
                         default: ${DEFAULT_TOOLSETS.join(',')}
  --tool-icons           give each tool its toolset's icon, for clients that show them
                         (110-170 tokens a tool in tools/list)       (CLOUTAPI_MCP_TOOL_ICONS=1)
  --allow-secrets        show node passwords in tool output           (CLOUTAPI_ALLOW_SECRETS=1)
  --profile NAME         serve this profile of your profiles file (repeatable, or a,b);
                         several: every tool takes a profile argument, the first the
                         default. Default: CLOUTAPI_PROFILE, else every profile when the
                         file has a default and no CLOUTAPI_* setting is given
                         (cloutapi profile add NAME; read_only: true per profile)
  --config PATH          the Go client's cloutility-api-client.yaml
  --http                 serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio
  --host HOST            default 127.0.0.1; any other needs CLOUTAPI_MCP_TOKEN
  --port PORT            default 8765 (0: any free port)
  --allowed-host H       also accept this Host header (repeatable)
  --allowed-origin O     also accept this Origin header (repeatable)
                         HTTP keeps no sessions: any number of instances can serve one
                         client behind a load balancer, given one CLOUTAPI_MCP_STATE_KEY
                         (32+ bytes: it signs confirmations, so each instance accepts them)
  --auth oauth           a team server: each person signs in with their own portal account
                         (OAuth 2.1; needs --http; no CLOUTAPI_USERNAME or PASSWORD)
  --store URL|FOLDER     the team store: postgres://... for several instances; default a
                         folder in the data folder (embedded, nothing to install)
                                                                      (CLOUTAPI_MCP_STORE)
  --public-url URL       the address clients use, e.g. https://mcp.example.net (behind a proxy)
                                                                 (CLOUTAPI_MCP_PUBLIC_URL)
  --trust-proxy          trust X-Forwarded-For/-Proto from the proxy in front
  --rate-limit N         requests a person may make a minute (default 600)
  --max-concurrent N     requests of one person running at once, per instance (default 10)
                         State keys: CLOUTAPI_MCP_STATE_KEY (shared by every instance),
                         CLOUTAPI_MCP_STATE_KEY_PREVIOUS (older keys, comma-separated) or
                         CLOUTAPI_MCP_STATE_KEY_FILE (one a line, the current first)
                         Client ID Metadata Documents are fetched from public https hosts
                         only; CLOUTAPI_MCP_CIMD_ALLOW_HOSTS=h[:port],... allows others
  --debug                log HTTP calls to stderr (redacted)
  -h, --help             this help;  -v, --version  the version

  cloutapi-mcp audit [--store ...] [--since DATE] [--user NAME]
                         the team server's audit as JSON lines, oldest first
  cloutapi-mcp rekey [--store ...]
                         seal every stored secret again under the current state key

Connection: profiles (above), or CLOUTAPI_URL, CLOUTAPI_CLIENT_ID, CLOUTAPI_ORIGIN,
CLOUTAPI_USERNAME, CLOUTAPI_PASSWORD, or cloutility-api-client.yaml (current or home
directory). Logs go to stderr.`;

const TRUE = /^(1|true|yes|y|on)$/i;
const FALSE = /^(0|false|no|n|off)$/i;

/**
 * A yes/no variable: the usual spellings, case-insensitive; unset or empty is false. Anything
 * else is refused rather than guessed, so a misspelt CLOUTAPI_READ_ONLY never serves writes.
 *
 * @throws Error naming the variable and the accepted values.
 */
export function envFlag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return false;
  if (TRUE.test(value)) return true;
  if (FALSE.test(value)) return false;
  throw new Error(
    `${name}=${JSON.stringify(value.slice(0, 40))} is not a yes/no value; use 1/0, true/false, yes/no, y/n or on/off`,
  );
}

/** The confirmation key from its variable: at least 32 bytes, or refused. */
function stateKey(text: string | undefined): Buffer | undefined {
  if (text === undefined || text === '') return undefined;
  const key = Buffer.from(text, 'utf8');
  if (key.length < MIN_KEY_BYTES)
    throw new Error(
      `CLOUTAPI_MCP_STATE_KEY must be at least ${MIN_KEY_BYTES} bytes (it is ${key.length}); for example: openssl rand -base64 48`,
    );
  return key;
}

/** Parses argv and the environment. @throws Error on an unknown flag or a bad value. */
export function parseRunOptions(argv: readonly string[], env: NodeJS.ProcessEnv): RunOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      demo: { type: 'boolean' },
      'read-only': { type: 'boolean' },
      'allow-secrets': { type: 'boolean' },
      toolsets: { type: 'string' },
      'tool-icons': { type: 'boolean' },
      http: { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      profile: { type: 'string', multiple: true },
      debug: { type: 'boolean' },
      'allowed-host': { type: 'string', multiple: true },
      'allowed-origin': { type: 'string', multiple: true },
      // Sessions are gone (HTTP is stateless): still accepted, so old command lines start.
      'session-idle': { type: 'string' },
      'max-sessions': { type: 'string' },
      stateless: { type: 'boolean' },
      auth: { type: 'string' },
      store: { type: 'string' },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'max-concurrent': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const port = Number(values.port ?? env.CLOUTAPI_MCP_PORT ?? 8765);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number (0-65535), not "${values.port}"`);
  const toolsets = values.toolsets ?? env.CLOUTAPI_TOOLSETS;
  const auth = values.auth ?? env.CLOUTAPI_MCP_AUTH ?? 'none';
  if (auth !== 'none' && auth !== 'oauth')
    throw new Error(`--auth must be oauth (or none), not "${auth}"`);
  if (auth === 'oauth' && !values.http)
    throw new Error('--auth oauth serves people over HTTP: add --http');
  const publicUrl = publicUrlOf(values['public-url'] ?? env.CLOUTAPI_MCP_PUBLIC_URL);
  return {
    demo: values.demo ?? envFlag(env, 'CLOUTAPI_DEMO'),
    readOnly: values['read-only'] ?? envFlag(env, 'CLOUTAPI_READ_ONLY'),
    allowSecrets: values['allow-secrets'] ?? envFlag(env, 'CLOUTAPI_ALLOW_SECRETS'),
    toolsets: toolsets ? toolsets.split(',') : undefined,
    toolIcons: values['tool-icons'] ?? envFlag(env, 'CLOUTAPI_MCP_TOOL_ICONS'),
    http: values.http ?? false,
    host: values.host ?? env.CLOUTAPI_MCP_HOST ?? '127.0.0.1',
    port,
    config: values.config,
    profiles: (values.profile ?? [])
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter(Boolean),
    debug: values.debug ?? envFlag(env, 'CLOUTAPI_DEBUG'),
    token: env.CLOUTAPI_MCP_TOKEN || undefined,
    allowedHosts: values['allowed-host'] ?? [],
    allowedOrigins: values['allowed-origin'] ?? [],
    stateKey: stateKey(env.CLOUTAPI_MCP_STATE_KEY),
    auth,
    store: values.store ?? env.CLOUTAPI_MCP_STORE ?? undefined,
    publicUrl,
    trustProxy: values['trust-proxy'] ?? envFlag(env, 'CLOUTAPI_MCP_TRUST_PROXY'),
    stateKeyPrevious: env.CLOUTAPI_MCP_STATE_KEY_PREVIOUS || undefined,
    clientIdHosts: (env.CLOUTAPI_MCP_CIMD_ALLOW_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    stateKeyFile: env.CLOUTAPI_MCP_STATE_KEY_FILE || undefined,
    rateLimit: positive(values['rate-limit'] ?? env.CLOUTAPI_MCP_RATE_LIMIT, '--rate-limit', 600),
    maxConcurrent: positive(
      values['max-concurrent'] ?? env.CLOUTAPI_MCP_MAX_CONCURRENT,
      '--max-concurrent',
      10,
    ),
    ignored: (['session-idle', 'max-sessions', 'stateless'] as const)
      .filter((flag) => values[flag] !== undefined)
      .map((flag) => `--${flag}`),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/** A whole number of at least 1, or the default when not given. */
function positive(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000)
    throw new Error(`${flag} must be a whole number from 1 to 1000000, not "${text}"`);
  return value;
}

/** The public URL: http(s), an origin only (the server's paths sit at its root). */
function publicUrlOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--public-url must be a URL such as https://mcp.example.net, not "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`--public-url must be http(s), not ${url.protocol}`);
  if (url.pathname !== '/' || url.search || url.hash || url.username)
    throw new Error(
      `--public-url must be an origin only (${url.origin}): the server's paths sit at its root`,
    );
  return url.origin;
}
