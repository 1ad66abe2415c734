#!/usr/bin/env node
/**
 * The `cloutapi` executable: a launcher that loads the bundled command line (dist/bin/cli.cjs)
 * through V8's code cache, so a command after the first skips compiling what it runs.
 */
import { fileURLToPath } from 'node:url';
import { cacheDir, loadBundle } from '@cloutapi/config/launch';
import type * as Cli from './main.js';
import { VERSION } from './version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Scripts ask for the version to check an install; that needs nothing else.
  process.stdout.write(`${VERSION}\n`);
} else {
  const bundle = loadBundle<typeof Cli>(fileURLToPath(new URL('./cli.cjs', import.meta.url)), {
    name: 'cloutapi',
    version: VERSION,
    dir: cacheDir(),
  });
  if (argv.includes('--debug')) {
    const where = bundle.cacheFile ? ` (${bundle.cacheFile})` : '';
    process.stderr.write(`cloutapi: compiled-code cache: ${bundle.cache}${where}\n`);
  }
  process.exitCode = await bundle.exports.main(argv);
  bundle.saveCache();
}
