/**
 * What the simulator generates: src/routes/index.generated.ts, the list of the API areas' route
 * files. A file of src/routes/ is an API area when it exports `registerRoutes(app, sim)`; the
 * admin routes (served only with `admin`) keep their own name and stay out, as do the OAuth
 * routes (src/oauth.ts). Read from the files alone: `pnpm generate` writes it before any build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../src/routes/', import.meta.url));
export const ROUTES_FILE = `${DIR}index.generated.ts`;

/** The names of the route files that register an API area's routes, sorted. */
function areaRouteFiles(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.generated.ts'))
    .filter((f) => /^export function registerRoutes\(/m.test(readFileSync(`${DIR}${f}`, 'utf8')))
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

/** The source of src/routes/index.generated.ts. */
export function renderRoutes(): string {
  const names = areaRouteFiles();
  // `node-types` -> nodeTypesRoutes: an identifier whatever the file is called
  const id = (name: string) =>
    `${name.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())}Routes`;
  return [
    '// Generated from the files in src/routes/ by scripts/generated.ts. Do not edit: run `pnpm generate`.',
    ...names.map((name) => `import { registerRoutes as ${id(name)} } from './${name}.js';`),
    '',
    '/** Registers the routes of every API area (src/routes/<area>.ts), by file name. */',
    'export const AREA_ROUTES = [',
    ...names.map((name) => `  ${id(name)},`),
    '] as const;',
    '',
  ].join('\n');
}

/** Every file the simulator generates, with what it should hold. */
export const GENERATED = [{ file: ROUTES_FILE, render: renderRoutes }];
