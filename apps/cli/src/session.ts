import { demoSettings, loadSettings, type Settings, toCloutilityOptions } from '@cloutapi/config';
import { normalizeBaseUrl } from '@cloutapi/core';
import { type Cloutility, parseDuration } from '@cloutapi/resources';
import type { Demo } from '@cloutapi/simulator';
import { usageError } from './errors.js';
import type { GlobalOptions } from './globals.js';
import { createPortalAgent } from './portal-agent.js';

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
  /** How long one request may take (`--timeout`); also how long enroll waits for another's lock. */
  deadlineMs: number;
  /** Opens connections to the portal ahead of `count` requests sent at once (see PortalAgent). */
  preconnect(count: number): void;
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
  // Checked first: a bad value must not leave a demo simulator running.
  const deadlineMs = requestDeadline(globals.timeout ?? env.CLOUTAPI_TIMEOUT);
  const maxResponseBytes = responseLimit(
    globals.maxResponseBytes ?? env.CLOUTAPI_MAX_RESPONSE_BYTES,
  );
  // A simulator started here is stopped with the session; one handed in belongs to the caller.
  const started = !running && globals.demo ? await startDemoSimulator() : undefined;
  const demo = running ?? started;
  const settings = demo
    ? demoSettings(demo)
    : await loadSettings({
        flags: {
          url: globals.url,
          clientId: globals.clientId,
          origin: globals.origin,
          username: globals.username,
          password: globals.password,
        },
        configPath: globals.config,
        profile: globals.profile,
        env,
      });
  // The first connection opens now, while the client below is still loading (two round trips
  // of TCP and TLS that no longer wait for it).
  // Checked as the client checks it, so a malformed URL is the same usage error as ever.
  const pool = createPortalAgent(new URL(normalizeBaseUrl(settings.url, 'url')));
  pool.preconnect();
  // One turn of the event loop first: a connection made at once (a near portal) sends its TLS
  // hello now, not after the loading below, which holds the thread.
  await new Promise((resolve) => setImmediate(resolve));
  const { connect, createCloutility } = await import('./connection.js');
  const debug = globals.debug ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  const connection = connect(settings, { cache: globals.cache && !demo, env, debug, pool });
  const clout = createCloutility({
    ...connection.client,
    // A read-only profile refuses every change before it is sent (the rule is resources').
    readOnly: toCloutilityOptions(settings).readOnly,
    deadlineMs,
    maxResponseBytes,
    debug: globals.debug,
    // Every answer is checked leniently: one that is not the API's JSON (an HTML page, text) is
    // an error, never a printed result; a field of another type is only reported, with --debug.
    responseValidation: 'lenient',
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
    cacheFile: connection.cacheFile,
    cachedTokens: connection.cachedTokens,
    demo,
    deadlineMs,
    preconnect: (count) => pool.preconnect(count),
    async close() {
      await clout.client.close();
      pool.close();
      await started?.stop();
    },
  };
}

/**
 * The largest answer read, from `--max-response-bytes` or `CLOUTAPI_MAX_RESPONSE_BYTES`: a whole
 * number of bytes; undefined (core's default, 64 MiB) when neither says.
 *
 * @throws ValidationError (a usage error, exit 2) naming the flag; nothing is sent.
 */
function responseLimit(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const bytes = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(bytes >= 1 && bytes <= Number.MAX_SAFE_INTEGER)) {
    const expected = `a whole number of bytes, at least 1 (default 67108864, 64 MiB); got "${value}"`;
    throw usageError(
      `--max-response-bytes (or CLOUTAPI_MAX_RESPONSE_BYTES) must be ${expected}`,
      undefined,
      [{ path: '--max-response-bytes', message: `expected ${expected}` }],
    );
  }
  return bytes;
}

/** How long one request may take when neither `--timeout` nor `CLOUTAPI_TIMEOUT` says. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The deadline of each request, every attempt, backoff and wait for a token included, so a
 * stalled portal ends a command in about that long (not 4 attempts of 30 s each). A bare number
 * is seconds.
 */
function requestDeadline(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_TIMEOUT_MS;
  const ms = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) * 1000 : parseDuration(value);
  if (ms === undefined || !(ms >= 1000))
    throw usageError(
      `--timeout (or CLOUTAPI_TIMEOUT) must be a duration of at least 1 s, such as 30s or 2m; got "${value}"`,
      undefined,
      [{ path: '--timeout', message: `expected a duration of at least 1 s; got "${value}"` }],
    );
  return Math.round(ms);
}

/** The embedded simulator, loaded only for `--demo`. */
async function startDemoSimulator(): Promise<Demo> {
  const { startDemo } = await import('@cloutapi/simulator');
  return startDemo();
}
