import { isBuiltin } from 'node:module';
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

/**
 * A rolldown plugin for CommonJS app bundles: each import of a Node built-in, static or
 * `import()`, becomes a small CommonJS module of the bundle (`module.exports = require(name)`),
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
    resolveId(source, _importer, extra) {
      if (source.startsWith(BUILTIN) || source.startsWith(BUILTIN_DYNAMIC)) return source;
      if (!isBuiltin(source)) return null;
      if (extra.kind === 'import-statement') return `${BUILTIN}${source}`;
      if (extra.kind === 'dynamic-import') return `${BUILTIN_DYNAMIC}${source}`;
      return null;
    },
    load(id) {
      if (id.startsWith(BUILTIN)) {
        const name = JSON.stringify(id.slice(BUILTIN.length));
        return { code: `module.exports = require(${name});`, moduleType: 'js' };
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

/**
 * An app's bundle: one minified CommonJS file in dist/bin/ with every dependency inside (an MCP
 * Bundle runs it without node_modules), what loads lazily included (it still runs only when first
 * reached). Class and function names are kept, so an error reads `NotFoundError` in `--debug` and
 * stacks. The bins enable Node's own compile cache before they load it.
 *
 * @param {Record<string, string>} entry e.g. `{ server: 'src/start.ts' }`
 * @param {import('tsdown').UserConfig} [overrides]
 */
export function defineAppBundle(entry, overrides = {}) {
  const { plugins = [], ...rest } = overrides;
  return defineLibrary({
    entry,
    format: 'cjs',
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/./],
    outputOptions: { inlineDynamicImports: true, keepNames: true },
    ...rest,
    plugins: [builtinsOnFirstUse(), ...[plugins].flat()],
  });
}
