import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { Provider } from 'oidc-provider';
import type { CatalogEntry } from '../tools/catalog.js';
import { DEFAULT_TOOLSETS } from '../tools/selection.js';
import { TOOLSETS, type Toolset } from '../tools/types.js';
import type { AccountStore } from './accounts.js';
import { clientAddress, readForm, sendPage } from './http-util.js';
import {
  CSRF_FIELD,
  consentPage,
  loginPage,
  messagePage,
  PAGE_CSP,
  PAGE_CSP_SAME_ORIGIN_FORMS,
  TOOLSET_TEXT,
} from './pages/index.js';
import { type Portal, signInAtPortal } from './portal-sign-in.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import type { TeamDatabase } from './store/schema.js';

/** Toolsets with a tool that writes (marked on the consent page). */
const writingToolsets = (catalog: readonly CatalogEntry[]) =>
  new Set(catalog.filter((t) => t.writes).map((t) => t.toolset));

/** What the sign-in and consent pages need. */
export interface InteractionOptions {
  provider: Provider;
  db: Kysely<TeamDatabase>;
  accounts: AccountStore;
  throttle: SignInThrottle;
  portal: Portal;
  /** The tools this server serves: the toolsets a person may choose from. */
  catalog: readonly CatalogEntry[];
  /** The MCP endpoint: the resource every grant is for. */
  resource: string;
  stateKey: Buffer;
  trustProxy: boolean;
  /** Told when a person signed in again (their old portal client is dropped). */
  signedIn(accountId: string): void;
  log(line: string): void;
  now?: () => number;
}

const PATH = /^\/interaction\/([\w-]{1,64})(?:\/(login|consent))?$/;

/**
 * The interactions oidc-provider sends a browser to: sign in with the portal account, then
 * consent (toolsets, read-only). Plain HTML forms, a CSRF token bound to the interaction, failed
 * sign-ins throttled per account and per address, the password never echoed or logged.
 * Resolves false when the path is not an interaction's.
 */
export function interactionRoutes(options: InteractionOptions) {
  const csrfKey = Buffer.from(hkdfSync('sha256', options.stateKey, '', 'cloutapi-mcp csrf', 32));
  const writing = writingToolsets(options.catalog);
  const offered = TOOLSETS.filter((name) => options.catalog.some((t) => t.toolset === name));
  const csrfOf = (uid: string) => createHmac('sha256', csrfKey).update(uid).digest('base64url');
  const csrfMatches = (uid: string, given: string | null) => {
    const expected = Buffer.from(csrfOf(uid));
    const got = Buffer.from(given ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  return async function route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const match = PATH.exec(path);
    if (!match) return false;
    const [, uid = '', step] = match;
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await options.provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new Error('another interaction');
    } catch {
      sendPage(
        res,
        400,
        messagePage({
          title: 'This sign-in has expired',
          message: 'Start again from your assistant: it opens a new sign-in page.',
          status: 'error',
        }),
        PAGE_CSP_SAME_ORIGIN_FORMS,
      );
      return true;
    }
    const client = await options.provider.Client.find(String(details.params.client_id));
    const clientInfo = {
      id: String(details.params.client_id),
      name: client?.clientName,
      uri: client?.clientUri,
    };
    const action = (what: string) => `/interaction/${uid}/${what}`;
    const csrf = csrfOf(uid);

    if (req.method === 'GET' && !step) {
      if (details.prompt.name === 'login') {
        sendPage(
          res,
          200,
          loginPage({
            action: action('login'),
            csrf,
            client: clientInfo,
            portal: options.portal.url,
          }),
          PAGE_CSP,
        );
        return true;
      }
      const accountId = details.session?.accountId ?? '';
      const account = await options.accounts.load(accountId);
      sendPage(
        res,
        200,
        consentPage({
          action: action('consent'),
          csrf,
          client: clientInfo,
          person: { name: account?.name ?? accountId, username: account?.username ?? accountId },
          toolsets: offered.map((name) => ({
            name,
            ...TOOLSET_TEXT[name],
            checked: DEFAULT_TOOLSETS.includes(name),
            writes: writing.has(name),
          })),
          readOnly: false,
          resourceUrl: options.resource,
        }),
        PAGE_CSP,
      );
      return true;
    }
    if (req.method !== 'POST' || !step) {
      sendPage(
        res,
        405,
        messagePage({
          title: 'Not here',
          message: 'This page only answers its own form.',
          status: 'error',
        }),
        PAGE_CSP_SAME_ORIGIN_FORMS,
        { allow: 'GET, POST' },
      );
      return true;
    }
    const form = await readForm(req);
    if (!form || !csrfMatches(uid, form.get(CSRF_FIELD))) {
      options.log(
        `sign-in: refused a form without a valid CSRF token (interaction ${uid.slice(0, 6)}…)`,
      );
      sendPage(
        res,
        403,
        messagePage({
          title: 'This form cannot be accepted',
          message: 'It did not come from this sign-in page. Start again from your assistant.',
          status: 'error',
        }),
        PAGE_CSP_SAME_ORIGIN_FORMS,
      );
      return true;
    }
    const finish = async (result: Parameters<Provider['interactionResult']>[2]) => {
      const to = await options.provider.interactionResult(req, res, result, {
        mergeWithLastSubmission: false,
      });
      res.writeHead(303, { location: to, 'cache-control': 'no-store' });
      res.end();
      return true;
    };

    if (step === 'login') {
      if (form.get('cancel'))
        return finish({
          error: 'access_denied',
          error_description: 'the person cancelled the sign-in',
        });
      const username = (form.get('username') ?? '').trim().slice(0, 200);
      const password = form.get('password') ?? '';
      const address = clientAddress(req, options.trustProxy);
      const again = (status: number, error: string, retryAfterSeconds?: number) => {
        sendPage(
          res,
          status,
          loginPage({
            action: action('login'),
            csrf,
            client: clientInfo,
            portal: options.portal.url,
            username,
            error,
            retryAfterSeconds,
          }),
          PAGE_CSP,
          retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {},
        );
        return true;
      };
      if (!username || !password) return again(400, 'Enter your portal username and password.');
      const wait = await options.throttle.wait(username, address);
      if (wait > 0) {
        options.log(`sign-in: throttled (too many failed sign-ins for this account or address)`);
        return again(429, 'Too many failed sign-ins.', wait);
      }
      const signIn = await signInAtPortal(options.portal, username, password);
      if (!signIn.ok) {
        options.log(`sign-in: refused: ${signIn.message}`);
        const waitNow = signIn.counts ? await options.throttle.failed(username, address) : 0;
        return again(
          signIn.counts ? 401 : 502,
          `Not signed in: ${signIn.message}.`,
          waitNow || undefined,
        );
      }
      await options.accounts.save(signIn.account, signIn.session);
      await options.throttle.succeeded(username);
      options.signedIn(signIn.account.id);
      return finish({ login: { accountId: signIn.account.id } });
    }

    // consent
    if (form.get('decision') !== 'allow')
      return finish({ error: 'access_denied', error_description: 'the person denied access' });
    const chosen = form
      .getAll('toolset')
      .filter((t): t is Toolset => (offered as readonly string[]).includes(t));
    const toolsets = chosen.length > 0 ? [...new Set(chosen)] : [...DEFAULT_TOOLSETS];
    const readOnly = form.get('read_only') === '1';
    const accountId = details.session?.accountId;
    const clientId = String(details.params.client_id);
    if (!accountId) return finish({ error: 'login_required', error_description: 'sign in first' });
    const grant = details.grantId
      ? ((await options.provider.Grant.find(details.grantId)) ??
        new options.provider.Grant({ accountId, clientId }))
      : new options.provider.Grant({ accountId, clientId });
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    const now = (options.now ?? Date.now)();
    await options.db
      .insertInto('consents')
      .values({
        grant_id: grantId,
        account_id: accountId,
        client_id: clientId,
        toolsets: JSON.stringify(toolsets),
        read_only: readOnly,
        created_at: now,
      })
      .onConflict((c) =>
        c
          .column('grant_id')
          .doUpdateSet({ toolsets: JSON.stringify(toolsets), read_only: readOnly }),
      )
      .execute();
    return finish({ consent: { grantId } });
  };
}
