import { createPasswordAuth, normalizeBaseUrl, type TokenSnapshot } from '@cloutapi/auth';
import { type Demo, loadSettings, type Settings, startDemo } from '@cloutapi/config';
import { nodeHttp } from '@cloutapi/core';
import { type Cloutility, createCloutility } from '@cloutapi/resources';
import type { GlobalOptions } from './globals.js';
import { cacheDir, readTokens, tokenCacheFile, writeTokens } from './token-cache.js';
import { VERSION } from './version.js';

/** A signed-in connection (signing in happens on the first call) and how it was set up. */
export interface Session {
  clout: Cloutility;
  settings: Settings;
  /** The token cache file, unless the cache is off (`--no-cache`, `--demo`). */
  cacheFile: string | undefined;
  /** Whether usable tokens were found in the cache at start. */
  cachedTokens: boolean;
  /** The embedded simulator of `--demo`. */
  demo: Demo | undefined;
  /** Releases the connection pool (and stops the demo simulator). */
  close(): Promise<void>;
}

/**
 * Opens a session from the global options: settings from flags, `CLOUTAPI_*` and the Go YAML file
 * (or a fresh embedded simulator with `--demo`, or the `running` one), a password strategy that
 * starts from the token cache and writes every new token back, and the facade over it.
 */
export async function openSession(
  globals: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
  running?: Demo,
): Promise<Session> {
  // A simulator started here is stopped with the session; one handed in belongs to the caller.
  const started = !running && globals.demo ? await startDemo() : undefined;
  const demo = running ?? started;
  const settings =
    demo?.settings ??
    loadSettings({
      flags: {
        url: globals.url,
        clientId: globals.clientId,
        origin: globals.origin,
        username: globals.username,
        password: globals.password,
      },
      configPath: globals.config,
      env,
    });
  const useCache = globals.cache && !demo;
  const dir = cacheDir(env);
  const cacheFile = useCache
    ? tokenCacheFile(
        {
          url: normalizeBaseUrl(settings.url, 'url'),
          clientId: settings.clientId,
          username: settings.username,
        },
        dir,
      )
    : undefined;
  const initialTokens = cacheFile ? readTokens(cacheFile) : undefined;
  const debug = globals.debug ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  if (initialTokens) debug?.(`cloutapi token cache: using the tokens in ${cacheFile}`);
  const userAgent = `cloutapi-cli/${VERSION}`;
  // Node's own http module: it loads in a few ms, where undici takes longer than a whole command.
  const http = nodeHttp();

  const auth = createPasswordAuth({
    baseUrl: settings.url,
    clientId: settings.clientId,
    origin: settings.origin,
    username: settings.username,
    password: settings.password,
    // Tokens and calls go through the same HTTP stack.
    fetch: http.fetch,
    userAgent,
    logger: debug,
    initialTokens,
    onTokens: cacheFile ? (tokens) => saveTokens(cacheFile, tokens, dir, debug) : undefined,
  });
  const clout = createCloutility({
    baseUrl: settings.url,
    clientId: settings.clientId,
    origin: settings.origin,
    auth,
    http,
    userAgent,
    debug: globals.debug,
    // A command prints what the server sent (keys camel-cased), as the quick path does; with
    // --debug, responses are also checked against the models and a mismatch is reported.
    responseValidation: globals.debug ? 'lenient' : 'off',
    onSchemaMismatch: (op, issues) =>
      debug?.(
        `cloutapi: ${op.name} answered in an unexpected shape: ${issues
          .slice(0, 3)
          .map((i) => `${i.path}: ${i.message}`)
          .join('; ')}`,
      ),
  });
  return {
    clout,
    settings,
    cacheFile,
    cachedTokens: initialTokens !== undefined,
    demo,
    async close() {
      await clout.client.close();
      await started?.stop();
    },
  };
}

function saveTokens(
  file: string,
  tokens: TokenSnapshot,
  dir: string,
  debug: ((line: string) => void) | undefined,
): void {
  try {
    writeTokens(file, tokens, dir);
    debug?.(`cloutapi token cache: saved to ${file}`);
  } catch (error) {
    // A read-only home must not break the command; it only costs a sign-in next time.
    debug?.(`cloutapi token cache: not saved (${(error as Error).message})`);
  }
}
