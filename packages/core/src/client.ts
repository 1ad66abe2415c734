import {
  type AuthStrategy,
  type CloutilityError,
  ConfigurationError,
  createPasswordAuth,
  optionalFunction,
  optionalNumber,
  requireString,
  resolveConnection,
  transportError,
} from '@cloutapi/auth';
import { decodeBody, encodeBody } from './body.js';
import { type Collection, iterateCollection } from './collections.js';
import { errorFromResponse, markMaybeApplied } from './errors.js';
import { createLogger, type LogSink } from './logger.js';
import type { HttpStack } from './node-http.js';
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
import { createTransport } from './transport.js';
import { buildUrl, fillPath, type Query } from './url.js';
import { VERSION } from './version.js';

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
  /** Retry policy for requests safe to repeat, or `false` for none. */
  retry?: RetryOptions | false;
  /** Prepended to the `User-Agent` (default `cloutapi/<version>`). */
  userAgent?: string;
  /**
   * The HTTP stack: by default undici, loaded at the first request, with pooled keep-alive
   * connections. `nodeHttp()` sends through Node's own http module, which loads in a few ms
   * instead of 40 or more: for short-lived processes such as a CLI command.
   */
  http?: HttpStack;
  /** A fetch to send through instead (one that may not know undici's options). */
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
   * Closes the client's pooled connections. Optional: idle connections close by themselves after
   * a few seconds; a short-lived program (a CLI) calls this to exit at once.
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
  const retry = resolveRetry(options.retry);
  const customFetch = optionalFunction<typeof globalThis.fetch | undefined>(
    options.fetch,
    'fetch',
    undefined,
  );
  if (options.http !== undefined && customFetch)
    throw new ConfigurationError('http', 'give either "http" or "fetch", not both');
  if (options.http !== undefined && typeof options.http?.fetch !== 'function')
    throw new ConfigurationError('http', 'expected an HTTP stack such as nodeHttp()');
  const transport = createTransport(options.http ?? (customFetch && { fetch: customFetch }));
  const fetchImpl = transport.fetch;
  const log = createLogger(options.debug);
  const userAgent = `${options.userAgent ? `${options.userAgent} ` : ''}cloutapi/${VERSION} node/${process.versions.node}`;
  const auth = resolveAuth(options, {
    baseUrl,
    clientId,
    origin,
    timeoutMs,
    fetchImpl,
    userAgent,
    log,
  });
  const staticHeaders = { Origin: origin, Accept: 'application/json', 'User-Agent': userAgent };

  const request = async <T>(req: RequestOptions): Promise<T> => {
    const method = req.method.toUpperCase() as HttpMethod;
    const url = buildUrl(baseUrl, fillPath(method, req.path, req.pathParams), req.query);
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const isWrite = !(method === 'GET' || method === 'HEAD') || req.idempotent === false;
    const attemptTimeout = req.timeoutMs ?? timeoutMs;
    const where = `${method} ${req.path}`;

    for (let attempt = 0; ; attempt++) {
      let sent = false;
      try {
        return await auth.hook(
          async (authorization) => {
            sent = true;
            return send<T>(authorization);
          },
          { signal: req.signal },
        );
      } catch (caught) {
        if (req.signal?.aborted) throw req.signal.reason;
        const error = caught as CloutilityError;
        // Repeat only what cannot do harm: idempotent requests, or any request that never left
        // (the failure was in getting a token).
        const safe = idempotent || !sent;
        if (!isTransient(error) || !safe || attempt >= retry.retries) {
          throw sent && isWrite && !idempotent && isAmbiguous(error)
            ? markMaybeApplied(error)
            : error;
        }
        const delay = backoffDelay(attempt, retry, error.retryAfterMs);
        if (delay > retry.maxRetryAfterMs) throw error;
        log?.(
          `${where} attempt ${attempt + 1} failed (${error.status ?? error.name}); retrying in ${Math.round(delay)} ms`,
        );
        await sleep(delay, req.signal);
      }
    }

    async function send<R>(authorization: string): Promise<R> {
      const attempt = transport.attempt(attemptTimeout, req.signal);
      const headers: Record<string, string> = { ...staticHeaders, Authorization: authorization };
      const init: RequestInit & { poolTimeoutMs?: number | undefined } = {
        method,
        headers,
        signal: attempt.signal,
        // Read by the default transport, which picks the undici pool with this timeout.
        poolTimeoutMs: attempt.poolTimeoutMs,
      };
      if (req.body !== undefined) {
        const encoded = encodeBody(req.body);
        init.body = encoded.body;
        const type = req.contentType ?? encoded.contentType;
        if (type) headers['Content-Type'] = type;
      }
      const started = log ? performance.now() : 0;
      log?.(`-> ${where}`);
      let response: Response;
      let data: unknown;
      try {
        response = await fetchImpl(url, init);
        data = await decodeBody(response, method);
      } catch (error) {
        if (req.signal?.aborted) throw req.signal.reason;
        throw transportError(error, attempt.timedOut(error), attemptTimeout, {
          method,
          path: req.path,
        });
      }
      log?.(`<- ${response.status} ${where} (${Math.round(performance.now() - started)} ms)`);
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
    close: transport.close,
    toJSON: describe,
    [Symbol.for('nodejs.util.inspect.custom')]: () =>
      `CloutilityClient ${JSON.stringify(describe())}`,
  });
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
