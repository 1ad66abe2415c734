import {
  AuthenticationError,
  type AuthStrategy,
  type Connection,
  createRequest,
  type LogSink,
  optionalFunction,
  optionalNumber,
  type RequestFunction,
  type RequestHook,
  redact,
  registerSecret,
  requireSecret,
  requireString,
  resolveConnection,
} from '@cloutapi/core';
import { type Grant, requestToken, type TokenEndpoint } from './token-endpoint.js';

/** Milliseconds since the epoch; injectable so tests can move time. */
export type Clock = () => number;

/** A token pair with its expiry, e.g. to persist between CLI invocations. */
export interface TokenSnapshot {
  accessToken: string;
  refreshToken?: string | undefined;
  /** When our copy stops being used (epoch ms): the server's lifetime minus the margin. */
  expiresAt: number;
}

/** Options of {@link createPasswordAuth}. */
export interface PasswordAuthOptions extends Connection {
  username: string;
  password: string;
  /** Use the refresh grant before signing in again (default true). Falls back to the password. */
  refresh?: boolean;
  /** Stop using a token this many seconds before the server says it expires (default 30). */
  expiryMarginSeconds?: number;
  /** Time source (default `Date.now`). */
  clock?: Clock;
  /**
   * Core's request layer for the token requests. `createClient` gives its own (same fetch, user
   * agent, timeouts and log as the API calls); alone, the strategy makes one from `fetch`,
   * `timeoutMs` and `userAgent`.
   */
  request?: RequestFunction;
  /** The fetch to use when no `request` is given (default the runtime's own). */
  fetch?: typeof globalThis.fetch;
  /** Timeout of one token request in ms when no `request` is given (default 30 000). */
  timeoutMs?: number;
  /** Prepended to the `User-Agent` when no `request` is given. */
  userAgent?: string;
  /** Receives one redacted line per token event; write it to stderr. */
  logger?: LogSink;
  /** Tokens from an earlier run (e.g. a CLI cache); used while still valid. */
  initialTokens?: TokenSnapshot;
  /** Called with the new tokens after every successful grant (e.g. to cache them). */
  onTokens?: (tokens: TokenSnapshot) => void;
}

/** The password strategy: core's {@link AuthStrategy} plus what it was made for and its counts. */
export interface PasswordAuth extends AuthStrategy, Readonly<Connection> {
  /** Counts of token requests sent, by grant, since creation. */
  stats(): { passwordGrants: number; refreshGrants: number };
}

const REFRESH_NEVER_WORKS = new Set<AuthenticationError['reason']>([
  'refresh_not_allowed',
  'unsupported_grant_type',
  'unknown_client',
]);

/**
 * The password strategy: A1 password grant, A2 refresh grant, expiry measured from when the request
 * was sent minus a margin, single-flight, refresh-then-password fallback with exactly one password
 * grant, and no retry storms. Give it to `createClient` of `@cloutapi/core` as `authStrategy`
 * (its options as `auth`), or use it alone as here.
 *
 * @throws ConfigurationError when an option is missing or malformed; nothing is sent.
 *
 * @example
 * ```ts
 * const auth = createPasswordAuth({
 *   baseUrl: 'https://portal-api.example.net',
 *   clientId: process.env.CLOUTAPI_CLIENT_ID!,
 *   origin: 'https://service.example.com',
 *   username: process.env.CLOUTAPI_USERNAME!,
 *   password: process.env.CLOUTAPI_PASSWORD!,
 * });
 * const token = await auth.getToken();
 * ```
 */
export function createPasswordAuth(options: PasswordAuthOptions): PasswordAuth {
  const settings = checkOptions(options);
  const { connection, clock, say } = settings;
  const initial = options.initialTokens;
  const held: Holding = {
    tokens: initial?.accessToken ? { ...initial } : {},
    refreshAllowed: options.refresh ?? true,
    counts: { passwordGrants: 0, refreshGrants: 0 },
  };
  registerSecret(held.tokens.accessToken);
  registerSecret(held.tokens.refreshToken);
  const shared = singleFlight((signal) => obtain(settings, held, signal));

  const getToken: PasswordAuth['getToken'] = ({ signal } = {}) => {
    signal?.throwIfAborted();
    const { accessToken, expiresAt = 0 } = held.tokens;
    if (accessToken && clock() < expiresAt) return Promise.resolve(accessToken);
    return shared(signal);
  };

  const invalidate: PasswordAuth['invalidate'] = (token) => {
    if (token === undefined || token === held.tokens.accessToken)
      held.tokens = { refreshToken: held.tokens.refreshToken };
  };

  const describe = () => ({ strategy: 'password', ...connection, username: settings.username });
  return Object.freeze({
    ...connection,
    getToken,
    invalidate,
    hook: bearerHook(getToken, invalidate, say),
    stats: () => ({ ...held.counts }),
    toJSON: describe,
    [Symbol.for('nodejs.util.inspect.custom')]: () => `PasswordAuth ${JSON.stringify(describe())}`,
  });
}

/** Sends each attempt with the current token; after a 401, once more with a fresh one. */
function bearerHook(
  getToken: AuthStrategy['getToken'],
  invalidate: AuthStrategy['invalidate'],
  say: (line: string) => void,
): RequestHook {
  return async (send, { signal } = {}) => {
    const token = await getToken({ signal });
    try {
      return await send(`Bearer ${token}`);
    } catch (error) {
      if (!(error instanceof AuthenticationError) || error.reason !== 'token_rejected') throw error;
      say('the API rejected the access token (401); getting a fresh one and replaying once');
      invalidate(token);
      return send(`Bearer ${await getToken({ signal })}`);
    }
  };
}

/** The options checked (naming the first bad one), and what the grant stages need of them. */
function checkOptions(options: PasswordAuthOptions) {
  const connection = resolveConnection(options, 'createPasswordAuth');
  const username = requireString(options.username, 'username', 'the portal username');
  const password = requireSecret(options.password, 'password');
  registerSecret(password);
  const marginMs =
    optionalNumber(options.expiryMarginSeconds, 'expiryMarginSeconds', 30, { max: 3600 }) * 1000;
  for (const name of ['clock', 'logger', 'onTokens', 'request'] as const) {
    optionalFunction(options[name], name, undefined);
  }
  const { clock = Date.now, logger, onTokens, request, fetch, timeoutMs, userAgent } = options;
  const { baseUrl, origin } = connection;
  const endpoint: TokenEndpoint = {
    ...connection,
    request: request ?? createRequest({ baseUrl, origin, fetch, timeoutMs, userAgent }),
  };
  const say = (line: string) => logger?.(redact(`auth: ${line}`));
  return { connection, username, password, marginMs, clock, onTokens, endpoint, say };
}

type Settings = ReturnType<typeof checkOptions>;

/** What the strategy holds between calls; the grant stages update it. */
interface Holding {
  tokens: Partial<TokenSnapshot>;
  /** False once the server said the refresh grant can never work for this client. */
  refreshAllowed: boolean;
  counts: { passwordGrants: number; refreshGrants: number };
}

/** A new token: by refresh when it may work, else (or when it is refused) by the password. */
async function obtain(s: Settings, held: Holding, signal: AbortSignal): Promise<string> {
  const refreshToken = held.refreshAllowed ? held.tokens.refreshToken : undefined;
  const refreshed = refreshToken ? await byRefresh(s, held, refreshToken, signal) : undefined;
  const grant: Grant = { kind: 'password', username: s.username, password: s.password };
  return refreshed ?? store(s, held, grant, signal);
}

/** The refresh grant; undefined when it was refused (the password grant comes next). */
async function byRefresh(s: Settings, held: Holding, refreshToken: string, signal: AbortSignal) {
  const bearer = held.tokens.accessToken;
  try {
    return await store(s, held, { kind: 'refresh', refreshToken, bearer }, signal);
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    // A refusal that says the grant itself can never work is remembered, so the refresh is not
    // tried again (and refused again) at every expiry.
    if (REFRESH_NEVER_WORKS.has(error.reason)) held.refreshAllowed = false;
    held.tokens = { ...held.tokens, refreshToken: undefined };
    s.say(`refresh grant refused (${error.reason}); signing in with the password once`);
    return undefined;
  }
}

/** Sends one grant and keeps its tokens: valid from when it was sent, minus the margin. */
async function store(
  s: Settings,
  held: Holding,
  grant: Grant,
  signal: AbortSignal,
): Promise<string> {
  signal.throwIfAborted();
  const sentAt = s.clock();
  held.counts[grant.kind === 'password' ? 'passwordGrants' : 'refreshGrants']++;
  const token = await requestToken(s.endpoint, grant, signal);
  s.say(`${grant.kind} grant ok; token valid for ${token.expiresInSeconds} s`);
  const lifetimeMs = token.expiresInSeconds * 1000;
  // A margin larger than half the lifetime would make every token stale on arrival.
  const snapshot: TokenSnapshot = {
    accessToken: token.accessToken,
    refreshToken: token.refreshToken ?? held.tokens.refreshToken,
    expiresAt: sentAt + lifetimeMs - Math.min(s.marginMs, lifetimeMs / 2),
  };
  held.tokens = snapshot;
  s.onTokens?.({ ...snapshot });
  return token.accessToken;
}

/**
 * One request shared by every caller waiting for it. A caller's signal stops only its own wait;
 * the last caller to stop aborts the request, so a stalled one does not outlive every caller's
 * deadline (its open socket would keep a process alive). Once it has settled or been abandoned,
 * the next caller starts a new one.
 */
function singleFlight<T>(start: (signal: AbortSignal) => Promise<T>) {
  let current: { result: Promise<T>; controller: AbortController; waiting: number } | undefined;
  const begin = () => {
    const controller = new AbortController();
    const flight = {
      controller,
      waiting: 0,
      result: start(controller.signal).finally(() => {
        if (current === flight) current = undefined;
      }),
    };
    return flight;
  };
  return (signal?: AbortSignal): Promise<T> => {
    current ??= begin();
    const flight = current;
    flight.waiting++;
    // A caller without a signal waits to the end: the request is never abandoned then.
    if (!signal) return flight.result;
    return abortable(flight.result, signal, () => {
      if (--flight.waiting > 0) return;
      if (current === flight) current = undefined;
      flight.controller.abort(signal.reason);
    });
  };
}

/** Lets one caller stop waiting for a shared promise; `left` runs when it stops. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal, left: () => void): Promise<T> {
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(signal.reason);
      left();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() =>
    signal.removeEventListener('abort', onAbort),
  );
}
