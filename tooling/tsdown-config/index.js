import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { defineConfig } from 'tsdown';

/**
 * How every cloutapi package is built: ESM for Node 20.19+, type declarations, source maps.
 *
 * @param {import('tsdown').UserConfig} [overrides] e.g. more entries for a bin
 */
export function defineLibrary(overrides = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    dts: true,
    sourcemap: true,
    clean: true,
    ...overrides,
  });
}

const BUILTIN = '\0builtin:';
const BUILTIN_DYNAMIC = '\0builtin-dynamic:';
const BUILTIN_LAZY = '\0builtin-lazy:';

/**
 * Built-ins that CommonJS dependencies `require` at load time but use as a namespace only on a
 * path we do not take: commander's `child_process`, for executable subcommands (about 5 ms of
 * Node's own code at every start).
 */
const LAZY_REQUIRES = new Set(['child_process']);

/**
 * Built-ins whose module has lazy data properties, which the bundle's interop helper would
 * materialize when it copies the module for an import: `node:util`'s `diff`, `parseArgs`,
 * `TextDecoder` and others load their own code that way, 4 ms on Node 24 for a program that calls
 * none of them (node-fetch imports util). An object that inherits from the module has nothing of
 * its own to copy, and every read goes through to the module.
 */
const INHERITED = new Set(['util']);

/**
 * A rolldown plugin for CommonJS app bundles: each import of a Node built-in, static or
 * `import()` (and a dependency's `require` of one of {@link LAZY_REQUIRES}, as a namespace read
 * through on first use), becomes a small CommonJS module of the bundle (`module.exports = require(name)`),
 * so that the built-in loads when the importing code first runs, not when the bundle starts, and
 * an `import()` of a built-in is a `require`, never a trip through Node's ES module loader (on
 * Node 24 the ES module face of `node:http` loads undici, +20 to 40 ms). Named imports are read
 * from the module at run time; nothing here depends on the Node that runs the build.
 *
 * @returns {import('tsdown').UserConfig['plugins']}
 */
export function builtinsOnFirstUse() {
  return {
    name: 'cloutapi:builtins-on-first-use',
    resolveId(source, importer, extra) {
      if ([BUILTIN, BUILTIN_DYNAMIC, BUILTIN_LAZY].some((p) => source.startsWith(p))) return source;
      if (!isBuiltin(source)) return null;
      if (extra.kind === 'import-statement') return `${BUILTIN}${source}`;
      if (extra.kind === 'dynamic-import') return `${BUILTIN_DYNAMIC}${source}`;
      // Not the plugin's own modules' require, which is the real one.
      const ours = [BUILTIN, BUILTIN_DYNAMIC, BUILTIN_LAZY].some((p) => importer?.startsWith(p));
      if (extra.kind === 'require-call' && !ours && LAZY_REQUIRES.has(source.replace(/^node:/, '')))
        return `${BUILTIN_LAZY}${source}`;
      return null;
    },
    load(id) {
      if (id.startsWith(BUILTIN)) {
        const builtin = id.slice(BUILTIN.length);
        const name = JSON.stringify(builtin);
        const exports = INHERITED.has(builtin.replace(/^node:/, ''))
          ? `Object.create(require(${name}))`
          : `require(${name})`;
        return { code: `module.exports = ${exports};`, moduleType: 'js' };
      }
      if (id.startsWith(BUILTIN_LAZY)) {
        // The namespace, loaded at its first use: every read goes to the real module.
        const name = JSON.stringify(id.slice(BUILTIN_LAZY.length));
        return {
          code: `let real;\nconst load = () => (real ??= require(${name}));\nmodule.exports = new Proxy({}, {\n  get: (_, key) => load()[key],\n  has: (_, key) => key in load(),\n  ownKeys: () => Reflect.ownKeys(load()),\n  getOwnPropertyDescriptor: (_, key) => {\n    const found = Reflect.getOwnPropertyDescriptor(load(), key);\n    return found && { ...found, configurable: true };\n  },\n});`,
          moduleType: 'js',
        };
      }
      if (id.startsWith(BUILTIN_DYNAMIC)) {
        // An ES module of the bundle over the CommonJS one: an import() of a module only ever
        // imported dynamically stays wrapped, and its names are copied at run time.
        const inner = JSON.stringify(`${BUILTIN}${id.slice(BUILTIN_DYNAMIC.length)}`);
        return {
          code: `export * from ${inner};\nexport { default } from ${inner};`,
          moduleType: 'js',
        };
      }
      return null;
    },
  };
}

const EXTERNAL = '\0external-on-first-use:';

/** Whether `id` is one of `names` or a subpath of one. */
const isOneOf = (names, id) => names.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * A rolldown plugin for CommonJS app bundles: the packages named stay out of the bundle (they
 * load from node_modules) and load when the code importing them first runs, through `require`,
 * like the built-ins: an app that reaches them only on one path (the MCP server's team mode)
 * neither loads them at start nor needs them installed on the others.
 *
 * @param {string[]} names package names
 * @returns {import('tsdown').UserConfig['plugins']}
 */
export function externalsOnFirstUse(names) {
  return {
    name: 'cloutapi:externals-on-first-use',
    resolveId(source, importer, extra) {
      if (source.startsWith(EXTERNAL)) return source;
      if (!isOneOf(names, source)) return null;
      // The plugin's own module requires the real package, which stays outside.
      if (importer?.startsWith(EXTERNAL)) return { id: source, external: true };
      return extra.kind === 'import-statement' ? `${EXTERNAL}${source}` : { id: source, external: true };
    },
    load(id) {
      if (!id.startsWith(EXTERNAL)) return null;
      return {
        code: `module.exports = require(${JSON.stringify(id.slice(EXTERNAL.length))});`,
        moduleType: 'js',
      };
    },
  };
}

/**
 * Chunks a split bundle merges, because every file a run loads costs about 0.2 ms to find, read
 * and wrap, whatever its size: the built-ins' one-line modules, in one chunk (each still loads
 * its built-in on first use).
 */
const SPLIT_GROUPS = [{ name: 'builtins', test: (id) => id.startsWith(BUILTIN) }];

/**
 * An app's bundle: minified CommonJS in dist/bin/ with every dependency inside (an MCP Bundle
 * runs it without node_modules). One file, what loads lazily included (it still runs only when
 * first reached); or, with `split`, an entry file and chunks that load where the code says
 * `import()`, so that a run compiles and runs only what it reaches (the CLI: one command's
 * modules, not every command's). Class and function names are kept, so an error reads
 * `NotFoundError` in `--debug` and stacks. The bins enable Node's own compile cache before they
 * load it.
 *
 * @param {Record<string, string>} entry e.g. `{ server: 'src/start.ts' }`
 * @param {import('tsdown').UserConfig & { split?: boolean; onFirstUse?: string[] }} [overrides]
 *   `onFirstUse`: packages left out of the bundle, loaded from node_modules at their first use
 *   (see {@link externalsOnFirstUse})
 */
export function defineAppBundle(entry, overrides = {}) {
  const { plugins = [], split = false, onFirstUse = [], ...rest } = overrides;
  return defineLibrary({
    entry,
    format: 'cjs',
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/./],
    outputOptions: {
      inlineDynamicImports: !split,
      keepNames: true,
      ...(split && { advancedChunks: { groups: SPLIT_GROUPS } }),
    },
    ...rest,
    plugins: [builtinsOnFirstUse(), externalsOnFirstUse(onFirstUse), ...[plugins].flat()],
  });
}

/**
 * Aliases of workspace packages to their TypeScript sources, read from each package's `exports`
 * (`./dist/errors.js` is `src/errors.ts` or `src/errors/index.ts`): a split app bundle then takes them module by module
 * and leaves out the modules a run does not reach, as it does with any dependency's ES modules,
 * instead of taking a package's prebuilt file whole (with every top-level schema in it).
 *
 * @param {string[]} packageDirs absolute folders of the packages
 * @returns {Record<string, string>} longest specifier first, so a subpath wins over its package
 */
export function workspaceSources(packageDirs) {
  const aliases = [];
  for (const dir of packageDirs) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const [key, target] of Object.entries(manifest.exports ?? {})) {
      const built = typeof target === 'object' ? target.import : undefined;
      const source = /^\.\/dist\/(.+)\.js$/.exec(built ?? '')?.[1];
      if (!source) continue;
      const file = [`${source}.ts`, `${source}/index.ts`]
        .map((name) => join(dir, 'src', name))
        .find((path) => existsSync(path));
      if (file) aliases.push([`${manifest.name}${key.slice(1)}`, file]);
    }
  }
  return Object.fromEntries(aliases.sort(([a], [b]) => b.length - a.length));
}
