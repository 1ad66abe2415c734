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

const LAZY_PREFIX = '\0lazy-builtin:';

/**
 * A rolldown plugin for CommonJS app bundles: an ES import of a Node built-in becomes a CommonJS
 * module of its own, so the built-in loads when the importing module first runs, not when the
 * bundle starts. Rolldown hoists every built-in import to the top of a CommonJS bundle, so a
 * start-up that never serves HTTP would otherwise still load http, http2, https, zlib and crypto
 * (about 7 ms here).
 *
 * @returns {import('tsdown').UserConfig['plugins']}
 */
export function lazyBuiltins() {
  return {
    name: 'cloutapi:lazy-builtins',
    resolveId(source, _importer, extra) {
      if (extra.kind !== 'import-statement' || !isBuiltin(source)) return null;
      return `${LAZY_PREFIX}${source}`;
    },
    load(id) {
      if (!id.startsWith(LAZY_PREFIX)) return null;
      const name = id.slice(LAZY_PREFIX.length);
      return { code: `module.exports = require(${JSON.stringify(name)});`, moduleType: 'js' };
    },
  };
}
