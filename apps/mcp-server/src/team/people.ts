import { createSessionAuth } from '@cloutapi/auth';
import { type Cloutility, createCloutility } from '@cloutapi/resources';
import { AuthenticationError } from '@cloutapi/resources/errors';
import { instructions } from '../instructions.js';
import { PORTAL_RETRY } from '../portal-retry.js';
import type { ServerSetup } from '../sdk.js';
import type { CatalogEntry } from '../tools/catalog.js';
import { selectTools, unservedTools } from '../tools/selection.js';
import type { ToolDefinition } from '../tools/types.js';
import type { AccountStore } from './accounts.js';
import { boundedMap } from './bounded-map.js';
import type { Portal } from './portal-sign-in.js';

/** Who is calling, and what they allowed the client they call from (their consent). */
export interface Person {
  accountId: string;
  username: string;
  clientId: string;
  toolsets: readonly string[];
  readOnly: boolean;
}

/** What every person's server setup shares. */
export type SharedSetup = Omit<
  ServerSetup,
  'catalog' | 'loadTools' | 'context' | 'instructions' | 'unserved' | 'audit'
> & { allowSecrets: boolean; enrollLock: ServerSetup['context']['enrollLock'] };

/** How many people (and consents) an instance keeps ready; the rest are rebuilt when they call. */
const KEPT = 1000;

/**
 * Each person's server: the toolsets and read-only mode they chose for this client, their own
 * portal session (every call acts as them, and the portal decides what they may see), their
 * audit. Setups and portal clients are kept for the people who called last, so a person's next
 * call reuses the listed tools and the portal's access token.
 */
export function peopleServers(options: {
  catalog: readonly CatalogEntry[];
  loadTools(): Promise<readonly ToolDefinition[]>;
  shared: SharedSetup;
  portal: Portal;
  accounts: AccountStore;
  audit(person: Person): ServerSetup['audit'];
  debug?: ((line: string) => void) | undefined;
}) {
  const setups = boundedMap<string, ServerSetup>(KEPT);
  const clients = boundedMap<string, Promise<Cloutility>>(KEPT);

  /** The person's portal client, from their sealed portal session. */
  const connect = (accountId: string) => {
    let client = clients.get(accountId);
    if (client) return client;
    client = (async () => {
      const account = await options.accounts.load(accountId);
      if (!account)
        throw new Error(
          'you are not signed in to the portal here any more: sign in again from your assistant',
        );
      return createCloutility({
        baseUrl: options.portal.url,
        clientId: options.portal.clientId,
        origin: options.portal.origin,
        authStrategy: createSessionAuth,
        auth: { refreshToken: account.session.refreshToken },
        retry: PORTAL_RETRY,
        debug: options.debug ?? false,
      });
    })();
    // A failure is not kept: the next call tries again.
    client.catch(() => clients.delete(accountId));
    clients.set(accountId, client);
    return client;
  };

  return {
    /** The server setup a request of `person` is served with. */
    setupFor(person: Person): ServerSetup {
      const key = JSON.stringify([
        person.accountId,
        person.clientId,
        person.toolsets,
        person.readOnly,
      ]);
      const kept = setups.get(key);
      if (kept) return kept;
      const selection = { toolsets: [...person.toolsets], readOnly: person.readOnly };
      const catalog = selectTools(options.catalog, selection);
      const names = new Set(catalog.map((t) => t.name));
      const { allowSecrets, enrollLock, ...shared } = options.shared;
      const setup: ServerSetup = {
        ...shared,
        catalog,
        loadTools: async () => (await options.loadTools()).filter((t) => names.has(t.name)),
        context: { allowSecrets, enrollLock, connect: () => connect(person.accountId) },
        instructions: instructions(person.readOnly, allowSecrets),
        unserved: unservedTools(options.catalog, selection),
        audit: options.audit(person),
      };
      setups.set(key, setup);
      return setup;
    },
    /**
     * Whether the person's portal session has ended (the portal refused its refresh token): a
     * valid access token is kept, so this costs a refresh only when one is due anyway. Anything
     * else (the portal down) is not an end: the call itself then says what went wrong.
     */
    async sessionEnded(accountId: string): Promise<boolean> {
      try {
        await (await connect(accountId)).client.auth.getToken();
        return false;
      } catch (error) {
        if (!(error instanceof AuthenticationError)) return false;
        clients.delete(accountId);
        return true;
      }
    },
    /** Forgets a person's portal client (after they signed in again: a new session). */
    forget(accountId: string) {
      clients.delete(accountId);
    },
  };
}

export type PeopleServers = ReturnType<typeof peopleServers>;
