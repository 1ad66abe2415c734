import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OnceStore } from './tools/confirmation.js';

/** Expired claims are swept at most this often. */
const SWEEP_MS = 60_000;

/**
 * A {@link OnceStore} in a folder: a claim is a file created exclusively (`wx`), so every process
 * that shares the folder (the instances behind one load balancer on one machine, or a shared
 * mount) agrees which confirmation was used. The file holds only the claim's expiry.
 */
export function folderOnceStore(dir: string, now: () => number = Date.now): OnceStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let swept = 0;
  const sweep = (at: number) => {
    if (at - swept < SWEEP_MS) return;
    swept = at;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      try {
        if (Number(readFileSync(file, 'utf8')) < at) rmSync(file, { force: true });
      } catch {
        // Another instance swept it first.
      }
    }
  };
  return {
    async claim(id, expiresAt) {
      const at = now();
      sweep(at);
      const name = createHash('sha256').update(id).digest('base64url');
      try {
        writeFileSync(join(dir, name), String(expiresAt), { flag: 'wx', mode: 0o600 });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    },
  };
}
