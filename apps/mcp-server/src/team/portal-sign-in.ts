import { createPasswordAuth, createSessionAuth, type TokenSnapshot } from '@cloutapi/auth';
import type { ConnectionSettings } from '@cloutapi/config';
import { createCloutility } from '@cloutapi/resources';
import { AuthenticationError } from '@cloutapi/resources/errors';
import type { Account, PortalSession } from './accounts.js';

/** Where people sign in: the portal's URL, the reseller's client id and origin. */
export type Portal = Pick<ConnectionSettings, 'url' | 'clientId' | 'origin'>;

/**
 * A sign-in's outcome: the person and their portal session, or what to tell them and whether it
 * counts as a failed attempt (throttled, as a wrong password does; a portal that is down does not).
 */
export type SignIn =
  | { ok: true; account: Account; session: PortalSession }
  | { ok: false; message: string; counts: boolean };

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
 */
export async function signInAtPortal(
  portal: Portal,
  username: string,
  password: string,
  signal?: AbortSignal,
): Promise<SignIn> {
  let tokens: TokenSnapshot | undefined;
  const clout = createCloutility({
    ...connectionOf(portal),
    authStrategy: createPasswordAuth,
    auth: { username, password, refresh: false, onTokens: (t: TokenSnapshot) => (tokens = t) },
  });
  try {
    const me = await clout.meta.me({}, { signal });
    if (!tokens?.refreshToken || me.id === undefined)
      return refused(
        'the portal signed you in but gave no refresh token or user id: ask your administrator to check the client id',
      );
    const refreshToken = tokens.refreshToken;
    await createSessionAuth({ ...connectionOf(portal), refreshToken }).getToken({ signal });
    const name = me.displayName ?? me.name ?? username;
    const account = { id: String(me.id), username: me.name ?? username, name };
    return { ok: true, account, session: { refreshToken } };
  } catch (error) {
    return refusalOf(error);
  } finally {
    await clout.client.close();
  }
}

const refused = (message: string, counts = false): SignIn => ({ ok: false, message, counts });

/** What the person is told of a failure. */
function refusalOf(error: unknown): SignIn {
  if (!(error instanceof AuthenticationError))
    return refused(`the portal could not be reached: ${(error as Error).message}`);
  switch (error.reason) {
    case 'bad_credentials':
      return refused('wrong username or password', true);
    case 'refresh_not_allowed':
    case 'unsupported_grant_type':
      return refused(
        'this server\'s portal client id does not allow token refreshing, so it cannot keep you signed in: ask your administrator to turn on "allow token refreshing" for it',
      );
    default:
      return refused(
        `the portal refused the sign-in: ${error.message}`,
        error.reason === 'unknown',
      );
  }
}
