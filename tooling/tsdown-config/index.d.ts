import type { UserConfig } from 'tsdown';

/** The shared build settings, with a package's overrides (e.g. a bin entry). */
export declare function defineLibrary(overrides?: UserConfig): UserConfig;

/**
 * An app's bundle: one minified CommonJS file in dist/bin/ with every dependency inside, class and
 * function names kept.
 */
export declare function defineAppBundle(
  entry: Record<string, string>,
  overrides?: UserConfig,
): UserConfig;
