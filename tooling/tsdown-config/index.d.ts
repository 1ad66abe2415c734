import type { UserConfig } from 'tsdown';

/** The shared build settings, with a package's overrides (e.g. a bin entry). */
export declare function defineLibrary(overrides?: UserConfig): UserConfig;

/**
 * A rolldown plugin for CommonJS app bundles: imports of Node built-ins (static or `import()`)
 * load when the importing code first runs, through `require`, never Node's ES module loader.
 */
export declare function builtinsOnFirstUse(): NonNullable<UserConfig['plugins']>;

/**
 * An app's bundle: one minified CommonJS file in dist/bin/ with every dependency inside, class and
 * function names kept.
 */
export declare function defineAppBundle(
  entry: Record<string, string>,
  overrides?: UserConfig,
): UserConfig;
