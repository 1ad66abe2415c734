import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { EnrollLockProvider, HeldEnrollLock } from '@cloutapi/resources';
import { TimeoutError } from '@cloutapi/resources/errors';
import { type Kysely, sql } from 'kysely';
import type { TeamDatabase } from './schema.js';

/** The longest wait for an enrollment another instance runs, unless the call says less. */
const WAIT_MS = 10 * 60_000;
/** How often a waiting enrollment tries again. */
const POLL_MS = 100;

/** A lock key as PostgreSQL's advisory locks take it: 64 bits of its hash, as a signed decimal. */
const lockId = (key: string) =>
  createHash('sha256').update(`cloutapi enroll ${key}`).digest().readBigInt64BE(0).toString();

/**
 * Enrollment locks across every instance on one PostgreSQL: a session advisory lock per machine,
 * held on a connection of its own for as long as the enrollment runs. If the instance dies, the
 * connection closes and PostgreSQL frees the lock: nothing stale to clean up.
 */
export function advisoryEnrollLock(db: Kysely<TeamDatabase>): EnrollLockProvider {
  return {
    acquire(key, request) {
      const id = lockId(key);
      const started = Date.now();
      const deadline = started + Math.min(request.timeoutMs ?? WAIT_MS, WAIT_MS);
      return new Promise<HeldEnrollLock>((resolve, reject) => {
        let letGo!: () => void;
        const released = new Promise<void>((done) => {
          letGo = done;
        });
        const held = db.connection().execute(async (connection) => {
          let waiting = false;
          for (;;) {
            request.signal?.throwIfAborted();
            const { rows } = await sql<{
              got: boolean;
            }>`select pg_try_advisory_lock(${id}::bigint) as got`.execute(connection);
            if (rows[0]?.got) break;
            if (!waiting) {
              waiting = true;
              request.onWait?.();
            }
            if (Date.now() >= deadline)
              throw new TimeoutError({
                message: `another instance is enrolling the same machine: waited ${Math.round((Date.now() - started) / 1000)} s for its lock; nothing was created. Let it finish and run again`,
              });
            await delay(POLL_MS, undefined, { signal: request.signal }).catch(() => {});
          }
          resolve({
            async release() {
              letGo();
              await held.catch(() => {});
            },
          });
          await released;
          await sql`select pg_advisory_unlock(${id}::bigint)`.execute(connection);
        });
        held.catch(reject);
      });
    },
  };
}
