import {
  type AuthStrategy,
  CloutilityError,
  ConfigurationError,
  createPasswordAuth,
  isRedirect,
  NotFoundError,
  optionalFunction,
  optionalNumber,
  readBody,
  requireString,
  resolveConnection,
  TimeoutError,
  transportError,
} from '@cloutapi/auth';
import { decodeBody, encodeBody } from './body.js';
import { type Collection, iterateCollection } from './collections.js';
import { errorFromResponse, markMaybeApplied, withNote } from './errors.js';
import { createFetcher, runtimeFetch } from './fetcher.js';
import { createLogger, type LogSink } from './logger.js';
import { redirectTarget } from './redirect.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  IDEMPOTENT_METHODS,
  isAmbiguous,
  isTransient,
  type ResolvedRetry,
  type RetryOptions,
  sleep,
} from './retry.js';
import { runtimeTag } from './runtime.js';
import { buildUrl, fillPath, type Query } from './url.js';
import { VERSION } from './version.js';

/** The default of {@link ClientOptions.maxResponseBytes}: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API request, as every operation describes it. */
export interface RequestOptions {
  method: HttpMethod;
  /** The path template, starting with `/v1/`, e.g. `/v1/bunits/{bunitId}/consumers`. */
  path: string;
  pathParams?: Record<string, string | number> | undefined;
  query?: Query | undefined;
  /** A JSON-serialisable body, or raw bytes (then set `contentType`). */
  body?: unknown;
  contentType?: string | undefined;
  /**
   * Whether repeating the request is harmless. Defaults by method (GET, HEAD, PUT, DELETE are).
   * Set false for a GET with side effects (node activation), so it is never retried blindly.
   */
  idempotent?: boolean | undefined;
  /** Per-attempt timeout for this request (default: the client's). */
  timeoutMs?: number | undefined;
  /** Total time for this request, all attempts included (default: the client's `deadlineMs`). */
  deadlineMs?: number | undefined;
  /** Cancels the request, its retries and its wait for a token. */
  signal?: AbortSignal | undefined;
}

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The portal API URL, with or without `/v1` and a trailing slash. */
  baseUrl: string;
  /** The client id created under Settings -> API access. */
  clientId: string;
  /** The origin registered with the client id; sent as `Origin` on every call. */
  origin: string;
  /** An auth strategy (e.g. `createPasswordAuth`). Give this or `credentials`. */
  auth?: AuthStrategy;
  /** Username and password; a password strategy is created from them. */
  credentials?: { username: string; password: string; refresh?: boolean };
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  /**
   * Total time one request may take in ms: every attempt, the backoff between them and the wait
   * for a token. Past it the request fails with a `TimeoutError` that says how long it really
   * took. Default: no limit besides `timeoutMs` per attempt and the retry policy.
   */
  deadlineMs?: number;
  /** Retry policy for requests safe to repeat, or `false` for none. */
  retry?: RetryOptions | false;
  /**
   * The largest response body read, in bytes (default 64 MiB). A larger one is not buffered: the
   * request fails with a `ResponseTooLargeError` once the limit is passed.
   */
  maxResponseBytes?: number;
  /** Prepended to the `User-Agent` (default `cloutapi/<version>`). */
  userAgent?: string;
  /**
   * The fetch to send through (default: the runtime's own `fetch`, looked up at each call). Token
   * requests of a `credentials` client use it too. Any WHATWG-compatible fetch works, e.g.
   * node-fetch's, whose response body is a Node stream.
   */
  fetch?: typeof globalThis.fetch;
  /** `true` writes redacted debug lines to stderr; a function receives them instead. */
  debug?: boolean | LogSink;
  /** Time source for token expiry (default `Date.now`). */
  clock?: () => number;
}

/** A Cloutility API client: one request path for every operation. */
export interface CloutilityClient {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly origin: string;
  readonly auth: AuthStrategy;
  /**
   * Sends one request: fills the path, adds `Origin` and `Authorization`, times out each attempt,
   * retries what is safe to retry, replays once after a 401 with a fresh token, and maps failures
   * to typed errors. Resolves with the parsed body (undefined when empty).
   */
  request<T = unknown>(options: RequestOptions): Promise<T>;
  /**
   * Iterates every item of a collection. With `paged`, sends `limit`/`offset` per page; otherwise
   * one request.
   */
  paginate<T = unknown>(
    options: RequestOptions,
    paging?: { paged?: boolean; pageSize?: number },
  ): AsyncGenerator<T, void, undefined>;
  /**
   * Releases what the client holds. The runtime's fetch manages its own connections, so there is
   * nothing to release today; kept so that callers written for a pooled client keep working.
   */
  close(): Promise<void>;
}

/**
 * Creates a client. Options are checked here: a missing or malformed option throws a
 * `ConfigurationError` naming it, and nothing is sent.
 *
 * @example
 * ```ts
 * const client = createClient({
 *   baseUrl: 'https://portal-api.example.net/v1/',
 *   clientId: process.env.CLOUTAPI_CLIENT_ID!,
 *   origin: 'https://service.example.com',
 *   credentials: { username: 'ops@example.net', password: process.env.CLOUTAPI_PASSWORD! },
 * });
 * const version = await client.request<string>({ method: 'GET', path: '/v1/fullVersion' });
 * ```
 */
export function createClient(options: ClientOptions): CloutilityClient {
  const { baseUrl, clientId, origin } = resolveConnection(options, 'createClient');
  const timeoutMs = optionalNumber(options.timeoutMs, 'timeoutMs', 30_000, { min: 1 });
  const clientDeadlineMs =
    options.deadlineMs === undefined
      ? undefined
      : optionalNumber(options.deadlineMs, 'deadlineMs', 0, { min: 1 });
  const maxResponseBytes = optionalNumber(
    options.maxResponseBytes,
    'maxResponseBytes',
    DEFAULT_MAX_RESPONSE_BYTES,
    { min: 1 },
  );
  const retry = resolveRetry(options.retry);
  if ((options as { http?: unknown }).http !== undefined) {
    throw new ConfigurationError(
      'http',
      'no longer supported; pass a fetch as "fetch" (the runtime\'s own is the default)',
    );
  }
  const fetchImpl = optionalFunction<typeof globalThis.fetch>(options.fetch, 'fetch', runtimeFetch);
  const log = createLogger(options.debug);
  const userAgent = `${options.userAgent ? `${options.userAgent} ` : ''}cloutapi/${VERSION} ${runtimeTag()}`;
  const auth = resolveAuth(options, {
    baseUrl,
    clientId,
    origin,
    timeoutMs,
    fetchImpl,
    userAgent,
    log,
  });
  const apiOrigin = new URL(baseUrl).origin;
  const $fetch = createFetcher({
    baseUrl,
    headers: { Origin: origin, Accept: 'application/json', 'User-Agent': userAgent },
    fetch: fetchImpl,
  });

  const request = async <T>(req: RequestOptions): Promise<T> => {
    const method = req.method.toUpperCase() as HttpMethod;
    const target = buildUrl('', fillPath(method, req.path, req.pathParams), req.query);
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const isWrite = !(method === 'GET' || method === 'HEAD') || req.idempotent === false;
    const attemptTimeout = req.timeoutMs ?? timeoutMs;
    const deadlineMs = req.deadlineMs ?? clientDeadlineMs;
    const where = `${method} ${req.path}`;
    const encoded = req.body === undefined ? undefined : encodeBody(req.body);
    const contentType = req.contentType ?? encoded?.contentType;
    const started = Date.now();
    const deadline = deadlineMs === undefined ? undefined : AbortSignal.timeout(deadlineMs);
    const overall = anySignal(req.signal, deadline);
    const spent = (attempts: number) =>
      `${attempts} attempt${attempts === 1 ? '' : 's'} in ${seconds(Date.now() - started)}`;
    // A DELETE whose first attempt may have gone through is done when a retry finds nothing.
    let ambiguousBefore = false;

    for (let attempt = 0; ; attempt++) {
      let sent = false;
      let error: CloutilityError;
      try {
        return await auth.hook(
          async (authorization) => {
            sent = true;
            return send<T>(authorization);
          },
          { signal: overall },
        );
      } catch (caught) {
        if (req.signal?.aborted) throw req.signal.reason;
        if (deadline?.aborted) throw deadlineExceeded(attempt + 1, sent);
        error = caught as CloutilityError;
      }
      if (method === 'DELETE' && ambiguousBefore && error instanceof NotFoundError) {
        log?.(`${where}: 404 after an attempt that may have gone through; the delete is done`);
        return undefined as T;
      }
      // Repeat only what cannot do harm: idempotent requests, or any request that never left
      // (the failure was in getting a token).
      const safe = idempotent || !sent;
      const final = (e: CloutilityError, why?: string) => {
        const marked = sent && isWrite && !idempotent && isAmbiguous(e) ? markMaybeApplied(e) : e;
        return attempt === 0 && !why
          ? marked
          : withNote(marked, `${why ?? 'gave up'} after ${spent(attempt + 1)}`);
      };
      if (!isTransient(error) || !safe || attempt >= retry.retries) throw final(error);
      const delay = backoffDelay(attempt, retry, error.retryAfterMs);
      if (delay > retry.maxRetryAfterMs) throw final(error);
      if (deadlineMs !== undefined && Date.now() - started + delay >= deadlineMs) {
        throw final(
          error,
          `no time left for another attempt within the deadline of ${deadlineMs} ms`,
        );
      }
      if (sent && isAmbiguous(error)) ambiguousBefore = true;
      log?.(
        `${where} attempt ${attempt + 1} failed (${error.status ?? error.name}); retrying in ${Math.round(delay)} ms`,
      );
      try {
        await sleep(delay, overall);
      } catch (caught) {
        if (req.signal?.aborted) throw req.signal.reason;
        if (deadline?.aborted) throw deadlineExceeded(attempt + 1, false);
        throw caught;
      }
    }

    function deadlineExceeded(attempts: number, inFlight: boolean): CloutilityError {
      const maybe = inFlight && isWrite;
      return new TimeoutError({
        message: `${where} did not finish within the deadline of ${deadlineMs} ms (${spent(attempts)}).${maybe ? ' The write may have been applied: check its result before repeating it.' : ''}`,
        method,
        path: req.path,
        mayHaveBeenApplied: maybe,
      });
    }

    async function send<R>(authorization: string): Promise<R> {
      const timeout = AbortSignal.timeout(attemptTimeout);
      const signal = anySignal(overall, timeout) as AbortSignal;
      const headers: Record<string, string> = { Authorization: authorization };
      if (contentType) headers['Content-Type'] = contentType;
      const fail = (error: unknown) => {
        if (overall?.aborted) return overall.reason;
        if (error instanceof CloutilityError) return error;
        return transportError(unwrap(error), timeout.aborted, attemptTimeout, {
          method,
          path: req.path,
        });
      };
      const startedAt = log ? Date.now() : 0;
      let url = target;
      for (let hops = 0; ; hops++) {
        let response: Response;
        let bytes: Uint8Array;
        try {
          log?.(`-> ${where}`);
          response = await $fetch.raw(url, {
            method,
            headers,
            body: encoded?.body,
            signal,
          });
          if (isRedirect(response)) {
            url = redirectTarget({
              response,
              // ofetch joins the base URL (which may have a path) and a path starting with /v1/.
              from: response.url || (url.startsWith('/') ? baseUrl + url : url),
              origin: apiOrigin,
              method,
              path: req.path,
              hops,
            });
            log?.(`<- ${response.status} ${where}: following the redirect within the API's origin`);
            continue;
          }
          bytes = await readBody(response, {
            maxBytes: maxResponseBytes,
            method,
            path: req.path,
            mayHaveBeenApplied: isWrite && response.ok,
          });
        } catch (error) {
          throw fail(error);
        }
        log?.(`<- ${response.status} ${where} (${Date.now() - startedAt} ms)`);
        const data = decodeBody(
          {
            status: response.status,
            contentType: response.headers.get('content-type') ?? '',
            bytes,
          },
          method,
        );
        if (response.ok) return data as R;
        throw errorFromResponse({
          status: response.status,
          headers: response.headers,
          body: data,
          method,
          path: req.path,
          isWrite,
        });
      }
    }
  };

  const paginate = <T>(
    req: RequestOptions,
    { paged = false, pageSize = 100 }: { paged?: boolean; pageSize?: number } = {},
  ) =>
    iterateCollection<T>(
      ({ offset, limit }) =>
        request<Collection<T>>(paged ? { ...req, query: { ...req.query, offset, limit } } : req),
      { pageSize: paged ? pageSize : Number.MAX_SAFE_INTEGER },
    );

  const describe = () => ({ baseUrl, clientId, origin });
  return Object.freeze({
    baseUrl,
    clientId,
    origin,
    auth,
    request,
    paginate,
    close: async () => {},
    toJSON: describe,
    [Symbol.for('nodejs.util.inspect.custom')]: () =>
      `CloutilityClient ${JSON.stringify(describe())}`,
  });
}

/** Both signals in one, or the one that is given. */
function anySignal(
  a: AbortSignal | undefined,
  b: AbortSignal | undefined,
): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

/** The reason under ofetch's `FetchError`, which wraps what fetch threw. */
function unwrap(error: unknown): unknown {
  const e = error as { name?: unknown; cause?: unknown } | undefined;
  return e?.name === 'FetchError' && e.cause !== undefined ? e.cause : error;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function resolveRetry(value: RetryOptions | false | undefined): ResolvedRetry {
  if (value === false) return { ...DEFAULT_RETRY, retries: 0 };
  if (value !== undefined && (typeof value !== 'object' || value === null)) {
    throw new ConfigurationError(
      'retry',
      'expected an object ({ retries, baseDelayMs, maxDelayMs }) or false',
    );
  }
  const v = value ?? {};
  return {
    retries: optionalNumber(v.retries, 'retry.retries', DEFAULT_RETRY.retries, { max: 10 }),
    baseDelayMs: optionalNumber(v.baseDelayMs, 'retry.baseDelayMs', DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: optionalNumber(v.maxDelayMs, 'retry.maxDelayMs', DEFAULT_RETRY.maxDelayMs),
    maxRetryAfterMs: optionalNumber(
      v.maxRetryAfterMs,
      'retry.maxRetryAfterMs',
      DEFAULT_RETRY.maxRetryAfterMs,
    ),
  };
}

function resolveAuth(
  options: ClientOptions,
  ctx: {
    baseUrl: string;
    clientId: string;
    origin: string;
    timeoutMs: number;
    fetchImpl: typeof globalThis.fetch;
    userAgent: string;
    log: LogSink | undefined;
  },
): AuthStrategy {
  if (options.auth && options.credentials) {
    throw new ConfigurationError('auth', 'give either "auth" or "credentials", not both');
  }
  if (options.auth) {
    const a = options.auth;
    if (typeof a.hook !== 'function' || typeof a.getToken !== 'function') {
      throw new ConfigurationError(
        'auth',
        'expected an auth strategy such as createPasswordAuth(...)',
      );
    }
    if (a.origin !== ctx.origin || a.clientId !== ctx.clientId || a.baseUrl !== ctx.baseUrl) {
      throw new ConfigurationError(
        'auth',
        'the strategy was created for another baseUrl, clientId or origin',
      );
    }
    return a;
  }
  const c = options.credentials;
  if (!c || typeof c !== 'object') {
    throw new ConfigurationError(
      'credentials',
      'missing; give { username, password } or an "auth" strategy',
    );
  }
  requireString(c.username, 'credentials.username', 'the portal username');
  if (typeof c.password !== 'string' || c.password === '') {
    throw new ConfigurationError('credentials.password', 'missing; expected a non-empty string');
  }
  return createPasswordAuth({
    baseUrl: ctx.baseUrl,
    clientId: ctx.clientId,
    origin: ctx.origin,
    username: c.username,
    password: c.password,
    refresh: c.refresh,
    clock: options.clock,
    fetch: ctx.fetchImpl,
    timeoutMs: ctx.timeoutMs,
    userAgent: ctx.userAgent,
    logger: ctx.log,
  });
}
