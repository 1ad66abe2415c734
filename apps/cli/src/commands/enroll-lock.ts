import { join } from 'node:path';
import type { EnrollLockProvider } from '@cloutapi/resources';
import { fileEnrollLock } from '@cloutapi/resources/enroll-file-lock';
import { cacheDir } from '../token-cache.js';

/**
 * The lock that makes cloutapi processes on this computer enroll a machine one at a time: lock
 * files in the cache folder (`CLOUTAPI_CACHE_DIR`, else `~/.cache/cloutapi`), under `locks/`.
 * Loaded only by the enroll commands.
 */
export function enrollLock(env: NodeJS.ProcessEnv = process.env): EnrollLockProvider {
  return fileEnrollLock({ dir: join(cacheDir(env), 'locks') });
}

/**
 * Enrollment's advice in the words of the command line: the SDK calls it names become the
 * commands that do the same.
 */
export function enrollAdviceForCli(text: string): string {
  return text
    .replace(
      /consumers\.delete\(\{ bunitId: (\d+), consumerId: (\d+), deleteAssociations: true \}\)/g,
      '`cloutapi consumers delete --bunit $1 --consumer $2 --delete-associations`',
    )
    .replace(/\bconsumers\.update\b/g, '`cloutapi consumers update`');
}
