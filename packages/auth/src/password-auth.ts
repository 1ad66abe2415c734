import {
  AuthenticationError,
  type AuthStrategy,
  type Connection,
  registerSecret,
  requireSecret,
  requireString,
} from '@cloutapi/core';
import type { Grant } from './token-endpoint.js';
import type { GrantOptions, TokenSnapshot } from './token-lifecycle.js';
import { checkGrantOptions, storeGrant, tokenStrategy } from './token-lifecycle.js';

/** Options of {@link createPasswordAuth}. */
export interface PasswordAuthOptions extends GrantOptions {
  username: string;
  /**
   * The password, or a function that gets it (from a keychain, a password manager): called at the
   * first sign-in that needs it, never when tokens in hand or a refresh do, and once at most.
   */
  password: string | (() => string | Promise<string>);
  /** Use the refresh grant before signing in again (default true). Falls back to the password. */
  refresh?: boolean;
  /** Tokens from an earlier run (e.g. a CLI cache); used while still valid. */
  initialTokens?: TokenSnapshot;
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
  const initial = options.initialTokens;
  const held: Holding = {
    tokens: initial?.accessToken ? { ...initial } : {},
    refreshAllowed: options.refresh ?? true,
    counts: { passwordGrants: 0, refreshGrants: 0 },
  };
  const { username } = settings;
  return tokenStrategy(settings, held, (signal) => obtain(settings, held, signal), {
    name: 'PasswordAuth',
    strategy: 'password',
    extra: { username },
  });
}

/** The options checked (naming the first bad one), and what the grant stages need of them. */
function checkOptions(options: PasswordAuthOptions) {
  return checkGrantOptions(options, 'createPasswordAuth', () => {
    const username = requireString(options.username, 'username', 'the portal username');
    return { username, password: passwordOnce(options.password) };
  });
}

type Settings = ReturnType<typeof checkOptions>;

/**
 * The password as a function asked once: a string is checked now (nothing is sent when it is
 * empty); a getter's answer is checked when it comes. Either is registered as a secret, so no log
 * or error shows it.
 */
function passwordOnce(given: PasswordAuthOptions['password']): () => Promise<string> {
  if (typeof given !== 'function') {
    const password = requireSecret(given, 'password');
    registerSecret(password);
    return async () => password;
  }
  let asked: Promise<string> | undefined;
  return () => {
    asked ??= Promise.resolve(given()).then((password) => {
      registerSecret(requireSecret(password, 'password'));
      return password;
    });
    // A failed lookup (a locked keychain, a command that timed out) is asked again next time.
    asked.catch(() => {
      asked = undefined;
    });
    return asked;
  };
}

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
  if (refreshed) return refreshed;
  const grant: Grant = { kind: 'password', username: s.username, password: await s.password() };
  return storeGrant(s, held, grant, signal);
}

/** The refresh grant; undefined when it was refused (the password grant comes next). */
async function byRefresh(s: Settings, held: Holding, refreshToken: string, signal: AbortSignal) {
  const bearer = held.tokens.accessToken;
  try {
    return await storeGrant(s, held, { kind: 'refresh', refreshToken, bearer }, signal);
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
