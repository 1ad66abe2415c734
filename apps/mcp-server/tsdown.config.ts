import { defineAppBundle, defineLibrary } from '@cloutapi/tsdown-config';

/**
 * Three builds: the library (dist/index.js, with types); the server, one CommonJS bundle with
 * every dependency (dist/bin/server.cjs) that runs from an MCP Bundle without node_modules; and
 * the bin, a small launcher that turns on Node's compile cache and loads it.
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineAppBundle({ 'cloutapi-mcp': 'src/bin.ts' }),
  defineAppBundle({ server: 'src/start.ts' }),
];
