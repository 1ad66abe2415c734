/**
 * What resources generates: the lists of API areas (scripts/areas.ts, from the files alone), and
 * from the registry the typed facade interface (with each operation's description as TSDoc) and
 * the operations table of the README. `pnpm generate` (at the root) writes them; the staleness
 * test in tooling/generate fails when one is out of date.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Generated, replaceSection } from '@cloutapi/generate';
import { isArea } from '../src/define-area.js';
import { areas } from '../src/operations/index.js';
import { isCollection } from '../src/presentation/kind.js';
import { AREA_LISTS } from './areas.js';

const API_FILE = fileURLToPath(new URL('../src/api.generated.ts', import.meta.url));
const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url));

/** Every operation with where it is declared and its facade path, in catalog order. */
function entries() {
  const list = Object.entries(areas).flatMap(([area, module]) =>
    Object.entries(module).flatMap(([exportName, op]) => {
      if (isArea(op)) return [];
      const [namespace, method] = op.name.split('.') as [string, string];
      return [{ area, exportName, namespace, method, op }];
    }),
  );
  return list.sort((a, b) => Number(a.op.id.slice(1)) - Number(b.op.id.slice(1)));
}
type Entry = ReturnType<typeof entries>[number];

/** The source of `src/api.generated.ts`. */
function renderApi(): string {
  const byNamespace = new Map<string, Entry[]>();
  for (const e of entries())
    byNamespace.set(e.namespace, [...(byNamespace.get(e.namespace) ?? []), e]);
  const lines = [
    '// Generated from the operation registry by scripts/generated.ts. Do not edit: run `pnpm generate`.',
    "import type { MethodFor } from './facade.js';",
    "import type { areas } from './operations/index.js';",
    '',
    'type Areas = typeof areas;',
    '',
    '/**',
    ' * Where each operation is declared: namespace, method, the area module (operations/<area>.ts)',
    ' * and whether it answers with a collection. Lets the facade and the CLI load one area at a time.',
    ' */',
    'export const OPERATION_INDEX = {',
    ...[...byNamespace].flatMap(([namespace, list]) => [
      `  ${namespace}: {`,
      ...list.map(
        (e) => `    ${e.method}: { area: '${e.area}', collection: ${isCollection(e.op)} },`,
      ),
      '  },',
    ]),
    '} as const;',
    '',
    '/** Every Cloutility API operation, one namespace per area, one method per operation. */',
    'export interface CloutilityApi {',
  ];
  for (const [namespace, list] of byNamespace) {
    lines.push(`  /** ${list.map((e) => e.op.id).join(', ')} */`, `  readonly ${namespace}: {`);
    for (const e of list) {
      lines.push(
        '    /**',
        `     * ${e.op.summary}.`,
        '     *',
        ...wrap(e.op.description, 92).map((l) => `     * ${l}`),
        '     *',
        `     * \`${e.op.id}\` \`${e.op.method} ${e.op.path}\` (${e.op.safety})`,
        '     */',
        `    readonly ${e.method}: MethodFor<Areas['${e.area}']['${e.exportName}']>;`,
      );
    }
    lines.push('  };');
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** The README with its operations table replaced. */
function renderReadme(): string {
  const rows = entries().map(
    (e) =>
      `| ${e.op.id} | \`${e.op.method}\` | \`${e.op.path}\` | \`clout.${e.namespace}.${e.method}()\` | ${e.op.safety} | ${e.op.summary} |`,
  );
  const table = [
    '| id | method | path | facade method | safety | what it does |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ];
  return replaceSection(readFileSync(README_FILE, 'utf8'), 'operations', table.join('\n'));
}

/** Every file resources generates, with what it should hold. */
export const GENERATED: Generated[] = [
  ...AREA_LISTS,
  { file: API_FILE, render: renderApi },
  { file: README_FILE, render: renderReadme },
];

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.replace(/\*\//g, '*\\/').split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
