import { defineAppBundle, defineLibrary } from '@cloutapi/tsdown-config';

/**
 * Three builds: the library (dist/index.js, with types); the server, one CommonJS bundle with
 * every dependency (dist/bin/server.cjs) that V8 can cache compiled and that runs from an MCP
 * Bundle without node_modules; and the bin, a small launcher that loads it through that cache
 * (see BENCHMARKS.md).
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineAppBundle({ 'cloutapi-mcp': 'src/bin.ts' }),
  defineAppBundle({ server: 'src/start.ts' }),
];
