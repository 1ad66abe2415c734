import type { EnrollLockProvider } from '@cloutapi/resources';
import { privateDirProblem } from '@cloutapi/resources/private-dir';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Pool } from 'pg';
import lockfile from 'proper-lockfile';
import type { SnapshotStore } from '../../snapshots.js';
import type { TaskStore } from '../../tasks/store.js';
import type { OnceStore } from '../../tools/confirmation.js';
import { advisoryEnrollLock } from './advisory-lock.js';
import { MIGRATIONS } from './migrations.js';
import type { TeamDatabase } from './schema.js';
import { databaseOnceStore, databaseSnapshotStore, databaseTaskStore } from './shared-state.js';

/** The team server's store: what instances share, on one database. */
export interface TeamStore {
  /** `embedded`: PGlite in a folder, one process; `postgres`: any number of instances. */
  kind: 'embedded' | 'postgres';
  db: Kysely<TeamDatabase>;
  once: OnceStore;
  snapshots: SnapshotStore;
  tasks: TaskStore;
  /**
   * Enrollment locks across instances (PostgreSQL advisory locks); undefined for the embedded
   * store, which one process owns (its in-process queue and the user's lock files suffice).
   */
  enrollLock: EnrollLockProvider | undefined;
  /** PostgreSQL's connection pool (for rate-limit counters); undefined for the embedded store. */
  pool: Pool | undefined;
  close(): Promise<void>;
}

/** Options of {@link openTeamStore}. */
export interface TeamStoreOptions {
  /** The server's state key: task records are sealed under a key derived from it. */
  stateKey: Buffer;
  now?: () => number;
}

const isPostgresUrl = (where: string) => /^postgres(ql)?:\/\//i.test(where);

/**
 * Opens the store at `where`: a `postgres://` URL, or a folder for the embedded store (made
 * private if missing; refused if others may write to it or to a folder on its way), and brings its schema up to date (instances starting at once migrate
 * once: the migrator takes a lock).
 *
 * @throws Error naming the migration that failed, or why the folder cannot be used.
 */
export async function openTeamStore(where: string, options: TeamStoreOptions): Promise<TeamStore> {
  const kind = isPostgresUrl(where) ? 'postgres' : 'embedded';
  // The embedded database is one process's: a second one opening it would corrupt it.
  const unlock = kind === 'embedded' ? await lockEmbedded(where) : async () => {};
  let db: Kysely<TeamDatabase>;
  let pool: Pool | undefined;
  try {
    const made = await dialectFor(kind, where);
    pool = made.pool;
    db = new Kysely<TeamDatabase>({ dialect: made.dialect });
  } catch (error) {
    await unlock();
    throw error;
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    await unlock();
    throw error;
  }
  const now = options.now ?? Date.now;
  return {
    kind,
    db,
    once: databaseOnceStore(db, now),
    snapshots: databaseSnapshotStore(db, now),
    tasks: databaseTaskStore(db, options.stateKey, now),
    enrollLock: kind === 'postgres' ? advisoryEnrollLock(db) : undefined,
    pool,
    async close() {
      await db.destroy();
      await unlock();
    },
  };
}

/** The dialect of each kind; the drivers load only for the kind in use. */
async function dialectFor(kind: TeamStore['kind'], where: string) {
  if (kind === 'postgres') {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: where, max: 10 });
    // A connection PostgreSQL drops (a restart, a failover) must not end the process: the next
    // query on it fails and the pool opens another. A held enrollment lock is then simply gone.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    return { dialect: new PostgresDialect({ pool }), pool };
  }
  // The database holds what every confirmation and task trusts: a folder a neighbour could write
  // to (or swap on the way) is refused, as for the cache folder.
  const refused = privateDirProblem(where);
  if (refused) throw new Error(`the team store's folder ${where} cannot be used: ${refused}`);
  const { PGlite } = await import('@electric-sql/pglite');
  return { dialect: new PGliteDialect({ pglite: new PGlite(where) }), pool: undefined };
}

/**
 * Takes the embedded store's folder for this process (a lock beside it, refreshed every 5 s while
 * the process lives, stale 30 s after it dies); the release. The margin is wide because PGlite
 * runs on the event loop: a busy machine can hold the refresh back for seconds, and a lock that
 * went stale meanwhile would let a second process in.
 *
 * @throws Error when another process has it.
 */
async function lockEmbedded(where: string): Promise<() => Promise<void>> {
  const refused = privateDirProblem(where);
  if (refused) throw new Error(`the team store's folder ${where} cannot be used: ${refused}`);
  try {
    const release = await lockfile.lock(where, {
      realpath: false,
      stale: 30_000,
      update: 5_000,
      retries: 0,
      // A stalled event loop must not end the process from a timer: the lock is taken again.
      onCompromised: () => {},
    });
    return () => release().catch(() => undefined);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new Error(
      `the embedded team store in ${where} is in use by another process (a running cloutapi-mcp?): one process at a time may open it. Stop that one, or use --store postgres://... for several`,
    );
  }
}

async function migrate(db: Kysely<TeamDatabase>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (!error) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'the schema';
  throw new Error(`the team store could not apply ${failed}: ${(error as Error).message}`);
}
