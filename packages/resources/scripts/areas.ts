/**
 * The lists of API areas, written from the files in src/operations/: each `<area>.ts` there
 * (other than index.ts, lazy.ts and the generated files) is an area, declared once in it with
 * `defineArea`. `pnpm generate` writes these first, from the source files alone, before anything
 * is built or reads the registry: an area file added or removed is listed in the same run.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Area, isArea } from '../src/define-area.js';

const DIR = fileURLToPath(new URL('../src/operations/', import.meta.url));
const NOT_AREAS = new Set(['index.ts', 'lazy.ts']);
/** Area names become identifiers of the generated code and command groups of the CLI. */
const NAME = /^[a-z][A-Za-z0-9]*$/;
/** A toolset is a word of `--toolsets` (where `all` means every one). */
const TOOLSET = /^[a-z][a-z0-9-]*$/;

const HEADER =
  '// Generated from the files in src/operations/ by scripts/areas.ts. Do not edit: run `pnpm generate`.';

/** The area files' names (`consumers` for operations/consumers.ts), sorted. */
function areaNames(dir = DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.generated.ts') && !NOT_AREAS.has(f))
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

/** An area's declaration, read from its file (run from source, by tsx or vitest). */
async function declarationOf(dir: string, name: string): Promise<Area> {
  const file = `src/operations/${name}.ts`;
  const module: Record<string, unknown> = await import(pathToFileURL(`${dir}${name}.ts`).href);
  const area = Object.values(module).find(isArea);
  if (!area)
    throw new Error(
      `${file} declares no area: add export const area = defineArea({ name: '${name}', toolset: '...' })`,
    );
  if (area.name !== name || !NAME.test(name))
    throw new Error(
      `${file} declares area '${area.name}': an area is named as its file, a camelCase word`,
    );
  if (!TOOLSET.test(area.toolset) || area.toolset === 'all')
    throw new Error(
      `${file}: toolset '${area.toolset}' is not a lowercase word (other than all) for --toolsets`,
    );
  return area;
}

/**
 * The source of operations/areas.generated.ts: each area's toolset and lazy loader.
 *
 * @throws Error naming the file when an area file declares no area, or a wrong one.
 */
export async function renderAreas(dir = DIR): Promise<string> {
  const areas = await Promise.all(areaNames(dir).map((name) => declarationOf(dir, name)));
  const rows = areas.map(
    (a) => `  ${a.name}: { toolset: '${a.toolset}', load: () => import('./${a.name}.js') },`,
  );
  return [
    HEADER,
    '',
    '/**',
    ' * Every API area (operations/<area>.ts): the MCP toolset its tools are in, and a loader that',
    ' * imports the area alone (one import() per area: bundlers keep each area apart, loaded when',
    ' * first needed). Importing this module loads no area.',
    ' */',
    'export const AREAS = {',
    ...rows,
    '} as const;',
    '',
  ].join('\n');
}

/** The source of operations/modules.generated.ts: every area module, imported statically. */
export function renderModules(): string {
  return [
    HEADER,
    '// Every area module (operations/<area>.ts), for the typed `areas` of operations/index.ts.',
    ...areaNames().map((name) => `export * as ${name} from './${name}.js';`),
    '',
  ].join('\n');
}

/** The lists of areas, with what they should hold. */
export const AREA_LISTS = [
  { file: `${DIR}areas.generated.ts`, render: () => renderAreas() },
  { file: `${DIR}modules.generated.ts`, render: renderModules },
];
