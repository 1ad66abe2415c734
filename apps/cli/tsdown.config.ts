import { defineLibrary } from '@cloutapi/tsdown-config';

/**
 * Two builds: the library (dist/index.js, with types), and the bin, bundled with its dependencies
 * and minified into dist/bin/ so that a command starts fast: one module graph of a few files
 * instead of hundreds (undici, zod, yaml, commander...), measured in BENCHMARKS.md. Dynamic
 * imports (tables, CSV, the progress bar) stay separate chunks, loaded only when used; the
 * simulator stays external, loaded only by `demo` and `--demo`.
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineLibrary({
    entry: { cloutapi: 'src/bin.ts' },
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/^(?!@cloutapi\/simulator$)/],
  }),
];
