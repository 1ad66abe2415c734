import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AuthInfo,
  bearerAuthChallengeResponse,
  OAuthError,
  OAuthErrorCode,
  verifyBearerToken,
} from '@modelcontextprotocol/server';
import type { Kysely } from 'kysely';
import type { Provider } from 'oidc-provider';
import { MCP_SCOPE } from './oauth/provider.js';
import type { Person } from './people.js';
import type { TeamDatabase } from './store/schema.js';

/** Options of {@link bearerCheck}. */
export interface BearerOptions {
  provider: Provider;
  db: Kysely<TeamDatabase>;
  /** The MCP endpoint: a token for any other audience is refused. */
  resource: string;
  /** Where clients find how to get a token (RFC 9728), named in every 401. */
  resourceMetadataUrl: string;
  log(line: string): void;
}

/**
 * Checks a request's access token the way the MCP specification asks of a resource server: an
 * opaque token of ours, found in the store (so a revoked one fails at once), not expired, issued
 * for this MCP endpoint (RFC 8707 audience), its grant still alive; the person and what they
 * allowed come with it. A refusal is answered here: 401 with `WWW-Authenticate` naming the
 * resource metadata (the SDK's challenge), and logged without the token.
 */
export function bearerCheck(options: BearerOptions) {
  const { provider, db } = options;
  const verifier = {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const refuse = (why: string): never => {
        throw new OAuthError(OAuthErrorCode.InvalidToken, why);
      };
      const found = await provider.AccessToken.find(token);
      if (!found) return refuse('the access token is unknown, expired or revoked');
      if (!found.grantId || !(await provider.Grant.find(found.grantId)))
        return refuse('the access token was revoked');
      const consent = await db
        .selectFrom('consents')
        .select(['toolsets', 'read_only'])
        .where('grant_id', '=', found.grantId)
        .executeTakeFirst();
      if (!consent || !found.accountId) return refuse('the access token has no consent behind it');
      const account = await db
        .selectFrom('accounts')
        .select('username')
        .where('id', '=', found.accountId)
        .executeTakeFirst();
      const person: Person = {
        accountId: found.accountId,
        username: account?.username ?? found.accountId,
        clientId: found.clientId ?? '',
        toolsets: consent.toolsets as string[],
        readOnly: consent.read_only,
      };
      const audience = typeof found.aud === 'string' ? found.aud : undefined;
      return {
        token,
        clientId: found.clientId ?? '',
        scopes: (found.scope ?? '').split(' ').filter(Boolean),
        expiresAt: found.exp,
        ...(audience ? { resource: new URL(audience) } : {}),
        extra: { person },
      };
    },
  };

  return async function check(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<(AuthInfo & { extra: { person: Person } }) | undefined> {
    try {
      const info = await verifyBearerToken(req.headers.authorization, {
        verifier,
        expectedResource: new URL(options.resource),
        resourceMetadataUrl: options.resourceMetadataUrl,
      });
      return info as AuthInfo & { extra: { person: Person } };
    } catch (error) {
      if (req.headers.authorization)
        options.log(`mcp: refused a bearer token: ${(error as Error).message}`);
      // The scope to ask for is named in the challenge (MCP: SHOULD, RFC 6750 section 3).
      const answer = bearerAuthChallengeResponse(error, {
        resourceMetadataUrl: options.resourceMetadataUrl,
        requiredScopes: [MCP_SCOPE],
      });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(await answer.text());
      return undefined;
    }
  };
}
