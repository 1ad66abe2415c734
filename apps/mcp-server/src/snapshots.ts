import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Results kept between requests of a stateless server: a long answer is computed once and paged
 * from what was kept, so page 2 is the same snapshot as page 1 and costs the portal nothing.
 * Each snapshot has a random id (the cursor carries it: unguessable, so it is its own key) and
 * an expiry. Instances that share the store (a folder on one machine or a shared mount) serve
 * each other's cursors.
 */
export interface SnapshotStore {
  put(value: unknown, ttlMs: number): Promise<string>;
  /** The value, or undefined when the id is unknown or expired. */
  get(id: string): Promise<unknown>;
}

const newId = () => randomBytes(16).toString('base64url');

/** A {@link SnapshotStore} in this process's memory. */
export function memorySnapshotStore(now: () => number = Date.now): SnapshotStore {
  const kept = new Map<string, { value: unknown; expires: number }>();
  const sweep = (at: number) => {
    for (const [id, s] of kept) if (s.expires < at) kept.delete(id);
  };
  return {
    async put(value, ttlMs) {
      sweep(now());
      const id = newId();
      kept.set(id, { value, expires: now() + ttlMs });
      return id;
    },
    async get(id) {
      sweep(now());
      return kept.get(id)?.value;
    },
  };
}

/** A {@link SnapshotStore} in a folder: one private file per snapshot, named by its id's hash. */
export function folderSnapshotStore(dir: string, now: () => number = Date.now): SnapshotStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (id: string) => join(dir, createHash('sha256').update(id).digest('base64url'));
  const read = (path: string) => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as { expires: number; value: unknown };
    } catch {
      return undefined; // gone, or half-written by a neighbour: unknown
    }
  };
  const sweep = (at: number) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue; // being written
      const kept = read(join(dir, name));
      if (kept && kept.expires < at) rmSync(join(dir, name), { force: true });
    }
  };
  return {
    async put(value, ttlMs) {
      sweep(now());
      const id = newId();
      // Written aside and renamed into place, so no reader sees half a snapshot.
      const aside = join(dir, `.${randomBytes(8).toString('hex')}`);
      writeFileSync(aside, JSON.stringify({ expires: now() + ttlMs, value }), {
        flag: 'wx',
        mode: 0o600,
      });
      renameSync(aside, file(id));
      return id;
    },
    async get(id) {
      if (!/^[\w-]{22}$/.test(id)) return undefined;
      const kept = read(file(id));
      return kept && kept.expires >= now() ? kept.value : undefined;
    },
  };
}
