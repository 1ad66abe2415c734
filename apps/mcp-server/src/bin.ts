#!/usr/bin/env node
/**
 * The `cloutapi-mcp` executable: a launcher that loads the bundled server (dist/bin/server.cjs)
 * through V8's code cache, so a start after the first skips compiling what start-up runs.
 * CommonJS, as Node starts a CommonJS entry sooner than an ES module.
 */
import { join } from 'node:path';
import { cacheDir, loadBundle } from '@cloutapi/config/launch';
import type * as Server from './start.js';
import { VERSION } from './version.js';

const bundle = loadBundle<typeof Server>(join(__dirname, 'server.cjs'), {
  name: 'cloutapi-mcp',
  version: VERSION,
  dir: cacheDir(),
});
bundle.exports
  .start(process.argv.slice(2), process.env, {
    compileCache: bundle.cacheFile ? `${bundle.cache} (${bundle.cacheFile})` : bundle.cache,
    // Soon after the first answer: what start-up compiled is then in the cache.
    onStarted: () => setTimeout(() => bundle.saveCache(), 100).unref(),
  })
  .then((code) => {
    process.exitCode = code;
  });
