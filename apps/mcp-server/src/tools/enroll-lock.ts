import type { EnrollLockProvider } from '@cloutapi/resources';

let provider: Promise<EnrollLockProvider> | undefined;

/**
 * The lock that makes MCP servers (and CLIs) on this computer enroll a machine one at a time: lock
 * files under `locks/` in the cache folder (`CLOUTAPI_CACHE_DIR`, else `~/.cache/cloutapi`).
 * Loaded at the first enrollment, not at start.
 */
export function enrollFileLock(): Promise<EnrollLockProvider> {
  provider ??= Promise.all([
    import('node:path'),
    import('@cloutapi/config/cache-dir'),
    import('@cloutapi/resources/enroll-file-lock'),
  ]).then(([{ join }, { cacheDir }, { fileEnrollLock }]) =>
    fileEnrollLock({ dir: join(cacheDir(), 'locks') }),
  );
  return provider;
}
