import { type Collection, iterateCollection } from './collections.js';
import { ConfigurationError } from './errors/status.js';
import { createLogger, type LogSink } from './logger.js';
import { type Connection, resolveConnection } from './options.js';
import {
  createRequest,
  type RequestDefaults,
  type RequestFunction,
  type RequestHook,
} from './request/create-request.js';
import type { RequestOptions } from './request/prepare.js';

/**
 * An auth strategy: all `@cloutapi/core` knows about authentication. It gets tokens, forgets a
 * rejected one, and wraps each attempt of a request (see {@link RequestHook}).
 */
export interface AuthStrategy {
  /** A valid access token. The signal only stops this caller's wait. */
  getToken(options?: { signal?: AbortSignal | undefined }): Promise<string>;
  /** Forgets `token` (or the current token) so the next `getToken` obtains a new one. */
  invalidate(token?: string): void;
  hook: RequestHook;
}

/** What {@link createClient} gives a strategy besides its own options (`auth`). */
export interface AuthStrategyContext extends Connection {
  /** Core's request, for token requests: the client's fetch, user agent, timeouts and limits. */
  request: RequestFunction;
  /** The client's debug log (redacted), when `debug` is on. */
  logger?: LogSink | undefined;
}

/** A strategy factory such as `createPasswordAuth` of `@cloutapi/auth`. */
// biome-ignore lint/suspicious/noExplicitAny: a factory's own options are its business.
export type AuthStrategyFactory = (options: any) => AuthStrategy;

/** The options a factory takes besides what the client gives it. */
export type AuthOptionsOf<S extends AuthStrategyFactory> = Omit<
  Parameters<S>[0],
  keyof AuthStrategyContext
>;

/** Options of {@link createClient}. */
export interface ClientOptions<S extends AuthStrategyFactory = AuthStrategyFactory>
  extends Omit<RequestDefaults, 'hook'>,
    Connection {
  /** The auth strategy's factory, e.g. `createPasswordAuth` of `@cloutapi/auth`. */
  authStrategy: S;
  /** The strategy's options, e.g. `{ username, password }`. */
  auth?: AuthOptionsOf<S>;
}

/** A Cloutility API client: one request path for every operation. */
export interface CloutilityClient extends Readonly<Connection> {
  readonly auth: AuthStrategy;
  /**
   * Sends one request: fills the path, adds `Origin` and (through the strategy) `Authorization`,
   * times out each attempt, retries what is safe to retry, and maps failures to typed errors.
   * Resolves with the parsed body (undefined when empty).
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
  /** Releases what the client holds: nothing today (the runtime's fetch pools connections). */
  close(): Promise<void>;
}

// Options that are no longer the client's, and where they went.
const MOVED: Record<string, string> = {
  http: 'no longer supported; pass a fetch as "fetch" (the runtime\'s own is the default)',
  credentials:
    'not an option of createClient; give authStrategy: createPasswordAuth (@cloutapi/auth) and auth: { username, password }, or use createCloutility of @cloutapi/resources, which takes credentials',
  clock: 'moved to the strategy; give it in "auth"',
};

/**
 * Creates a client: the request layer ({@link createRequest}), the auth strategy made by
 * `authStrategy` from `auth` (it gets the same request layer for its token requests) and wrapping
 * every call, and pagination. Options are checked here: a missing or malformed option throws a
 * `ConfigurationError` naming it, and nothing is sent.
 *
 * @example
 * ```ts
 * import { createPasswordAuth } from '@cloutapi/auth';
 * const client = createClient({
 *   baseUrl: 'https://portal-api.example.net/v1/',
 *   clientId: process.env.CLOUTAPI_CLIENT_ID!,
 *   origin: 'https://service.example.com',
 *   authStrategy: createPasswordAuth,
 *   auth: { username: 'ops@example.net', password: process.env.CLOUTAPI_PASSWORD! },
 * });
 * const version = await client.request<string>({ method: 'GET', path: '/v1/fullVersion' });
 * ```
 */
export function createClient<S extends AuthStrategyFactory>(
  options: ClientOptions<S>,
): CloutilityClient {
  const connection = resolveConnection(options, 'createClient');
  for (const [option, why] of Object.entries(MOVED)) {
    if ((options as unknown as Record<string, unknown>)[option] !== undefined) {
      throw new ConfigurationError(option, why);
    }
  }
  const defaults = { ...options, ...connection, hook: undefined };
  const logger = createLogger(options.debug);
  const auth = startStrategy(options, {
    ...connection,
    // A token request is shared by every call waiting for it: each call's deadline bounds its
    // own wait; the client's deadline bounds the shared request, which the strategy may abort
    // sooner (`@cloutapi/auth`'s does once no call waits for it).
    request: createRequest(defaults),
    ...(logger && { logger }),
  });
  const request = createRequest({ ...defaults, hook: auth.hook });
  const paginate = <T>(
    req: RequestOptions,
    { paged = false, pageSize = 100 }: { paged?: boolean; pageSize?: number } = {},
  ) =>
    iterateCollection<T>(
      ({ offset, limit }) =>
        request<Collection<T>>(paged ? { ...req, query: { ...req.query, offset, limit } } : req),
      { pageSize: paged ? pageSize : Number.MAX_SAFE_INTEGER },
    );
  return Object.freeze({
    ...connection,
    auth,
    request,
    paginate,
    close: async () => {},
    toJSON: () => connection,
    [Symbol.for('nodejs.util.inspect.custom')]: () =>
      `CloutilityClient ${JSON.stringify(connection)}`,
  });
}

/** Calls the strategy factory with its options and the client's context, and checks the result. */
function startStrategy(options: ClientOptions, context: AuthStrategyContext): AuthStrategy {
  const { authStrategy: factory, auth } = options;
  const usage =
    'e.g. authStrategy: createPasswordAuth (@cloutapi/auth) with auth: { username, password }';
  if (typeof factory !== 'function') {
    throw new ConfigurationError('authStrategy', `missing; expected a strategy factory, ${usage}`);
  }
  if (auth !== undefined && (typeof auth !== 'object' || auth === null || 'hook' in auth)) {
    throw new ConfigurationError('auth', `expected the strategy's options, ${usage}`);
  }
  const strategy = factory({ ...auth, ...context });
  if (typeof strategy?.hook !== 'function' || typeof strategy.getToken !== 'function') {
    throw new ConfigurationError(
      'authStrategy',
      `returned no auth strategy (hook, getToken); ${usage}`,
    );
  }
  return strategy;
}
