import type { UserConfig } from 'tsdown';

/** The shared build settings, with a package's overrides (e.g. a bin entry). */
export declare function defineLibrary(overrides?: UserConfig): UserConfig;

/**
 * A rolldown plugin for CommonJS app bundles: Node built-ins imported by ES modules load when the
 * importing module first runs, not when the bundle starts.
 */
export declare function lazyBuiltins(): NonNullable<UserConfig['plugins']>;

/**
 * An app's bundle for the code-cached launch of `@cloutapi/config/launch`: one minified CommonJS
 * file in dist/bin/ with every dependency inside.
 */
export declare function defineAppBundle(
  entry: Record<string, string>,
  overrides?: UserConfig,
): UserConfig;
