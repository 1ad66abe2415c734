#!/usr/bin/env node
/**
 * The `cloutapi` executable. It imports only `node:v8` eagerly; the command line, the API registry
 * and the HTTP client load once it is clear what to run, and only the generated commands of the
 * group being run are built.
 */
import { setFlagsFromString } from 'node:v8';
import { VERSION } from './version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Scripts ask for the version to check an install; that needs nothing else.
  process.stdout.write(`${VERSION}\n`);
} else {
  // undici parses HTTP with WebAssembly; V8's optimising compiler then compiles that module in
  // the background and Node waits for it before exiting (~80 ms here, more than the request). A
  // CLI run parses a few responses: the baseline compiler is plenty.
  setFlagsFromString('--liftoff-only');
  const { main } = await import('./main.js');
  process.exitCode = await main(argv);
}
