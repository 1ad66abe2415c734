/**
 * `@cloutapi/resources/enroll-file-lock`: the cross-process lock of enrollment, a lock file per
 * machine in a folder of the user's. Node only, so it is a separate entry point that the SDK's
 * main path never loads.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { TimeoutError } from './errors.js';
import { privateDirProblem } from './private-dir.js';
import type { EnrollLockProvider, HeldEnrollLock } from './workflows/enroll-lock.js';

/** Options of {@link fileEnrollLock}. */
export interface FileEnrollLockOptions {
  /** The folder of the lock files; default {@link enrollLockDir}. It must be the user's own. */
  dir?: string;
  /** A lock not refreshed (every half of this) for this long is taken over; default 20 s. */
  staleMs?: number;
  /**
   * The longest wait for another process enrolling the machine, then a TimeoutError; 10 min. A
   * call's shorter `timeoutMs` (enrollment's options) bounds it too.
   */
  waitMs?: number;
  /** How often a waiting process checks the lock; default 100 ms. */
  pollMs?: number;
}

/**
 * The folder where every process of this OS user finds enrollment's lock files, whatever its
 * environment: under the home folder that the user database gives (not `$HOME`, nor
 * `CLOUTAPI_CACHE_DIR` or `XDG_CACHE_HOME`, which two shells of one user may set differently):
 * `~/.cache/cloutapi/locks`, on macOS `~/Library/Caches/cloutapi/locks`, on Windows
 * `~\AppData\Local\cloutapi\locks`.
 */
export function enrollLockDir(platform: NodeJS.Platform = process.platform): string {
  const caches: Partial<Record<NodeJS.Platform, string[]>> = {
    win32: ['AppData', 'Local'],
    darwin: ['Library', 'Caches'],
  };
  return join(userHome(), ...(caches[platform] ?? ['.cache']), 'cloutapi', 'locks');
}

/** The user's home folder from the user database; `$HOME` only when it has no entry for the user. */
function userHome(): string {
  try {
    return userInfo().homedir;
  } catch {
    return homedir();
  }
}

/**
 * A lock provider for `enrollMachine`/`enrollMany` (`lock` option) that serialises enrollments of
 * one machine across processes on this computer: a `proper-lockfile` lock named after the machine
 * in a folder private to the user ({@link enrollLockDir}). A process that finds the lock taken
 * waits for it, then finds the holder's result. A folder that someone else owns or may write to
 * is refused: a neighbour could plant or remove locks there.
 *
 * @example
 * ```ts
 * import { fileEnrollLock } from '@cloutapi/resources/enroll-file-lock';
 * await enrollMachine(clout, input, { lock: fileEnrollLock() });
 * ```
 */
export function fileEnrollLock(options: FileEnrollLockOptions = {}): EnrollLockProvider {
  const { dir = enrollLockDir(), staleMs = 20_000, waitMs = 10 * 60_000, pollMs = 100 } = options;
  let checked = false;
  return {
    async acquire(key, { signal, timeoutMs, onWait }): Promise<HeldEnrollLock> {
      const problem = checked ? undefined : privateDirProblem(dir);
      if (problem)
        throw new Error(
          `enrollment lock folder ${dir}: ${problem}. Lock files must be where only you may write (on the whole path); make that folder yours and chmod go-w it.`,
        );
      checked = true;
      const file = join(dir, lockFileName(key));
      const wait = Math.min(waitMs, timeoutMs ?? waitMs);
      const deadline = Date.now() + wait;
      let waiting = false;
      for (;;) {
        signal?.throwIfAborted();
        try {
          const release = await lockfile.lock(file, {
            realpath: false,
            fs: lockFs,
            stale: staleMs,
            retries: 0,
            // Without a handler a compromised lock (the event loop stalled past `stale`) throws
            // from a timer and ends the process; the enrollment itself stays correct because it
            // re-reads what exists before each write and checks for duplicates after creating.
            onCompromised: () => {},
          });
          return {
            release: () => release().catch(() => undefined),
          };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
        }
        if (!waiting) {
          waiting = true;
          onWait?.();
        }
        if (Date.now() >= deadline) throw heldElsewhere(`${file}.lock`, wait);
        // An abort ends the wait; the loop's first line then throws the signal's reason.
        await delay(pollMs, undefined, { signal }).catch(() => {});
      }
    },
  };
}

/** The end of a wait for a lock that another enrollment holds, naming its process if it can. */
function heldElsewhere(lock: string, waitedMs: number): TimeoutError {
  let holder = '';
  try {
    const pid = fs.readFileSync(join(lock, 'holder'), 'utf8').trim();
    if (/^\d{1,10}$/.test(pid)) holder = ` (process ${pid})`;
  } catch {
    // Taken by another tool, or released meanwhile: the holder stays unnamed.
  }
  const waited = waitedMs < 1000 ? `${waitedMs} ms` : `${Math.round(waitedMs / 1000)} s`;
  return new TimeoutError({
    message: `another enrollment of the same machine holds its lock${holder}: waited ${waited} for it (lock ${lock}); nothing was created. Let it finish and run again, or remove the lock if no cloutapi process is running`,
  });
}

type Callback = (error: NodeJS.ErrnoException | null) => void;

/**
 * The file system calls `proper-lockfile` makes, with a lock that appears only once it carries
 * this process's clock. The library takes a lock with `mkdir` and judges staleness by comparing
 * the lock's mtime with `Date.now()`; a plain `mkdir` gets the kernel's time, and until the
 * library's first `utimes` a process whose clock differs (faketime in tests, a clock corrected
 * meanwhile) would find the new lock stale and take it over. So the lock folder is made under a
 * temporary name, stamped, given a file (a non-empty folder is never replaced by `rename`), and
 * renamed into place; removing it removes its content.
 */
const lockFs = {
  ...fs,
  mkdir(path: string, callback: Callback): void {
    const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    const fail = (error: NodeJS.ErrnoException) =>
      fs.rm(temp, { recursive: true, force: true }, () => callback(error));
    fs.mkdir(temp, (made) => {
      if (made) return callback(made);
      fs.writeFile(join(temp, 'holder'), String(process.pid), (written) => {
        if (written) return fail(written);
        const now = new Date();
        fs.utimes(temp, now, now, (stamped) => {
          if (stamped) return fail(stamped);
          fs.rename(temp, path, (renamed) => {
            if (!renamed) return callback(null);
            // Taken: the library then checks whether the holder's lock is stale.
            if (renamed.code === 'ENOTEMPTY' || renamed.code === 'EEXIST')
              return fail(Object.assign(new Error(`EEXIST: ${path}`), { code: 'EEXIST' }));
            fail(renamed);
          });
        });
      });
    });
  },
  rmdir(path: string, callback: Callback): void {
    fs.rm(path, { recursive: true, force: true }, callback);
  },
  rmdirSync(path: string): void {
    fs.rmSync(path, { recursive: true, force: true });
  },
};

/** A readable, safe file name for a lock key: a slug of the key plus a hash of all of it. */
function lockFileName(key: string): string {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 24);
  const slug = key.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-60);
  return `enroll-${slug}-${hash}`;
}
