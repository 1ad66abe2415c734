import { defineLibrary } from '@cloutapi/tsdown-config';

/**
 * Two builds: the library (dist/index.js, with types) and the bin, bundled with every dependency
 * and minified into dist/bin/, so it starts fast (one module graph instead of hundreds; see
 * BENCHMARKS.md) and runs from an MCP Bundle without node_modules. The simulator becomes a chunk
 * of its own, loaded only by --demo.
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineLibrary({
    entry: { 'cloutapi-mcp': 'src/bin.ts' },
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/./],
  }),
];
