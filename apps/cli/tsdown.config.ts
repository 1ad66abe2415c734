import { defineLibrary, lazyBuiltins } from '@cloutapi/tsdown-config';

/**
 * The CLI sends through nodeHttp(), never undici: core's import of undici (for its default
 * stack) resolves to this stub, which keeps undici's 400 kB out of the bundles.
 */
const noUndici = {
  name: 'cloutapi:no-undici',
  resolveId: (source: string) => (source === 'undici' ? '\0no-undici' : null),
  load: (id: string) =>
    id === '\0no-undici'
      ? "const no = () => { throw new Error('cloutapi sends through nodeHttp(), not undici'); };\nexport const fetch = no;\nexport class Agent { constructor() { no(); } }"
      : null,
};

/** A CommonJS app bundle of one file: V8 can cache it compiled (see @cloutapi/config/launch). */
const appBundle = (entry: Record<string, string>) =>
  defineLibrary({
    entry,
    format: 'cjs',
    outDir: 'dist/bin',
    dts: false,
    sourcemap: false,
    minify: true,
    noExternal: [/./],
    // One file, one cache: what loads lazily (tables, CSV, the progress bar, the demo's
    // simulator) is in it too, and still only runs when first used.
    outputOptions: { inlineDynamicImports: true },
    plugins: [lazyBuiltins(), noUndici],
  });

/**
 * Four builds: the library (dist/index.js, with types); the launcher `cloutapi` (bin/cloutapi.cjs
 * loads dist/bin/cloutapi.cjs); the quick path of plain reads (quick.cjs); and the full command
 * line (cli.cjs), each bundled with its dependencies (see BENCHMARKS.md).
 */
export default [
  defineLibrary({ entry: ['src/index.ts'], clean: ['dist/*.js', 'dist/*.d.ts', 'dist/*.map'] }),
  appBundle({ cloutapi: 'src/bin.ts' }),
  appBundle({ quick: 'src/fast/quick.ts' }),
  appBundle({ cli: 'src/main.ts' }),
];
