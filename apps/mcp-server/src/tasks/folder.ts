import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { seal, taskSealKey, unseal } from '../sealed.js';
import { expired, TASK_ID, type TaskRecord, type TaskStore } from './store.js';

/** Expired tasks are swept at most this often. */
const SWEEP_MS = 60_000;

/**
 * A {@link TaskStore} in a folder, for instances on one machine (or a shared mount): one private
 * file per task, named by its id's hash, sealed with AES-256-GCM under a key derived from the
 * server's state key, since a result may hold node passwords (`--allow-secrets`). A cancellation
 * is a second file, created exclusively.
 */
export function folderTaskStore(
  dir: string,
  stateKey: Buffer,
  now: () => number = Date.now,
): TaskStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = taskSealKey(stateKey);
  const base = (id: string) => join(dir, createHash('sha256').update(id).digest('base64url'));
  const open = (path: string) => {
    try {
      return unseal<TaskRecord>(key, readFileSync(path));
    } catch {
      return undefined; // gone, foreign or tampered with: unknown
    }
  };
  let swept = 0;
  const sweep = () => {
    const at = now();
    if (at - swept < SWEEP_MS) return;
    swept = at;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.task')) continue;
      const record = open(join(dir, name));
      if (record && expired(record, at)) {
        const stem = join(dir, name.slice(0, -'.task'.length));
        rmSync(`${stem}.task`, { force: true });
        rmSync(`${stem}.cancel`, { force: true });
      }
    }
  };
  return {
    async put(record) {
      sweep();
      // Written aside and renamed into place: a reader sees the old record or the new one.
      const aside = join(dir, `.${randomBytes(8).toString('hex')}`);
      writeFileSync(aside, seal(key, record), { flag: 'wx', mode: 0o600 });
      renameSync(aside, `${base(record.taskId)}.task`);
    },
    async get(taskId) {
      if (!TASK_ID.test(taskId)) return undefined;
      const record = open(`${base(taskId)}.task`);
      return record && record.taskId === taskId && !expired(record, now()) ? record : undefined;
    },
    async requestCancel(taskId) {
      try {
        writeFileSync(`${base(taskId)}.cancel`, '', { flag: 'wx', mode: 0o600 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    },
    async cancelRequested(taskId) {
      return existsSync(`${base(taskId)}.cancel`);
    },
  };
}
