import { createLogger, type LogSink } from '../logger.js';
import {
  type Connection,
  normalizeBaseUrl,
  optionalFunction,
  optionalNumber,
  validateOrigin,
} from '../options.js';
import { runtimeTag } from '../runtime.js';
import { VERSION } from '../version.js';
import { startBudget } from './deadline.js';
import { type CallDefaults, prepare, type RequestOptions } from './prepare.js';
import { type RetryOptions, resolveRetry, withRetries } from './retry.js';
import { send, type Transport } from './send.js';

/** The default of {@link RequestDefaults.maxResponseBytes}: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * The default of {@link RequestDefaults.deadlineMs}: one minute for one request, every attempt,
 * backoff and wait for a token included. Without it a stalled server holds a call for every
 * attempt's full timeout plus the backoff between them (4 x 30 s and more, about two minutes);
 * a minute still leaves room for one whole stalled attempt and a retry, is what a person or a
 * script waiting for one answer tolerates (the CLI's `--timeout` defaults to it too), and a
 * longer call says so with its own `deadlineMs`.
 */
export const DEFAULT_DEADLINE_MS = 60_000;

/** Sends one request and resolves with its parsed body (undefined when empty). */
export type RequestFunction = <T = unknown>(options: RequestOptions) => Promise<T>;

/**
 * Wraps each attempt of a request, e.g. an auth strategy's: runs `send` with an `Authorization`
 * value, and may run it once more (with a fresh token after a 401). A failure before `send` runs
 * means the request never left, so it may be retried whatever its method.
 */
export type RequestHook = <T>(
  send: (authorization: string) => Promise<T>,
  options?: { signal?: AbortSignal | undefined },
) => Promise<T>;

/** What every request of one layer shares; each request may override the limits. */
export interface RequestDefaults extends Omit<Connection, 'clientId'> {
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number | undefined;
  /**
   * Total time one request may take in ms: every attempt, the backoff between them and the wait
   * for a token. Past it the request fails with a `TimeoutError` that says how long it really
   * took. Default {@link DEFAULT_DEADLINE_MS} (60 000); a request's own `deadlineMs` overrides it.
   */
  deadlineMs?: number | undefined;
  /** Retry policy for requests safe to repeat, or `false` for none. */
  retry?: RetryOptions | false | undefined;
  /**
   * The largest response body read, in bytes (default 64 MiB). A larger one is not buffered: the
   * request fails with a `ResponseTooLargeError` once the limit is passed.
   */
  maxResponseBytes?: number | undefined;
  /** Prepended to the `User-Agent` (default `cloutapi/<version> <runtime>/<version>`). */
  userAgent?: string | undefined;
  /**
   * The fetch to send through (default: the runtime's own `fetch`, looked up at each call). Any
   * WHATWG-compatible fetch works, e.g. node-fetch's, whose response body is a Node stream.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** `true` writes redacted debug lines to stderr; a function receives them instead. */
  debug?: boolean | LogSink | undefined;
  /** Wraps every attempt (an auth strategy's hook). */
  hook?: RequestHook | undefined;
}

/**
 * Creates the request layer: one path for every request, API calls and token requests alike.
 * Each request goes through named stages: `prepare` (path, query, body, defaults), the
 * `deadline` budget, `retry` (only what is safe to repeat), the hook, and `send` (one attempt:
 * headers, fetch, redirect policy, bounded body read, decoding, typed errors).
 *
 * @throws ConfigurationError naming a missing or malformed option; nothing is sent.
 */
export function createRequest(defaults: RequestDefaults): RequestFunction {
  const { transport, callDefaults } = resolveDefaults(defaults);
  const { hook } = defaults;
  return async <T>(options: RequestOptions): Promise<T> => {
    const call = prepare(options, callDefaults);
    const budget = startBudget(call);
    return withRetries(call, budget, transport.log, (progress) => {
      const attempt = (authorization?: string) => {
        progress.sent = true;
        return send<T>(transport, call, authorization, budget.signal);
      };
      return hook ? hook(attempt, { signal: budget.signal }) : attempt();
    });
  };
}

/** The options checked and merged with their defaults, in one place. */
function resolveDefaults(d: RequestDefaults): { transport: Transport; callDefaults: CallDefaults } {
  const baseUrl = normalizeBaseUrl(d.baseUrl);
  const origin = validateOrigin(d.origin);
  const positive = <F extends number | undefined>(key: keyof CallDefaults, fallback: F) =>
    optionalNumber(d[key], key, fallback, { min: 1 });
  const callDefaults: CallDefaults = {
    timeoutMs: positive('timeoutMs', 30_000),
    deadlineMs: positive('deadlineMs', DEFAULT_DEADLINE_MS),
    retry: resolveRetry(d.retry),
    maxResponseBytes: positive('maxResponseBytes', DEFAULT_MAX_RESPONSE_BYTES),
  };
  const userAgent = `${d.userAgent ? `${d.userAgent} ` : ''}cloutapi/${VERSION} ${runtimeTag()}`;
  // Every response comes back as it came, for the stages to decide what it means: no retries
  // (ours know what is safe to repeat), no throwing on an error status, the body as a stream
  // (read within the limit), no redirects followed. The runtime's fetch is looked up at each
  // call, so a polyfill installed later is used.
  const fetcher = optionalFunction<typeof fetch>(d.fetch, 'fetch', (input, init) =>
    fetch(input, init),
  );
  const headers = { Origin: origin, Accept: 'application/json', 'User-Agent': userAgent };
  const log = createLogger(d.debug);
  const apiOrigin = new URL(baseUrl).origin;
  return { transport: { fetch: fetcher, headers, baseUrl, apiOrigin, log }, callDefaults };
}
