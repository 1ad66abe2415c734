import { createHash, hkdfSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Configuration, errors, Provider } from 'oidc-provider';
import type { KeyRing } from '../keys.js';
import { messagePage, PAGE_CSP } from '../pages/index.js';
import type { TeamDatabase } from '../store/schema.js';
import { recordAdapterClass } from './records.js';
import { signingJwk } from './signing-key.js';

/** The scope of the MCP endpoint's tokens (the only resource this server protects). */
export const MCP_SCOPE = 'mcp';

/** Options of {@link createAuthorizationServer}. */
export interface AuthorizationServerOptions {
  /** The address clients use (`--public-url`): the issuer. */
  issuer: string;
  /** The MCP endpoint's URL: the only resource (RFC 8707) tokens are issued for. */
  resource: string;
  db: Kysely<TeamDatabase>;
  keys: KeyRing;
  /** Who may be fetched as a Client ID Metadata Document (client-id-urls.ts). */
  allowClientIdUrl?: ((url: URL) => Promise<boolean>) | undefined;
  /** How documents are fetched: connected only to the addresses the policy checked. */
  fetch?: Configuration['fetch'] | undefined;
  log: (line: string) => void;
  now?: () => number;
}

/** Lifetimes, in seconds. */
const TTL = {
  accessToken: 60 * 60,
  authorizationCode: 60,
  refreshToken: 30 * 24 * 60 * 60,
  interaction: 15 * 60,
  session: 14 * 24 * 60 * 60,
  grant: 30 * 24 * 60 * 60,
};

/**
 * The OAuth 2.1 authorization server of the team MCP server, on `oidc-provider`: authorization
 * code with PKCE (S256 only), resource indicators (tokens only for the MCP endpoint, opaque, found
 * in the store by hash), `iss` in every authorization response (RFC 9207), Client ID Metadata
 * Documents with dynamic registration as the fallback, refresh-token rotation with reuse
 * detection (a used refresh token revokes its grant), revocation. Sign-in and consent are ours
 * (interactions.ts): people sign in with their portal account.
 */
export function createAuthorizationServer(options: AuthorizationServerOptions): Provider {
  const { issuer, resource, db, keys } = options;
  const configuration: Configuration = {
    adapter: recordAdapterClass(db, keys, options.now),
    ...(options.fetch && { fetch: options.fetch }),
    clients: [],
    async findAccount(_ctx, sub) {
      const account = await db
        .selectFrom('accounts')
        .select(['id', 'username', 'name'])
        .where('id', '=', sub)
        .executeTakeFirst();
      if (!account) return undefined;
      return {
        accountId: account.id,
        claims: async () => ({
          sub: account.id,
          name: account.name,
          preferred_username: account.username,
        }),
      };
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    scopes: ['openid', 'offline_access', MCP_SCOPE],
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'EdDSA',
    },
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post'],
    enabledJWA: { idTokenSigningAlgValues: ['EdDSA'] },
    jwks: { keys: [signingJwk(keys.current)] },
    cookies: {
      keys: [cookieKey(keys.current), ...keys.previous.map(cookieKey)],
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    routes: {
      authorization: '/authorize',
      token: '/token',
      registration: '/register',
      revocation: '/revoke',
      jwks: '/jwks',
      end_session: '/session/end',
      introspection: '/introspect',
      userinfo: '/userinfo',
      pushed_authorization_request: '/par',
    },
    ttl: {
      AccessToken: TTL.accessToken,
      AuthorizationCode: TTL.authorizationCode,
      RefreshToken: TTL.refreshToken,
      Interaction: TTL.interaction,
      Session: TTL.session,
      Grant: TTL.grant,
      IdToken: TTL.accessToken,
    },
    rotateRefreshToken: true,
    // Refresh tokens for every client that registered the grant, not only with offline_access:
    // MCP clients rarely ask for that scope, and a person should not sign in every hour.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // A grant lives by its refresh token, not by the browser's sign-in session (oidc-provider
    // ties tokens to it unless offline_access was asked for): a person stays connected for the
    // refresh token's life, and a call checks no session.
    expiresWithSession: async () => false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false },
      revocation: { enabled: true },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      clientIdMetadataDocument: {
        enabled: true,
        ack: 'draft-02',
        allowFetch: async (_ctx, clientId) =>
          options.allowClientIdUrl ? options.allowClientIdUrl(new URL(clientId)) : true,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== resource)
            throw new errors.InvalidTarget(`this server only issues tokens for ${resource}`);
          return {
            scope: MCP_SCOPE,
            audience: resource,
            accessTokenTTL: TTL.accessToken,
            accessTokenFormat: 'opaque',
          };
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.set('content-security-policy', PAGE_CSP);
      ctx.body = messagePage({
        title: 'Sign-in cannot go on',
        message: `${out.error}${out.error_description ? `: ${out.error_description}` : ''}. Start again from your assistant.`,
        status: 'error',
      });
    },
  };
  const provider = new Provider(issuer, configuration);
  // The forwarded host and protocol are set by server.ts from the issuer (and the forwarded
  // address kept only when the proxy is trusted), so they are always trusted here.
  provider.proxy = true;
  logEvents(provider, options.log);
  return provider;
}

/** The cookie signing key of one state key. */
const cookieKey = (stateKey: Buffer) =>
  Buffer.from(hkdfSync('sha256', stateKey, '', 'cloutapi-mcp cookies', 32)).toString('base64url');

/** Errors of the authorization server, logged without a secret (no token, code or cookie). */
function logEvents(provider: Provider, log: (line: string) => void) {
  const said =
    (where: string) =>
    (
      ctx: { oidc?: { client?: { clientId: string } } },
      error: Error & { error_description?: string },
    ) => {
      const client = ctx.oidc?.client?.clientId;
      log(
        `oauth ${where}: ${error.message}${error.error_description ? ` (${error.error_description})` : ''}${client ? ` client ${fingerprint(client)}` : ''}`,
      );
    };
  for (const event of [
    'authorization.error',
    'grant.error',
    'registration_create.error',
    'revocation.error',
    'server_error',
    'pushed_authorization_request.error',
  ] as const)
    (provider.on as (name: string, listener: (...args: never[]) => void) => void)(
      event,
      said(event.replace('.error', '')),
    );
}

/** A client id as logged: a URL as is (it is public), anything else shortened. */
const fingerprint = (id: string) =>
  /^https:\/\//.test(id) ? id : `${createHash('sha256').update(id).digest('hex').slice(0, 8)}…`;
