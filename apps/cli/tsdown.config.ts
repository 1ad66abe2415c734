import { fileURLToPath } from 'node:url';
import { defineAppBundle, defineLibrary, workspaceSources } from '@cloutapi/tsdown-config';

const workspace = ['auth', 'config', 'core', 'resources', 'simulator'].map((name) =>
  fileURLToPath(new URL(`../../packages/${name}`, import.meta.url)),
);

/**
 * Three builds: the library (dist/index.js, with types); the launcher `cloutapi`
 * (bin/cloutapi.cjs loads dist/bin/cloutapi.cjs, which turns on Node's compile cache); and the
 * command line (cli.cjs) with its dependencies, split where the code says `import()`: a command
 * loads what it runs, not every command's modules (see BENCHMARKS.md).
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineAppBundle({ cloutapi: 'src/bin.ts' }),
  // The keychain library is native: it stays in node_modules, loaded when a profile needs it.
  defineAppBundle(
    { cli: 'src/main.ts' },
    { split: true, alias: workspaceSources(workspace), onFirstUse: ['@napi-rs/keyring'] },
  ),
];
