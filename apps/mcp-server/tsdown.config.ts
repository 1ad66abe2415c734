import { defineAppBundle, defineLibrary } from '@cloutapi/tsdown-config';

/**
 * Three builds: the library (dist/index.js, with types); the server, one CommonJS bundle with
 * every dependency (dist/bin/server.cjs) that runs from an MCP Bundle without node_modules; and
 * the bin, a small launcher that turns on Node's compile cache and loads it.
 */
/**
 * The team server's libraries (OAuth server, databases, rate limits) stay out of the server
 * bundle: they load from node_modules, only with --auth oauth or --store. The MCP Bundle (a
 * desktop extension, one person) runs without them.
 */
const TEAM_LIBRARIES = [
  'oidc-provider',
  'kysely',
  '@electric-sql/pglite',
  'pg',
  'rate-limiter-flexible',
];

/** Native, so never bundled: loaded from node_modules when a profile keeps its password there. */
const KEYCHAIN = ['@napi-rs/keyring'];

export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineAppBundle({ 'cloutapi-mcp': 'src/bin.ts' }),
  defineAppBundle({ server: 'src/start.ts' }, { onFirstUse: [...TEAM_LIBRARIES, ...KEYCHAIN] }),
];
