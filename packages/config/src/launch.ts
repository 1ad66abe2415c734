/**
 * `@cloutapi/config/launch`: what the apps' executables need before anything else loads: the
 * per-user cache directory and the code-cached bundle loader. Kept apart from the settings so a
 * launcher stays a few kilobytes.
 *
 * @packageDocumentation
 */
export { cacheDir } from './cache-dir.js';
export {
  type BundleOptions,
  type CompileCacheState,
  type LoadedBundle,
  loadBundle,
} from './compile-cache.js';
