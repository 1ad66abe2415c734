import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/server';
import type { ServerSetup } from '../sdk.js';
import type { CatalogEntry } from '../tools/catalog.js';
import { createConfirmations } from '../tools/confirmation.js';
import type { ToolDefinition } from '../tools/types.js';
import { accountStore } from './accounts.js';
import { auditSink } from './audit.js';
import { bearerCheck } from './bearer.js';
import { fairUse } from './fair-use.js';
import { sendJson } from './http-util.js';
import { interactionRoutes } from './interactions.js';
import type { KeyRing } from './keys.js';
import type { ProviderFetch } from './oauth/client-id-urls.js';
import { createAuthorizationServer, MCP_SCOPE } from './oauth/provider.js';
import { revokeAccount } from './oauth/records.js';
import { peopleServers } from './people.js';
import type { Portal } from './portal-sign-in.js';
import { signInThrottle } from './sign-in-throttle.js';
import type { TeamStore } from './store/open.js';

/** The largest body an OAuth endpoint reads. */
const MAX_OAUTH_BODY = 64 * 1024;

/** Why a person must sign in again, as the 401 says it. */
const SESSION_ENDED = 'your portal session has ended: sign in again';

/** What the HTTP server asks of the team server. */
export interface TeamRoutes {
  /** Answers what is not the MCP endpoint (OAuth, pages, metadata); false when not its path. */
  route(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /**
   * Admits one MCP request: its person's server setup and auth, and `done` to call when it is
   * answered; undefined when it was answered here (401 without a valid token, 429).
   */
  admit(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ setup: ServerSetup; authInfo: AuthInfo; done(): void } | undefined>;
}

/** Options of {@link teamRoutes}. */
export interface TeamOptions {
  /** The address clients use, without a path (`--public-url`, else the listening address). */
  publicUrl: string;
  store: TeamStore;
  keys: KeyRing;
  portal: Portal;
  trustProxy: boolean;
  catalog: readonly CatalogEntry[];
  loadTools(): Promise<readonly ToolDefinition[]>;
  version: string;
  allowSecrets: boolean;
  toolIcons: boolean;
  /** Requests a person may make a minute, and have running at once on one instance. */
  perMinute: number;
  concurrent: number;
  allowClientIdUrl?: ((url: URL) => Promise<boolean>) | undefined;
  fetchClientIdUrl?: ProviderFetch | undefined;
  log(line: string): void;
  debug?: ((line: string) => void) | undefined;
}

/**
 * The team server: an OAuth authorization server whose people sign in with their portal
 * accounts, and the MCP endpoint as a resource server that serves each request as its person,
 * with what they consented to, fairly, and audited.
 */
export function teamRoutes(options: TeamOptions): TeamRoutes {
  const { store, keys } = options;
  const issuer = options.publicUrl.replace(/\/+$/, '');
  const resource = `${issuer}/mcp`;
  const metadataPath = '/.well-known/oauth-protected-resource/mcp';
  const resourceMetadataUrl = `${issuer}${metadataPath}`;
  const instance = randomBytes(6).toString('hex');
  const provider = createAuthorizationServer({
    issuer,
    resource,
    db: store.db,
    keys,
    allowClientIdUrl: options.allowClientIdUrl,
    fetch: options.fetchClientIdUrl,
    log: options.log,
  });
  const accounts = accountStore(store.db, keys);
  const confirmations = createConfirmations({ key: keys.current, once: store.once });
  const people = peopleServers({
    catalog: options.catalog,
    loadTools: options.loadTools,
    portal: options.portal,
    accounts,
    debug: options.debug,
    audit: (person) => auditSink(store.db, person, instance),
    shared: {
      version: options.version,
      allowSecrets: options.allowSecrets,
      toolIcons: options.toolIcons,
      confirmations,
      snapshots: store.snapshots,
      tasks: store.tasks,
      enrollLock: store.enrollLock,
    },
  });
  const interactions = interactionRoutes({
    provider,
    db: store.db,
    accounts,
    throttle: signInThrottle(store.pool),
    portal: options.portal,
    catalog: options.catalog,
    resource,
    stateKey: keys.current,
    trustProxy: options.trustProxy,
    signedIn: (accountId) => people.forget(accountId),
    log: options.log,
  });
  const bearer = bearerCheck({
    provider,
    db: store.db,
    resource,
    resourceMetadataUrl,
    log: options.log,
  });
  const fair = fairUse({
    perMinute: options.perMinute,
    concurrent: options.concurrent,
    pool: store.pool,
  });
  const oauth = provider.callback();
  // Every URL the authorization server writes (endpoints, redirects) is the issuer's, whatever
  // Host the request came with, and its cookies are secure exactly when the issuer is https.
  const issuerUrl = new URL(issuer);
  const pinToIssuer = (req: IncomingMessage) => {
    req.headers['x-forwarded-host'] = issuerUrl.host;
    req.headers['x-forwarded-proto'] = issuerUrl.protocol.slice(0, -1);
    if (!options.trustProxy) delete req.headers['x-forwarded-for'];
  };
  const protectedResource = {
    resource,
    authorization_servers: [issuer],
    scopes_supported: [MCP_SCOPE],
    bearer_methods_supported: ['header'],
    resource_name: 'Cloutility (cloutapi)',
  };

  return {
    async route(req, res) {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/health') {
        sendJson(res, 200, { ok: true });
        return true;
      }
      if (path === metadataPath || path === '/.well-known/oauth-protected-resource') {
        sendJson(res, 200, protectedResource, { 'access-control-allow-origin': '*' });
        return true;
      }
      pinToIssuer(req);
      if (await interactions(req, res)) return true;
      // A token, registration or revocation request is a few kilobytes: a larger one is refused
      // before anything reads it (oidc-provider's own limit answers 400 after reading 56 kB).
      if (Number(req.headers['content-length'] ?? 0) > MAX_OAUTH_BODY) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, {
          error: 'invalid_request',
          error_description: `the request body is over ${MAX_OAUTH_BODY} bytes`,
        });
        return true;
      }
      // RFC 8414's address of the metadata; oidc-provider serves it as OpenID discovery.
      if (path === '/.well-known/oauth-authorization-server')
        req.url = '/.well-known/openid-configuration';
      await oauth(req, res);
      return true;
    },

    async admit(req, res) {
      const authInfo = await bearer(req, res);
      if (!authInfo) return undefined;
      const { person } = authInfo.extra;
      if (await people.sessionEnded(person.accountId)) {
        // Every grant of the person goes, so their assistant's refresh fails too and it sends
        // them to sign in again (a 401 alone would only make it refresh).
        await revokeAccount(store.db, person.accountId);
        options.log(`mcp: a portal session has ended; its person's grants were revoked`);
        sendJson(
          res,
          401,
          { error: 'invalid_token', error_description: SESSION_ENDED },
          {
            'www-authenticate': `Bearer error="invalid_token", error_description="${SESSION_ENDED}", resource_metadata="${resourceMetadataUrl}"`,
          },
        );
        return undefined;
      }
      const admitted = await fair.admit(person.accountId);
      if ('why' in admitted) {
        sendJson(
          res,
          429,
          {
            jsonrpc: '2.0',
            id: null,
            error: { code: -32000, message: `Too many requests: ${admitted.why}` },
          },
          { 'retry-after': String(admitted.retryAfterSeconds) },
        );
        return undefined;
      }
      const setup = people.setupFor(person);
      return { setup, authInfo, done: admitted.release };
    },
  };
}
