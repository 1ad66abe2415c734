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
  return defineLibrary({
    entry,
    format: 'cjs',
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/./],
    outputOptions: { inlineDynamicImports: true, keepNames: true },
    ...overrides,
  });
}
