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
  resolveConnection,
} from '@cloutapi/core';
import { singleFlight } from './single-flight.js';
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

/**
 * What every strategy takes besides its credential: the connection, how long a token is used,
 * what sends the token requests, and who hears of them.
 */
export interface GrantOptions extends Connection {
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
  /** Called with the new tokens after every successful grant (e.g. to cache them). */
  onTokens?: (tokens: TokenSnapshot) => void;
}

/**
 * The options checked in order, naming the first bad one: the connection (for `caller`), the
 * strategy's own credential (`credential`, which also registers its secrets), then the options
 * every strategy shares. Returns the credential and what the grant stages need.
 */
export function checkGrantOptions<Credential extends object>(
  options: GrantOptions,
  caller: string,
  credential: () => Credential,
) {
  const connection = resolveConnection(options, caller);
  const own = credential();
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
  return { ...own, connection, marginMs, clock, onTokens, endpoint, say };
}

/** What the grant stages need of the checked options. */
export type GrantSettings = ReturnType<typeof checkGrantOptions>;

/** What a strategy holds between calls; the grant stages update it. */
interface TokenHolding {
  tokens: Partial<TokenSnapshot>;
  /** Token requests sent, by grant (a strategy counts only the grants it sends). */
  counts: { passwordGrants?: number; refreshGrants?: number };
}

/** How a strategy shows itself in JSON and `util.inspect`: never a token. */
interface Shown {
  /** The name `util.inspect` prints, e.g. `PasswordAuth`. */
  name: string;
  /** The `strategy` field, e.g. `password`. */
  strategy: string;
  /** Shown after the connection, e.g. the username. */
  extra?: Record<string, string>;
}

/**
 * Core's {@link AuthStrategy} over the held tokens, frozen with the connection and `stats()` (the
 * counts). `getToken` gives the held access token while it is valid, else the result of
 * `obtain`, shared by every concurrent caller (single-flight); `invalidate` forgets the access
 * token, keeping the refresh token; `hook` adds the bearer and replays once after a 401.
 */
export function tokenStrategy<Counts extends TokenHolding['counts']>(
  s: GrantSettings,
  held: TokenHolding & { counts: Counts },
  obtain: (signal: AbortSignal) => Promise<string>,
  shown: Shown,
) {
  registerSecret(held.tokens.accessToken);
  registerSecret(held.tokens.refreshToken);
  const shared = singleFlight(obtain);
  const getToken: AuthStrategy['getToken'] = ({ signal } = {}) => {
    signal?.throwIfAborted();
    const { accessToken, expiresAt = 0 } = held.tokens;
    if (accessToken && s.clock() < expiresAt) return Promise.resolve(accessToken);
    return shared(signal);
  };
  const invalidate: AuthStrategy['invalidate'] = (token) => {
    if (token === undefined || token === held.tokens.accessToken)
      held.tokens = { refreshToken: held.tokens.refreshToken };
  };
  const describe = () => ({ strategy: shown.strategy, ...s.connection, ...shown.extra });
  return Object.freeze({
    ...s.connection,
    getToken,
    invalidate,
    hook: bearerHook(getToken, invalidate, s.say),
    stats: (): Counts => ({ ...held.counts }),
    toJSON: describe,
    [Symbol.for('nodejs.util.inspect.custom')]: () => `${shown.name} ${JSON.stringify(describe())}`,
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

/** Sends one grant and keeps its tokens: valid from when it was sent, minus the margin. */
export async function storeGrant(
  s: GrantSettings,
  held: TokenHolding,
  grant: Grant,
  signal: AbortSignal,
): Promise<string> {
  signal.throwIfAborted();
  const sentAt = s.clock();
  const count = grant.kind === 'password' ? 'passwordGrants' : 'refreshGrants';
  held.counts[count] = (held.counts[count] ?? 0) + 1;
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
