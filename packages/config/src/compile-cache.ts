import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

/** How {@link loadBundle} compiled the bundle. */
export type CompileCacheState =
  /** Compiled from the cache: nothing to save. */
  | 'used'
  /** No cache yet: compiled from source; `saveCache()` writes one. */
  | 'missing'
  /** A cache was there but V8 refused it (another Node, other flags): `saveCache()` replaces it. */
  | 'rejected'
  /** No cache directory, or `NODE_DISABLE_COMPILE_CACHE` is set. */
  | 'off'
  /**
   * The cache folder (or file) is not this user's own, or others may write to it: compiled code
   * from there could be anyone's, so it is neither read nor written.
   */
  | 'unsafe';

/** Options of {@link loadBundle}. */
export interface BundleOptions {
  /** Names the cache file, e.g. `cloutapi-mcp`. */
  name: string;
  /** The app's version: part of the cache key, so an upgrade never meets an old cache. */
  version: string;
  /** The directory of cache files (created on save); without one nothing is cached. */
  dir?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/** A loaded bundle: its exports, and the means to cache what start-up compiled. */
export interface LoadedBundle<T> {
  exports: T;
  cache: CompileCacheState;
  /** The cache file used or to be written. */
  cacheFile: string | undefined;
  /**
   * Writes V8's code cache of the bundle as compiled so far, when the start did not come from one.
   * Call it once start-up has run, so the functions it compiled lazily are in the cache too. It
   * never throws: a read-only home only costs speed.
   */
  saveCache(): void;
}

/**
 * Loads an app's CommonJS bundle through V8's code cache, so every start after the first skips
 * parsing and compiling what start-up runs (about half of a cold start of the MCP server; see
 * BENCHMARKS.md). Node 22's `module.enableCompileCache()` caches code at compile time, so only
 * top-level code; this cache is taken after start-up ran, and works on Node 20 too. V8 flags must
 * be set before the call, and the same on every run, or V8 refuses the cache.
 *
 * @param file absolute path of the bundle: CommonJS, one file, without `import()`
 */
export function loadBundle<T>(file: string, options: BundleOptions): LoadedBundle<T> {
  const env = options.env ?? process.env;
  const source = readFileSync(file, 'utf8');
  const cacheFile =
    options.dir && !env.NODE_DISABLE_COMPILE_CACHE
      ? join(options.dir, 'compile', `${options.name}-${cacheKey(file, options)}.v8`)
      : undefined;
  const safe = cacheFile !== undefined && ownedByUs(join(cacheFile, '..'), cacheFile);
  let cachedData: Buffer | undefined;
  if (cacheFile && safe) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet.
    }
  }
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source.replace(/^#!.*/, '')}\n})`,
    // No importModuleDynamically: its default-loader constant is experimental (and warns) on
    // Node 20, so a bundle must have no import() of its own (the apps inline theirs).
    { filename: file, cachedData },
  );
  const cache: CompileCacheState = !cacheFile
    ? 'off'
    : !safe
      ? 'unsafe'
      : !cachedData
        ? 'missing'
        : script.cachedDataRejected
          ? 'rejected'
          : 'used';
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(file), module, file, join(file, '..'));
  let saved = cache === 'used' || cache === 'off' || cache === 'unsafe';
  return {
    exports: module.exports,
    cache,
    cacheFile,
    saveCache() {
      if (saved || !cacheFile || !options.dir) return;
      saved = true;
      writeCache(cacheFile, script.createCachedData(), options.name);
    },
  };
}

/**
 * Whether the cache folder and file (those that exist) belong to this user and only this user
 * can write them. Code read from a cache runs as this program, so nobody else may supply it.
 * Windows has no such mode bits; there the user's own profile folder is trusted.
 */
function ownedByUs(dir: string, file: string): boolean {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  const uid = process.getuid();
  for (const path of [dir, file]) {
    try {
      const { uid: owner, mode } = statSync(path);
      if (owner !== uid || (mode & 0o022) !== 0) return false;
    } catch {
      // Not there yet: it is made with the right owner and mode when the cache is written.
    }
  }
  return true;
}

/**
 * Which build of which app on which Node: the bundle's size and modification time tell one build
 * from the next in a checkout, the version one release from the next (npm resets file times).
 */
function cacheKey(file: string, options: BundleOptions): string {
  const { size, mtimeMs } = statSync(file);
  // Plain text, not a digest: loading node:crypto would cost more than the cache saves here.
  const key = `${options.version}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}`;
  return key.replace(/[^\w.-]/g, '_');
}

function writeCache(cacheFile: string, data: Buffer, name: string): void {
  const dir = join(cacheFile, '..');
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, data, { mode: 0o600 });
    // A rename, so a concurrent start reads either no cache or a whole one.
    renameSync(temporary, cacheFile);
    // The caches of earlier builds and versions of this app are of no more use.
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (entry.startsWith(`${name}-`) && entry.endsWith('.v8') && path !== cacheFile)
        rmSync(path, { force: true });
    }
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: the next start compiles from source again.
    }
  }
}
