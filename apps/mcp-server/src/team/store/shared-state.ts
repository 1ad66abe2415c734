import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { seal, taskSealKey, unseal } from '../../sealed.js';
import type { SnapshotStore } from '../../snapshots.js';
import { expired, TASK_ID, type TaskRecord, type TaskStore } from '../../tasks/store.js';
import type { OnceStore } from '../../tools/confirmation.js';
import type { TeamDatabase } from './schema.js';

/** Expired rows are swept at most this often, by whichever instance comes first. */
const SWEEP_MS = 60_000;

type Db = Kysely<TeamDatabase>;
type Table = keyof TeamDatabase;

/** Deletes a table's expired rows, at most once a minute from this instance. */
function sweeper(db: Db, table: Table, now: () => number) {
  let swept = 0;
  return async () => {
    const at = now();
    if (at - swept < SWEEP_MS) return;
    swept = at;
    await db.deleteFrom(table).where('expires_at', '<', at).execute();
  };
}

/** Used confirmations in the database: a claim is an insert that only the first one makes. */
export function databaseOnceStore(db: Db, now: () => number = Date.now): OnceStore {
  const sweep = sweeper(db, 'once_claims', now);
  return {
    async claim(id, expiresAt) {
      await sweep();
      const inserted = await db
        .insertInto('once_claims')
        .values({ id, expires_at: expiresAt })
        .onConflict((c) => c.column('id').doNothing())
        .returning('id')
        .execute();
      return inserted.length === 1;
    },
  };
}

/** Paged results in the database, each under a random id (the cursor carries it). */
export function databaseSnapshotStore(db: Db, now: () => number = Date.now): SnapshotStore {
  const sweep = sweeper(db, 'snapshots', now);
  return {
    async put(value, ttlMs) {
      await sweep();
      const id = randomBytes(16).toString('base64url');
      await db
        .insertInto('snapshots')
        .values({ id, value: JSON.stringify(value), expires_at: now() + ttlMs })
        .execute();
      return id;
    },
    async get(id) {
      const row = await db
        .selectFrom('snapshots')
        .select('value')
        .where('id', '=', id)
        .where('expires_at', '>=', now())
        .executeTakeFirst();
      return row?.value;
    },
  };
}

/**
 * Tasks in the database, sealed as in the folder store (AES-256-GCM under a key derived from the
 * state key) and keyed by the id's hash, so a dump of the table reveals neither results nor ids.
 */
export function databaseTaskStore(
  db: Db,
  stateKey: Buffer,
  now: () => number = Date.now,
): TaskStore {
  const key = taskSealKey(stateKey);
  const hash = (taskId: string) => createHash('sha256').update(taskId).digest('base64url');
  const sweep = sweeper(db, 'tasks', now);
  return {
    async put(record) {
      await sweep();
      const row = {
        id: hash(record.taskId),
        sealed: seal(key, record),
        expires_at: Date.parse(record.createdAt) + record.ttlMs,
      };
      // A cancellation mark set meanwhile stays: the record's writer never clears it.
      await db
        .insertInto('tasks')
        .values(row)
        .onConflict((c) => c.column('id').doUpdateSet({ sealed: row.sealed }))
        .execute();
    },
    async get(taskId) {
      if (!TASK_ID.test(taskId)) return undefined;
      const row = await db
        .selectFrom('tasks')
        .select('sealed')
        .where('id', '=', hash(taskId))
        .executeTakeFirst();
      if (!row) return undefined;
      try {
        const record = unseal<TaskRecord>(key, Buffer.from(row.sealed));
        return record.taskId === taskId && !expired(record, now()) ? record : undefined;
      } catch {
        return undefined; // sealed under another key, or tampered with: unknown
      }
    },
    async requestCancel(taskId) {
      await db
        .updateTable('tasks')
        .set({ cancel_requested: true })
        .where('id', '=', hash(taskId))
        .execute();
    },
    async cancelRequested(taskId) {
      const row = await db
        .selectFrom('tasks')
        .select('cancel_requested')
        .where('id', '=', hash(taskId))
        .executeTakeFirst();
      return row?.cancel_requested === true;
    },
  };
}
