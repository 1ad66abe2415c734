import { defineLibrary, lazyBuiltins } from '@cloutapi/tsdown-config';

/**
 * Three builds: the library (dist/index.js, with types); the server, bundled with every
 * dependency into one minified CommonJS file (dist/bin/server.cjs) that V8 can cache compiled and
 * that runs from an MCP Bundle without node_modules; and the bin, a small launcher that loads it
 * through that cache (see BENCHMARKS.md).
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
  defineLibrary({
    entry: { server: 'src/start.ts' },
    format: 'cjs',
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/./],
    // One file, one cache: lazily imported parts (the registry, HTTP, the simulator) are in it
    // too, and still only run when first used.
    outputOptions: { inlineDynamicImports: true },
    plugins: [lazyBuiltins()],
  }),
];
