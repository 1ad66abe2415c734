#!/usr/bin/env node
/**
 * The `cloutapi` executable: a small launcher. A plain read goes to the quick path (quick.cjs:
 * no registry, zod or commander); every other command to the full command line (cli.cjs). Both
 * bundles load through V8's code cache, so a command after the first skips compiling them.
 */
import { join } from 'node:path';
import { cacheDir, type LoadedBundle, loadBundle } from '@cloutapi/config/launch';
import type * as Quick from './fast/quick.js';
import type * as Cli from './main.js';
import { VERSION } from './version.js';

const argv = process.argv.slice(2);
const debug = argv.includes('--debug');
const load = <T>(file: string, name: string): LoadedBundle<T> => {
  const bundle = loadBundle<T>(join(__dirname, file), { name, version: VERSION, dir: cacheDir() });
  if (debug) {
    const where = bundle.cacheFile ? ` (${bundle.cacheFile})` : '';
    process.stderr.write(`cloutapi: compiled-code cache of ${file}: ${bundle.cache}${where}\n`);
  }
  return bundle;
};

async function run(): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    // Scripts ask for the version to check an install; that needs nothing else.
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!debug && !process.env.CLOUTAPI_NO_QUICK) {
    const quick = load<typeof Quick>('quick.cjs', 'cloutapi-quick');
    const code = await quick.exports.quickRead(argv);
    if (code !== undefined) {
      if (quick.cache !== 'used') await quick.exports.primeOutput();
      quick.saveCache();
      return code;
    }
  }
  const cli = load<typeof Cli>('cli.cjs', 'cloutapi');
  const code = await cli.exports.main(argv);
  cli.saveCache();
  return code;
}

run().then((code) => {
  process.exitCode = code;
});
