import type { UserConfig } from 'tsdown';

/** The shared build settings, with a package's overrides (e.g. a bin entry). */
export declare function defineLibrary(overrides?: UserConfig): UserConfig;

/**
 * A rolldown plugin for CommonJS app bundles: imports of Node built-ins (static or `import()`)
 * load when the importing code first runs, through `require`, never Node's ES module loader.
 */
export declare function builtinsOnFirstUse(): NonNullable<UserConfig['plugins']>;

/**
 * An app's bundle: minified CommonJS in dist/bin/ with every dependency inside, class and
 * function names kept; one file, or with `split` an entry and chunks loaded at each `import()`.
 */
export declare function defineAppBundle(
  entry: Record<string, string>,
  overrides?: UserConfig & { split?: boolean; onFirstUse?: string[] },
): UserConfig;

/**
 * A rolldown plugin for CommonJS app bundles: the packages named stay out of the bundle and load
 * from node_modules, through `require`, when the code importing them first runs.
 */
export declare function externalsOnFirstUse(names: string[]): NonNullable<UserConfig['plugins']>;

/**
 * Aliases of workspace packages (absolute folders) to their TypeScript sources, from each
 * package's `exports`, longest specifier first: a split bundle takes them module by module.
 */
export declare function workspaceSources(packageDirs: string[]): Record<string, string>;
