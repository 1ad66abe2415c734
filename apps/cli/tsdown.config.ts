import { defineAppBundle, defineLibrary } from '@cloutapi/tsdown-config';

/**
 * Three builds: the library (dist/index.js, with types); the launcher `cloutapi`
 * (bin/cloutapi.cjs loads dist/bin/cloutapi.cjs, which turns on Node's compile cache); and the
 * command line (cli.cjs), one file with its dependencies (see BENCHMARKS.md).
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineAppBundle({ cloutapi: 'src/bin.ts' }),
  defineAppBundle({ cli: 'src/main.ts' }),
];
