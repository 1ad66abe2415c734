/**
 * The `cloutapi-mcp` executable: turns on Node's own compile cache in the user's cache folder
 * (Node 22.1+; Node 20 runs without it), then loads the server, one bundled file
 * (dist/bin/server.cjs). CommonJS, as Node starts a CommonJS entry sooner than an ES module.
 */
import module from 'node:module';
import { join } from 'node:path';
import { cacheDir, privateDirProblem } from '@cloutapi/config/cache-dir';
import type * as Server from './start.js';

/** What Node 22.1+ has and Node 20 lacks (its types are Node 20's). */
const node = module as {
  enableCompileCache?: (dir: string) => { status: number; message?: string; directory?: string };
  flushCompileCache?: () => void;
  constants?: { compileCacheStatus?: Record<string, number> };
};

function enableCompileCache(): string {
  if (!node.enableCompileCache) return 'not available on this Node';
  const dir = join(cacheDir(), 'compile');
  // Compiled code found in the cache runs as the program: only from a folder that is the user's own.
  const refused = privateDirProblem(dir);
  if (refused) return `refused (${refused})`;
  const result = node.enableCompileCache(dir);
  const status = Object.entries(node.constants?.compileCacheStatus ?? {}).find(
    ([, value]) => value === result.status,
  )?.[0];
  return `${status?.toLowerCase() ?? result.status}${result.directory ? ` (${result.directory})` : ''}${result.message ? `: ${result.message}` : ''}`;
}

const compileCache = enableCompileCache();
const server: typeof Server = module.createRequire(__filename)('./server.cjs');
server
  .start(process.argv.slice(2), process.env, {
    compileCache,
    // What start-up compiled is written once the first tools/list is answered (Node 22.10+),
    // not only when the server exits.
    onStarted: () => setTimeout(() => node.flushCompileCache?.(), 100).unref(),
  })
  .then((code) => {
    process.exitCode = code;
  });
