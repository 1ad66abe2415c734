import type { Context, Hono } from 'hono';
import type { Sim, SimEnv } from './context.js';
import { TOKEN_PATH } from './guard.js';

/** OAuth error codes of the token endpoint (RFC 6749 plus the portal's `invalid_origin`). */
type OAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_origin'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type';

/**
 * `POST /v1/oauth` (A1, A2). Checks, in order: the body is a form, `client_id` is known, `Origin`
 * is the client's registered origin, then the grant. The refresh grant returns a new access token
 * and the same refresh token; a bearer sent along (as the guide's Python example does) is
 * ignored whether valid, expired or absent. Error texts never repeat a password or token.
 */
export function registerOAuthRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.post(TOKEN_PATH, async (c) => {
    const fail = (status: 400 | 403, error: OAuthError, description: string) => {
      sim.stats.recordGrant('failed');
      return c.json({ error, error_description: description }, status, {
        'Cache-Control': 'no-store',
      });
    };
    const form = await readForm(c);
    if (!form) {
      return fail(
        400,
        'invalid_request',
        'The token request body must be application/x-www-form-urlencoded',
      );
    }
    const clientId = form.get('client_id') ?? '';
    const client = sim.clients.get(clientId);
    if (!client) {
      return fail(
        400,
        'invalid_client',
        clientId
          ? `Unknown client id '${clip(clientId)}'`
          : 'Unknown client id: client_id is missing',
      );
    }
    const origin = c.req.header('origin');
    if (!origin)
      return fail(
        403,
        'invalid_origin',
        'The Origin header is missing; it is required for this client id',
      );
    if (origin !== client.origin)
      return fail(
        403,
        'invalid_origin',
        `Origin '${clip(origin)}' is not allowed for this client id`,
      );

    const grantType = form.get('grant_type') ?? '';
    const now = sim.clock.now().getTime();
    const expiresAt = now + sim.tokenTtlSeconds * 1000;
    if (grantType === 'password') {
      const username = form.get('username') ?? '';
      const credential = sim.credentials.get(username.toLowerCase());
      if (!credential || credential.password !== (form.get('password') ?? '')) {
        return fail(400, 'invalid_grant', 'The user name or password is incorrect.');
      }
      const user = sim.state.users.find((u) => u.id === credential.userId);
      if (user) user.lastLoginDate = new Date(now).toISOString();
      sim.stats.recordGrant('password');
      return tokenResponse(c, sim, sim.tokens.issue(client.clientId, credential.userId, expiresAt));
    }
    if (grantType === 'refresh_token') {
      if (!client.allowRefresh) {
        return fail(
          400,
          'unauthorized_client',
          'Token refreshing is not allowed for this client id',
        );
      }
      const refreshToken = form.get('refresh_token') ?? '';
      const grant = refreshToken ? sim.tokens.refresh(refreshToken) : undefined;
      if (!grant || grant.clientId !== client.clientId) {
        return fail(
          400,
          'invalid_grant',
          'The refresh token is invalid, revoked or was issued to another client id.',
        );
      }
      sim.stats.recordGrant('refresh');
      return tokenResponse(
        c,
        sim,
        sim.tokens.issue(client.clientId, grant.userId, expiresAt, refreshToken),
      );
    }
    return fail(
      400,
      'unsupported_grant_type',
      grantType
        ? `Grant type '${clip(grantType)}' is not supported; use 'password' or 'refresh_token'`
        : "grant_type is missing; use 'password' or 'refresh_token'",
    );
  });
}

function tokenResponse(
  c: Context<SimEnv>,
  sim: Sim,
  tokens: { accessToken: string; refreshToken: string },
) {
  return c.json(
    {
      access_token: tokens.accessToken,
      token_type: 'bearer',
      expires_in: sim.tokenTtlSeconds,
      refresh_token: tokens.refreshToken,
    },
    200,
    { 'Cache-Control': 'no-store' },
  );
}

/** The form fields, or undefined when the body is not a form (a missing content type is tolerated). */
async function readForm(c: Context<SimEnv>): Promise<URLSearchParams | undefined> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type && !type.startsWith('application/x-www-form-urlencoded')) return undefined;
  return new URLSearchParams(await c.req.text());
}

/** Shortens user-supplied text before echoing it in an error. */
const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}...` : text);
