import { defineLibrary } from '@cloutapi/tsdown-config';

/**
 * Two builds: the library (dist/index.js, with types) and the bin, bundled with its dependencies
 * and minified into dist/bin/ so it starts fast (one file instead of hundreds of modules; see
 * BENCHMARKS.md). The simulator stays external: it is loaded only by --demo.
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineLibrary({
    entry: { 'cloutapi-mcp': 'src/bin.ts' },
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/^(?!@cloutapi\/simulator$)/],
  }),
];
