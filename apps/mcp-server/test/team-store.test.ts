import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../src/tasks/store.js';
import { MIGRATIONS } from '../src/team/store/migrations.js';
import { openTeamStore, type TeamStore } from '../src/team/store/open.js';
import { databaseTaskStore } from '../src/team/store/shared-state.js';
import { startPostgres } from './postgres.js';

const KEY = Buffer.alloc(32, 3);
const folder = mkdtempSync(join(tmpdir(), 'cloutapi-team-store-'));
let postgres: Awaited<ReturnType<typeof startPostgres>>;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => {
  postgres?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** Where each backend lives: a fresh folder for PGlite, the test's PostgreSQL. */
const BACKENDS = {
  embedded: () => join(folder, `pglite-${Math.random().toString(36).slice(2)}`),
  postgres: () => postgres.url,
} as const;

const record = (taskId: string, at = Date.now()): TaskRecord => ({
  taskId,
  status: 'working',
  statusMessage: 'enrolling web-07, password Secret-Node-Pw-1',
  createdAt: new Date(at).toISOString(),
  lastUpdatedAt: new Date(at).toISOString(),
  ttlMs: 60_000,
  pollIntervalMs: 1000,
});
const taskId = (c: string) => c.repeat(43);

describe.each(Object.keys(BACKENDS) as (keyof typeof BACKENDS)[])('the team store (%s)', (kind) => {
  let where: string;
  let store: TeamStore;
  beforeAll(async () => {
    where = BACKENDS[kind]();
    store = await openTeamStore(where, { stateKey: KEY });
  }, 60_000);
  afterAll(() => store?.close());

  it('migrates once: the schema is there, and opening again changes nothing', async () => {
    expect(store.kind).toBe(kind);
    const tables = await sql<{
      tablename: string;
    }>`select tablename from pg_tables where schemaname = 'public' order by tablename`.execute(
      store.db,
    );
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining([
        'once_claims',
        'snapshots',
        'tasks',
        'oauth_records',
        'accounts',
        'consents',
        'audit',
        'rate_limits',
        'kysely_migration',
      ]),
    );
    if (kind === 'postgres') {
      // A second instance starting on the same database finds the schema up to date.
      const second = await openTeamStore(where, { stateKey: KEY });
      const applied = await sql<{
        n: number;
      }>`select count(*)::int as n from kysely_migration`.execute(second.db);
      expect(applied.rows[0]?.n).toBe(Object.keys(MIGRATIONS).length);
      await second.close();
    }
  });

  it('a confirmation is claimed once', async () => {
    const expires = Date.now() + 60_000;
    expect(await store.once.claim(`nonce-${kind}`, expires)).toBe(true);
    expect(await store.once.claim(`nonce-${kind}`, expires)).toBe(false);
  });

  it('a snapshot is read back until it expires', async () => {
    const id = await store.snapshots.put({ rows: [1, 2, 3] }, 60_000);
    expect(await store.snapshots.get(id)).toEqual({ rows: [1, 2, 3] });
    const gone = await store.snapshots.put({ rows: [] }, -1);
    expect(await store.snapshots.get(gone)).toBeUndefined();
    expect(await store.snapshots.get('unknown')).toBeUndefined();
  });

  it('a task is sealed: the table holds neither its id nor its words; a cancel mark outlives the next write', async () => {
    const id = taskId(kind === 'embedded' ? 'e' : 'p');
    await store.tasks.put(record(id));
    expect(await store.tasks.get(id)).toMatchObject({ taskId: id, status: 'working' });
    await store.tasks.requestCancel(id);
    await store.tasks.put({ ...record(id), statusMessage: 'still going' });
    expect(await store.tasks.cancelRequested(id)).toBe(true);
    const dump = await sql<{ row: string }>`select t::text as row from tasks t`.execute(store.db);
    const text = dump.rows.map((r) => r.row).join('\n');
    expect(text).not.toContain(id);
    expect(text).not.toMatch(/Secret-Node-Pw|still going|enrolling/);
    // Under another state key the record is unknown, not garbage.
    const other = databaseTaskStore(store.db, Buffer.alloc(32, 4));
    expect(await other.get(id)).toBeUndefined();
  });

  if (kind === 'embedded')
    it("is one process's: a second opening is refused, naming what to do", async () => {
      await expect(openTeamStore(where, { stateKey: KEY })).rejects.toThrow(
        /in use by another process .* --store postgres:/,
      );
    });

  it('an expired task is unknown', async () => {
    const id = taskId(kind === 'embedded' ? 'f' : 'q');
    await store.tasks.put(record(id, Date.now() - 120_000));
    expect(await store.tasks.get(id)).toBeUndefined();
  });
});

describe('the embedded store’s folder', () => {
  it('a folder others may write to is refused before anything is made in it', async () => {
    const open = join(folder, 'shared-by-all');
    mkdirSync(open, { mode: 0o777 });
    chmodSync(open, 0o777);
    await expect(openTeamStore(join(open, 'db'), { stateKey: KEY })).rejects.toThrow(
      /the team store's folder .* cannot be used: .*(others|writ)/i,
    );
    expect(readdirSync(open)).toEqual([]);
  });
});

describe('two instances on one PostgreSQL', () => {
  let a: TeamStore;
  let b: TeamStore;
  beforeAll(async () => {
    [a, b] = await Promise.all([
      openTeamStore(postgres.url, { stateKey: KEY }),
      openTeamStore(postgres.url, { stateKey: KEY }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("a confirmation claimed on one is refused on the other; one's task is read and cancelled on the other", async () => {
    const expires = Date.now() + 60_000;
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).once.claim('shared-nonce', expires)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const id = taskId('s');
    await a.tasks.put(record(id));
    expect((await b.tasks.get(id))?.taskId).toBe(id);
    await b.tasks.requestCancel(id);
    expect(await a.tasks.cancelRequested(id)).toBe(true);
  });

  it('an enrollment lock held by one instance makes the other wait until it is released', async () => {
    const held = await a.enrollLock!.acquire('42 web-07', {});
    let waited = false;
    let acquired = false;
    const second = b
      .enrollLock!.acquire('42 web-07', {
        onWait: () => {
          waited = true;
        },
      })
      .then((lock) => {
        acquired = true;
        return lock;
      });
    await expect.poll(() => waited).toBe(true);
    expect(acquired).toBe(false);
    // Another machine is not held up.
    const other = await b.enrollLock!.acquire('42 web-08', {});
    await other.release();
    await held.release();
    await (await second).release();
    expect(acquired).toBe(true);
  });

  it('the wait ends at the call’s timeout, naming what holds it; an abort ends it too', async () => {
    const held = await a.enrollLock!.acquire('42 web-09', {});
    await expect(b.enrollLock!.acquire('42 web-09', { timeoutMs: 300 })).rejects.toThrow(
      /another instance is enrolling the same machine: waited \d+ s for its lock; nothing was created/,
    );
    const stop = new AbortController();
    const aborted = b.enrollLock!.acquire('42 web-09', { signal: stop.signal });
    stop.abort(new Error('stopped'));
    await expect(aborted).rejects.toThrow('stopped');
    await held.release();
  });

  it('a lock whose instance died is free at once: PostgreSQL ends its session, the survivor takes it', async () => {
    const doomed = await openTeamStore(postgres.url, { stateKey: KEY });
    const lost = await doomed.enrollLock!.acquire('42 web-10', {});
    // The instance is killed: its connection drops (here PostgreSQL ends its backend).
    await sql`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted`.execute(
      a.db,
    );
    const lock = await b.enrollLock!.acquire('42 web-10', { timeoutMs: 5_000 });
    await lock.release();
    await lost.release(); // on a connection that is gone: no error, nothing to free
    await doomed.close();
  });
});
