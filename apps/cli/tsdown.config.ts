import { defineLibrary, lazyBuiltins } from '@cloutapi/tsdown-config';

/**
 * Three builds: the library (dist/index.js, with types); the command line, bundled with every
 * dependency into one minified CommonJS file (dist/bin/cli.cjs) that V8 can cache compiled; and
 * the bin, a small launcher that loads it through that cache (see BENCHMARKS.md).
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineLibrary({
    entry: { cloutapi: 'src/bin.ts' },
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/./],
  }),
  defineLibrary({
    entry: { cli: 'src/main.ts' },
    format: 'cjs',
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/./],
    // One file, one cache: what loads lazily (tables, CSV, the progress bar, the demo's
    // simulator) is in it too, and still only runs when first used.
    outputOptions: { inlineDynamicImports: true },
    plugins: [lazyBuiltins()],
  }),
];
