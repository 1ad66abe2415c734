import { createPasswordAuth, type TokenSnapshot } from '@cloutapi/auth';
import { isCleartextRemote, type Settings } from '@cloutapi/config';
import { type ClientOptions, normalizeBaseUrl } from '@cloutapi/core';
import { fetch as nodeFetch } from 'node-fetch-native/node';
import type { PortalAgent } from './portal-agent.js';
import {
  cacheDir,
  credentialFingerprint,
  readTokens,
  tokenCacheFile,
  unsafeCacheDir,
  writeTokens,
} from './token-cache.js';
import { VERSION } from './version.js';
import { parseWithoutJit } from './zod-config.js';

// The facade loads with the connection, after the session has started the first connection.
export { createCloutility } from '@cloutapi/resources';

// Loaded with the client, before the first answer is parsed.
parseWithoutJit();

/** What a client of the portal is made with; see {@link connect}. */
export interface Connection {
  /** The options of `createCloutility` (core's `createClient` options), as the session passes them. */
  client: ClientOptions<typeof createPasswordAuth>;
  /** The token cache file, unless the cache is off. */
  cacheFile: string | undefined;
  /** Whether usable tokens were found in the cache. */
  cachedTokens: boolean;
}

/**
 * How every command reaches the portal (the session is the one caller): node-fetch (v3, as
 * node-fetch-native redistributes it) on Node's own http module and the portal's keep-alive pool
 * (`pool`), because Node's global fetch costs a one-request command 40 ms (Node 24) to 100 ms
 * (Node 20) more CPU to load, for API calls and token requests alike, both through core's one
 * request layer; and the password strategy, starting from the token cache and writing every new
 * token back.
 */
export function connect(
  settings: Settings,
  options: {
    cache: boolean;
    env?: NodeJS.ProcessEnv;
    debug?: ((line: string) => void) | undefined;
    /** The portal's connection pool (see `createPortalAgent`), perhaps connecting already. */
    pool: PortalAgent;
  },
): Connection {
  const { debug } = options;
  warnIfCleartext(settings.url);
  const dir = cacheDir(options.env);
  const target = {
    url: normalizeBaseUrl(settings.url, 'url'),
    clientId: settings.clientId,
    username: settings.username,
    profile: settings.profile?.name,
  };
  const cacheFile = options.cache && cacheDirIsSafe(dir) ? tokenCacheFile(target, dir) : undefined;
  // A password kept elsewhere (a profile's keychain entry or command) is fetched only when a
  // sign-in needs it: its tokens are told apart by where it comes from instead.
  const password =
    typeof settings.password === 'string'
      ? settings.password
      : `from ${settings.profile?.passwordFrom ?? 'elsewhere'}`;
  const credentials = { ...target, origin: settings.origin, password };
  const fingerprint = cacheFile ? credentialFingerprint(credentials, dir) : undefined;
  const initialTokens = cacheFile ? readTokens(cacheFile, fingerprint) : undefined;
  if (initialTokens) debug?.(`cloutapi token cache: using the tokens in ${cacheFile}`);
  const userAgent = `cloutapi-cli/${VERSION}`;
  return {
    client: {
      baseUrl: settings.url,
      clientId: settings.clientId,
      origin: settings.origin,
      authStrategy: createPasswordAuth,
      auth: {
        username: settings.username,
        password: settings.password,
        initialTokens,
        onTokens: cacheFile
          ? (tokens) => saveTokens(cacheFile, tokens, dir, fingerprint, debug)
          : undefined,
      },
      fetch: ((input: string, init: RequestInit) =>
        nodeFetch(input, {
          ...init,
          agent: options.pool.agent,
        } as never)) as unknown as typeof globalThis.fetch,
      userAgent,
    },
    cacheFile,
    cachedTokens: initialTokens !== undefined,
  };
}

function saveTokens(
  file: string,
  tokens: TokenSnapshot,
  dir: string,
  fingerprint: string | undefined,
  debug: ((line: string) => void) | undefined,
): void {
  try {
    writeTokens(file, tokens, dir, fingerprint);
    debug?.(`cloutapi token cache: saved to ${file}`);
  } catch (error) {
    // A read-only home must not break the command; it only costs a sign-in next time.
    debug?.(`cloutapi token cache: not saved (${(error as Error).message})`);
  }
}

let warnedCleartext = false;

/** Says once per run, on stderr, that plain http:// off this machine sends the password in clear. */
function warnIfCleartext(url: string): void {
  if (warnedCleartext || !isCleartextRemote(url)) return;
  warnedCleartext = true;
  process.stderr.write(
    `warning: ${new URL(url).origin} is plain http: the password and tokens travel in clear. Use https://.\n`,
  );
}

/** Whether tokens may be kept in `dir`; says once, on stderr, why not (the run goes on without). */
function cacheDirIsSafe(dir: string): boolean {
  const problem = unsafeCacheDir(dir);
  if (problem) {
    process.stderr.write(
      `warning: not using the token cache folder ${dir}: ${problem}. Signing in without the cache.\n`,
    );
  }
  return problem === undefined;
}
