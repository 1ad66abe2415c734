import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type KeyRing, openSecret, sealSecret } from '../keys.js';
import type { TeamDatabase } from '../store/schema.js';

/** An oidc-provider model's stored form (its `payload`). */
type Payload = Record<string, unknown>;

/** The adapter interface oidc-provider calls (see its `adapter` option). */
export interface RecordAdapter {
  upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Payload | undefined>;
  findByUid(uid: string): Promise<Payload | undefined>;
  findByUserCode(userCode: string): Promise<Payload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** The fields of a payload that are secrets themselves, sealed in the row. */
const SEALED_FIELDS = ['client_secret'] as const;
const SEAL_PURPOSE = 'oauth record secret';

/** Expired records are swept at most this often, by whichever instance comes first. */
const SWEEP_MS = 60_000;

/**
 * oidc-provider's records (sessions, interactions, grants, codes, tokens, clients) in the team
 * store, for every instance at once. A record is found by the SHA-256 of its id (an opaque token
 * or a session cookie is its id), and the id itself is never stored: a dump of the table gives no
 * usable token. A client's secret is sealed under the state key.
 */
export function recordAdapterClass(
  db: Kysely<TeamDatabase>,
  ring: KeyRing,
  now: () => number = Date.now,
): new (
  model: string,
) => RecordAdapter {
  let swept = 0;
  const sweep = async () => {
    const at = now();
    if (at - swept < SWEEP_MS) return;
    swept = at;
    await db.deleteFrom('oauth_records').where('expires_at', '<', at).execute();
  };
  const hash = (id: string) => createHash('sha256').update(id).digest('base64url');

  /** The stored payload: no `jti` (the id), secrets sealed. */
  const toRow = (payload: Payload) => {
    const { jti: _id, ...rest } = payload;
    for (const field of SEALED_FIELDS) {
      if (typeof rest[field] !== 'string') continue;
      rest[field] = sealSecret(ring, SEAL_PURPOSE, rest[field]).toString('base64');
    }
    return rest;
  };
  const fromRow = (id: string, stored: Payload, consumedAt: number | string | null) => {
    const payload: Payload = { ...stored, jti: id };
    for (const field of SEALED_FIELDS) {
      if (typeof payload[field] !== 'string') continue;
      const sealed = Buffer.from(payload[field] as string, 'base64');
      payload[field] = openSecret<string>(ring, SEAL_PURPOSE, sealed).value;
    }
    if (consumedAt !== null) payload.consumed = Math.floor(Number(consumedAt) / 1000);
    return payload;
  };

  return class {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number) {
      await sweep();
      const row = {
        model: this.model,
        id: hash(id),
        payload: JSON.stringify(toRow(payload)),
        grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
        uid: typeof payload.uid === 'string' ? hash(payload.uid) : null,
        expires_at: expiresIn ? now() + expiresIn * 1000 : null,
      };
      await db
        .insertInto('oauth_records')
        .values(row)
        .onConflict((c) =>
          c.columns(['model', 'id']).doUpdateSet({
            payload: row.payload,
            grant_id: row.grant_id,
            uid: row.uid,
            expires_at: row.expires_at,
          }),
        )
        .execute();
    }

    async find(id: string) {
      const row = await this.live()
        .select(['payload', 'consumed_at'])
        .where('id', '=', hash(id))
        .executeTakeFirst();
      return row ? fromRow(id, row.payload as Payload, row.consumed_at) : undefined;
    }

    async findByUid(uid: string) {
      const row = await this.live()
        .select(['payload', 'consumed_at'])
        .where('uid', '=', hash(uid))
        .executeTakeFirst();
      // A session's id is its cookie: it is in the payload only as `jti`, which is not stored,
      // so a session found by uid comes back without one; oidc-provider then loads it by id.
      return row ? { ...(row.payload as Payload), uid } : undefined;
    }

    async findByUserCode() {
      return undefined; // the device flow is off
    }

    async consume(id: string) {
      await db
        .updateTable('oauth_records')
        .set({ consumed_at: now() })
        .where('model', '=', this.model)
        .where('id', '=', hash(id))
        .where('consumed_at', 'is', null)
        .execute();
    }

    async destroy(id: string) {
      await db
        .deleteFrom('oauth_records')
        .where('model', '=', this.model)
        .where('id', '=', hash(id))
        .execute();
    }

    async revokeByGrantId(grantId: string) {
      await db.deleteFrom('oauth_records').where('grant_id', '=', grantId).execute();
    }

    private live() {
      return db
        .selectFrom('oauth_records')
        .where('model', '=', this.model)
        .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', now())]));
    }
  };
}

/** Seals every record's secrets again under the current state key; how many records changed. */
export async function resealRecords(db: Kysely<TeamDatabase>, ring: KeyRing): Promise<number> {
  const rows = await db.selectFrom('oauth_records').select(['model', 'id', 'payload']).execute();
  let changed = 0;
  for (const row of rows) {
    const payload = { ...(row.payload as Payload) };
    let stale = false;
    for (const field of SEALED_FIELDS) {
      if (typeof payload[field] !== 'string') continue;
      const opened = openSecret<string>(
        ring,
        SEAL_PURPOSE,
        Buffer.from(payload[field] as string, 'base64'),
      );
      if (!opened.stale) continue;
      payload[field] = sealSecret(ring, SEAL_PURPOSE, opened.value).toString('base64');
      stale = true;
    }
    if (!stale) continue;
    await db
      .updateTable('oauth_records')
      .set({ payload: JSON.stringify(payload) })
      .where('model', '=', row.model)
      .where('id', '=', row.id)
      .execute();
    changed++;
  }
  return changed;
}

/**
 * Ends everything a person was given here: their grants with every token of them, their sign-in
 * sessions, their consents. Their assistants then find their refresh tokens refused and start a
 * new sign-in (what a person whose portal session ended must do).
 */
export async function revokeAccount(db: Kysely<TeamDatabase>, accountId: string): Promise<void> {
  const ofAccount = sql<string>`payload->>'accountId'`;
  await db.transaction().execute(async (trx) => {
    const grants = await trx
      .selectFrom('oauth_records')
      .select('grant_id')
      .distinct()
      .where(ofAccount, '=', accountId)
      .where('grant_id', 'is not', null)
      .execute();
    const grantIds = grants.map((g) => g.grant_id).filter((g): g is string => g !== null);
    if (grantIds.length > 0)
      await trx.deleteFrom('oauth_records').where('grant_id', 'in', grantIds).execute();
    await trx.deleteFrom('consents').where('account_id', '=', accountId).execute();
    await trx
      .deleteFrom('oauth_records')
      .where('model', 'in', ['Grant', 'Session'])
      .where(ofAccount, '=', accountId)
      .execute();
  });
}
