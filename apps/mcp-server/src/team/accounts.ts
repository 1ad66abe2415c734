import type { Kysely } from 'kysely';
import { type KeyRing, openSecret, sealSecret } from './keys.js';
import type { TeamDatabase } from './store/schema.js';

/** A person who signed in with their portal account. */
export interface Account {
  /** The portal user's id: the subject of our tokens. */
  id: string;
  username: string;
  name: string;
}

/** What is kept of a person's portal session: its refresh token, never the password. */
export interface PortalSession {
  refreshToken: string;
}

const PURPOSE = 'portal session';

/** The people and their portal sessions, sealed under the state key (AES-256-GCM). */
export function accountStore(
  db: Kysely<TeamDatabase>,
  keys: KeyRing,
  now: () => number = Date.now,
) {
  const seal = (session: PortalSession) => sealSecret(keys, PURPOSE, session);
  return {
    /** Records a sign-in: the account and its new portal session. */
    async save(account: Account, session: PortalSession): Promise<void> {
      const row = { ...account, portal_session: seal(session), updated_at: now() };
      await db
        .insertInto('accounts')
        .values(row)
        .onConflict((c) =>
          c.column('id').doUpdateSet({
            username: row.username,
            name: row.name,
            portal_session: row.portal_session,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },

    /**
     * The account and its portal session; sealed again under the current key when an older key
     * sealed it (key rotation). Undefined when the person never signed in here.
     */
    async load(id: string): Promise<(Account & { session: PortalSession }) | undefined> {
      const row = await db
        .selectFrom('accounts')
        .select(['id', 'username', 'name', 'portal_session'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const opened = openSecret<PortalSession>(keys, PURPOSE, Buffer.from(row.portal_session));
      if (opened.stale)
        await db
          .updateTable('accounts')
          .set({ portal_session: seal(opened.value) })
          .where('id', '=', id)
          .execute();
      return { id: row.id, username: row.username, name: row.name, session: opened.value };
    },

    /** Seals every portal session again under the current key; how many it sealed. */
    async reseal(): Promise<number> {
      const rows = await db.selectFrom('accounts').select(['id', 'portal_session']).execute();
      let resealed = 0;
      for (const row of rows) {
        const opened = openSecret<PortalSession>(keys, PURPOSE, Buffer.from(row.portal_session));
        if (!opened.stale) continue;
        await db
          .updateTable('accounts')
          .set({ portal_session: seal(opened.value) })
          .where('id', '=', row.id)
          .execute();
        resealed++;
      }
      return resealed;
    },
  };
}

export type AccountStore = ReturnType<typeof accountStore>;
