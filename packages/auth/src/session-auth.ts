import {
  AuthenticationError,
  type AuthStrategy,
  type Connection,
  registerSecret,
  requireSecret,
} from '@cloutapi/core';
import type { GrantOptions, TokenSnapshot } from './token-lifecycle.js';
import { checkGrantOptions, storeGrant, tokenStrategy } from './token-lifecycle.js';

/** Options of {@link createSessionAuth}. */
export interface SessionAuthOptions extends GrantOptions {
  /**
   * The refresh token of a portal session someone signed in to earlier (e.g. kept from
   * `onTokens` of `createPasswordAuth`). A secret: redacted wherever it could show.
   */
  refreshToken: string;
  /**
   * The session's access token and its expiry, when still valid: used until `expiresAt`, so no
   * refresh is sent before. Its `refreshToken`, if any, is not used: `refreshToken` is.
   */
  initialTokens?: TokenSnapshot;
}

/** The session strategy: core's {@link AuthStrategy} plus what it was made for and its count. */
export interface SessionAuth extends AuthStrategy, Readonly<Connection> {
  /** Count of refresh grants sent since creation. */
  stats(): { refreshGrants: number };
}

/**
 * The session strategy, for a portal session obtained earlier by someone else's sign-in, whose
 * password we do not have: it holds the session's refresh token and gets access tokens with the
 * refresh grant (A2) only, with the password strategy's expiry, single-flight and 401 replay.
 * When the portal refuses the refresh, the session has ended: an `AuthenticationError` says to
 * sign in again (its `reason` is the portal's), and every later call fails with it at once,
 * sending nothing. Give it to `createClient` of `@cloutapi/core` as `authStrategy` (its options
 * as `auth`), or use it alone as here.
 *
 * @throws ConfigurationError when an option is missing or malformed; nothing is sent.
 *
 * @example
 * ```ts
 * // `saved`: the tokens kept from the person's sign-in (`onTokens` of createPasswordAuth).
 * const auth = createSessionAuth({
 *   baseUrl: 'https://portal-api.example.net',
 *   clientId: process.env.CLOUTAPI_CLIENT_ID!,
 *   origin: 'https://service.example.com',
 *   refreshToken: saved.refreshToken!,
 *   onTokens: (tokens) => save(tokens), // the portal may answer with a new refresh token
 * });
 * const token = await auth.getToken();
 * ```
 */
export function createSessionAuth(options: SessionAuthOptions): SessionAuth {
  const settings = checkOptions(options);
  const { refreshToken } = settings;
  const initial = options.initialTokens;
  const held: Holding = {
    tokens: initial?.accessToken ? { ...initial, refreshToken } : { refreshToken },
    counts: { refreshGrants: 0 },
  };
  return tokenStrategy(settings, held, (signal) => refresh(settings, held, signal), {
    name: 'SessionAuth',
    strategy: 'session',
  });
}

/** The options checked (naming the first bad one), and what the refresh stage needs of them. */
function checkOptions(options: SessionAuthOptions) {
  return checkGrantOptions(options, 'createSessionAuth', () => {
    const refreshToken = requireSecret(options.refreshToken, 'refreshToken');
    registerSecret(refreshToken);
    return { refreshToken };
  });
}

type Settings = ReturnType<typeof checkOptions>;

/** What the strategy holds between calls; the refresh stage updates it. */
interface Holding {
  tokens: Partial<TokenSnapshot>;
  counts: { refreshGrants: number };
  /** The refusal that ended the session; every later call fails with it, sending nothing. */
  ended?: AuthenticationError;
}

/** A new access token by the refresh grant, the session's only way; a refusal ends the session. */
async function refresh(s: Settings, held: Holding, signal: AbortSignal): Promise<string> {
  if (held.ended) throw held.ended;
  // The portal may answer with a new refresh token; the grant stage keeps whatever comes back.
  const { refreshToken = s.refreshToken, accessToken: bearer } = held.tokens;
  try {
    return await storeGrant(s, held, { kind: 'refresh', refreshToken, bearer }, signal);
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    // Sent again, the same refresh token, client id and origin would get the same answer (the
    // password strategy never resends a refused refresh token either), and there is nothing else
    // to send: the refusal is final.
    held.ended = sessionEnded(error);
    held.tokens = {};
    s.say(`refresh grant refused (${error.reason}); the portal session has ended`);
    throw held.ended;
  }
}

/** The refusal said as what it means here: the session is over; sign in again. */
function sessionEnded(refusal: AuthenticationError): AuthenticationError {
  const { reason, status, code, developerMessage, method, path } = refusal;
  return new AuthenticationError({
    message: `The portal session has ended (${reason}). ${refusal.message} Sign in again to start a new session.`,
    hint: 'Sign in to the portal again (the password grant) to start a new session.',
    reason,
    status,
    code,
    developerMessage,
    method,
    path,
    cause: refusal,
  });
}
