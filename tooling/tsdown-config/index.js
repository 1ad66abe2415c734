import { createRequire, isBuiltin } from 'node:module';
import { defineConfig } from 'tsdown';

const require = createRequire(import.meta.url);

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

const LAZY_PREFIX = '\0lazy-builtin:';
const LAZY_ESM_PREFIX = '\0lazy-builtin-esm:';

/**
 * A rolldown plugin for CommonJS app bundles: an ES import of a Node built-in becomes a CommonJS
 * module of its own, so the built-in loads when the importing module first runs, not when the
 * bundle starts. Rolldown hoists every built-in import to the top of a CommonJS bundle, so a
 * start-up that never serves HTTP would otherwise still load http, http2, https, zlib and crypto
 * (about 7 ms here). A dynamic `import()` of a built-in becomes a module of the bundle that
 * re-exports it, loaded when first reached: a code-cached bundle must have no `import()`.
 *
 * @returns {import('tsdown').UserConfig['plugins']}
 */
export function lazyBuiltins() {
  return {
    name: 'cloutapi:lazy-builtins',
    resolveId(source, _importer, extra) {
      if (source.startsWith(LAZY_PREFIX) || source.startsWith(LAZY_ESM_PREFIX)) return source;
      if (!isBuiltin(source)) return null;
      if (extra.kind === 'import-statement') return `${LAZY_PREFIX}${source}`;
      if (extra.kind === 'dynamic-import') return `${LAZY_ESM_PREFIX}${source}`;
      return null;
    },
    load(id) {
      if (id.startsWith(LAZY_PREFIX)) {
        const name = id.slice(LAZY_PREFIX.length);
        return { code: `module.exports = require(${JSON.stringify(name)});`, moduleType: 'js' };
      }
      if (id.startsWith(LAZY_ESM_PREFIX)) {
        const name = id.slice(LAZY_ESM_PREFIX.length);
        // The names a module namespace of the built-in has, read from this Node.
        const names = Object.keys(require(name)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
        const code = [
          `import m from ${JSON.stringify(`${LAZY_PREFIX}${name}`)};`,
          'export default m;',
          ...names.filter((k) => k !== 'default').map((k) => `export const ${k} = m.${k};`),
        ].join('\n');
        return { code, moduleType: 'js' };
      }
      return null;
    },
  };
}

/**
 * An app's bundle for the code-cached launch of `@cloutapi/config/launch`: one minified CommonJS
 * file in dist/bin/ with every dependency inside, what loads lazily included (it still runs only
 * when first used), built-ins loaded when first used.
 *
 * @param {Record<string, string>} entry e.g. `{ server: 'src/start.ts' }`
 * @param {import('tsdown').UserConfig} [overrides] e.g. more plugins
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
    outputOptions: { inlineDynamicImports: true },
    plugins: [lazyBuiltins(), ...[plugins].flat()],
    ...rest,
  });
}
