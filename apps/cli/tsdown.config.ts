import { defineAppBundle, defineLibrary } from '@cloutapi/tsdown-config';

/**
 * The CLI sends through nodeHttp(), never undici: core's import of undici (for its default
 * stack) resolves to this stub, which keeps undici's 400 kB out of the bundle.
 */
const noUndici = {
  name: 'cloutapi:no-undici',
  resolveId: (source: string) => (source === 'undici' ? '\0no-undici' : null),
  load: (id: string) =>
    id === '\0no-undici'
      ? "const no = () => { throw new Error('cloutapi sends through nodeHttp(), not undici'); };\nexport const fetch = no;\nexport class Agent { constructor() { no(); } }"
      : null,
};

/**
 * Three builds: the library (dist/index.js, with types); the launcher `cloutapi`
 * (bin/cloutapi.cjs loads dist/bin/cloutapi.cjs, which turns on Node's compile cache); and the
 * command line (cli.cjs), one file with its dependencies (see BENCHMARKS.md).
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  defineAppBundle({ cloutapi: 'src/bin.ts' }),
  defineAppBundle({ cli: 'src/main.ts' }, { plugins: [noUndici] }),
];
