/**
 * The `cloutapi` executable: turns on Node's own compile cache in the user's cache folder (Node
 * 22.1+; Node 20 runs without it), then loads the command line, one bundled file (cli.cjs), so a
 * command after the first skips compiling it.
 */
import module from 'node:module';
import { join } from 'node:path';
import { cacheDir, privateDirProblem } from '@cloutapi/config/cache-dir';
import type * as Cli from './main.js';

/** What Node 22.1+ has and Node 20 lacks (the types are Node 20's). */
const node = module as {
  enableCompileCache?: (dir: string) => { status: number; message?: string; directory?: string };
  constants?: { compileCacheStatus?: Record<string, number> };
};

const dir = join(cacheDir(), 'compile');
// Compiled code found in the cache runs as the program: only from a folder that is the user's own.
const refused = node.enableCompileCache ? privateDirProblem(dir) : undefined;
const cache = refused ? undefined : node.enableCompileCache?.(dir);
if (process.argv.includes('--debug')) {
  const status = refused
    ? `refused (${refused})`
    : cache
      ? (Object.entries(node.constants?.compileCacheStatus ?? {})
          .find(([, value]) => value === cache.status)?.[0]
          .toLowerCase() ?? String(cache.status))
      : 'not available on this Node';
  const where = cache?.directory ? ` (${cache.directory})` : '';
  const why = cache?.message ? `: ${cache.message}` : '';
  process.stderr.write(`cloutapi: compile cache: ${status}${where}${why}\n`);
}
const cli: typeof Cli = module.createRequire(__filename)('./cli.cjs');
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // The command is over and has said so. The SDK lets go of what it opened (a stalled request is
  // aborted at its deadline), so Node exits now; should anything else still hold the event loop,
  // it must not keep a finished command alive past this moment's grace.
  setTimeout(() => process.exit(code), 1_000).unref();
});
