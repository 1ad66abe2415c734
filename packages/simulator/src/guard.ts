import type { MiddlewareHandler } from 'hono';
import type { Sim, SimEnv } from './context.js';
import { forbidden, unauthorized } from './errors.js';
import { findUser } from './state/queries.js';

/** The token endpoint is the one API path the guard lets through. */
export const TOKEN_PATH = '/v1/oauth';

/** Whether a request changes state: every POST/PUT/PATCH/DELETE, and the activate GET. */
export function isWrite(method: string, path: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method) || /\/node\/activate\/?$/.test(path);
}

/**
 * Authenticates every API call: `Origin` must be present and be the origin of the client the
 * bearer token was issued to (403 otherwise); the token must be known and unexpired on the
 * simulator clock (401 otherwise). Sets the session for the routes.
 */
export function apiGuard(sim: Sim): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    if (c.req.path === TOKEN_PATH) return next();
    const origin = c.req.header('origin');
    if (!origin) {
      throw forbidden(
        'The Origin header is missing',
        'Every API call must carry Origin: <the origin registered for your client id>.',
      );
    }
    const match = /^bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match) {
      throw unauthorized(
        'The Authorization header with a Bearer access token is missing',
        'Request a token with POST /v1/oauth and send Authorization: Bearer <access_token>.',
      );
    }
    const grant = sim.tokens.access(match[1]!);
    if (!grant) {
      throw unauthorized(
        'The access token is not valid',
        'The token is unknown or was revoked; request a new one with POST /v1/oauth.',
      );
    }
    const client = sim.clients.get(grant.clientId);
    if (!client || client.origin !== origin) {
      throw forbidden(
        `Origin '${origin}' is not the origin registered for the client id this token was issued to`,
        `Send the Origin registered for client id '${grant.clientId}'.`,
      );
    }
    const now = sim.clock.now().getTime();
    if (grant.expiresAt <= now) {
      throw unauthorized(
        `The access token expired at ${new Date(grant.expiresAt).toISOString()}`,
        'Refresh it with grant_type=refresh_token, or request a new one with the password grant.',
      );
    }
    const user = findUser(sim.state, grant.userId);
    const credential = user && sim.credentials.get(user.name.toLowerCase());
    if (!user || !credential) throw unauthorized('The user of this access token no longer exists');
    c.set('session', { user, clientId: grant.clientId, readOnly: credential.readOnly });
    return next();
  };
}

/** Refuses every write of a read-only user with 403. */
export function readOnlyGuard(): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (session?.readOnly && isWrite(c.req.method, c.req.path)) {
      throw forbidden(
        `User '${session.user.name}' has a read-only role and cannot change anything`,
        `${c.req.method} ${c.req.path} needs a user with the Administrator role.`,
      );
    }
    return next();
  };
}
