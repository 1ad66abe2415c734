import { createPasswordAuth, createSessionAuth, type TokenSnapshot } from '@cloutapi/auth';
import type { ConnectionSettings } from '@cloutapi/config';
import { createCloutility } from '@cloutapi/resources';
import { AuthenticationError } from '@cloutapi/resources/errors';
import type { Account, PortalSession } from './accounts.js';

/** A sign-in the person can correct (wrong password) or cannot (the portal refuses this server). */
export class SignInRefused extends Error {
  constructor(
    message: string,
    /** Whether it counts as a failed attempt (throttled), as a wrong password does. */
    readonly counts: boolean,
  ) {
    super(message);
  }
}

/** Where people sign in: the portal's URL, the reseller's client id and origin. */
export type Portal = Pick<ConnectionSettings, 'url' | 'clientId' | 'origin'>;

const connectionOf = (portal: Portal) => ({
  baseUrl: portal.url,
  clientId: portal.clientId,
  origin: portal.origin,
});

/**
 * Signs a person in at the portal with their username and password (the A1 grant), reads who
 * they are (`/v1/me`), and checks once that the session can be refreshed (A2): the server keeps
 * only the refresh token, so a client id without "allow token refreshing" would sign everyone
 * out after five minutes. The password is used for this one grant and then dropped.
 *
 * @throws SignInRefused with what to tell the person.
 */
export async function signInAtPortal(
  portal: Portal,
  username: string,
  password: string,
  signal?: AbortSignal,
): Promise<{ account: Account; session: PortalSession }> {
  let tokens: TokenSnapshot | undefined;
  const clout = createCloutility({
    ...connectionOf(portal),
    authStrategy: createPasswordAuth,
    auth: { username, password, refresh: false, onTokens: (t: TokenSnapshot) => (tokens = t) },
  });
  try {
    const me = await clout.meta.me({}, { signal });
    if (!tokens?.refreshToken || me.id === undefined)
      throw new SignInRefused(
        'the portal signed you in but gave no refresh token or user id: ask your administrator to check the client id',
        false,
      );
    await createSessionAuth({
      ...connectionOf(portal),
      refreshToken: tokens.refreshToken,
    }).getToken({ signal });
    const account = {
      id: String(me.id),
      username: me.name ?? username,
      name: me.displayName ?? me.name ?? username,
    };
    return { account, session: { refreshToken: tokens.refreshToken } };
  } catch (error) {
    throw refusal(error);
  } finally {
    await clout.client.close();
  }
}

/** What the person is told. */
function refusal(error: unknown): Error {
  if (error instanceof SignInRefused) return error;
  if (!(error instanceof AuthenticationError))
    return new SignInRefused(`the portal could not be reached: ${(error as Error).message}`, false);
  switch (error.reason) {
    case 'bad_credentials':
      return new SignInRefused('wrong username or password', true);
    case 'refresh_not_allowed':
    case 'unsupported_grant_type':
      return new SignInRefused(
        'this server\'s portal client id does not allow token refreshing, so it cannot keep you signed in: ask your administrator to turn on "allow token refreshing" for it',
        false,
      );
    default:
      return new SignInRefused(
        `the portal refused the sign-in: ${error.message}`,
        error.reason === 'unknown',
      );
  }
}
