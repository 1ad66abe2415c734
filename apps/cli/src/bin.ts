#!/usr/bin/env node
/**
 * The `cloutapi` executable. It imports only `node:v8` eagerly; the command line, the API registry
 * and the HTTP client load once it is clear what to run, and only the generated commands of the
 * group being run are built.
 */
import { setFlagsFromString } from 'node:v8';

// undici parses HTTP with WebAssembly; V8's optimising compiler then compiles that module in the
// background, and Node waits for it before exiting (~80 ms here, more than the request). A CLI
// run parses a few responses: the baseline compiler is plenty. (Node 22's compile cache and
// process flags are not available from a shebang on Node 20.)
setFlagsFromString('--liftoff-only');

const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
