/**
 * What the MCP server generates from the registry: `src/tools/catalog.generated.json` (every tool
 * as tools/list shows it, plus its toolset and whether it writes: the server lists tools from it
 * at start instead of building their schemas) and the README's table of tools by toolset.
 * `pnpm generate` (at the root) writes both; the staleness test in tooling/generate fails when
 * either is out of date.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Generated, replaceSection } from '@cloutapi/generate';
import { catalogOf } from '../src/tools/catalog.js';
import { allTools } from '../src/tools/index.js';
import { DEFAULT_TOOLSETS } from '../src/tools/selection.js';
import { TOOLSETS } from '../src/tools/types.js';

export const CATALOG_FILE = fileURLToPath(
  new URL('../src/tools/catalog.generated.json', import.meta.url),
);
export const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url));

/** The catalog file's text. */
export function renderCatalog(): string {
  return `${JSON.stringify(catalogOf(allTools()), null, 2)}\n`;
}

/** The README's tool table: the default toolsets first. */
export function renderToolTable(): string {
  const tools = allTools();
  const isDefault = (set: string) => (DEFAULT_TOOLSETS as readonly string[]).includes(set);
  const sets = [...TOOLSETS].sort((a, b) => Number(isDefault(b)) - Number(isDefault(a)));
  const rows = sets.map((set) => {
    const names = tools.filter((t) => t.toolset === set).map((t) => `\`${t.name}\``);
    return `| ${set}${isDefault(set) ? ' (default)' : ''} | ${names.join(', ')} |`;
  });
  return ['| toolset | tools |', '| --- | --- |', ...rows].join('\n');
}

/** Every file the MCP server generates, with what it should hold. */
export const GENERATED: Generated[] = [
  { file: CATALOG_FILE, render: renderCatalog },
  {
    file: README_FILE,
    render: () => replaceSection(readFileSync(README_FILE, 'utf8'), 'tools', renderToolTable()),
  },
];
