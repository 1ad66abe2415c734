/**
 * Writes src/tools/catalog.generated.json: every tool as tools/list shows it, plus its toolset
 * and whether it writes. The server lists tools from this file at start instead of building
 * their schemas; a test fails when it is stale (run `pnpm generate`).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogOf } from '../src/tools/catalog.js';
import { allTools } from '../src/tools/index.js';

export const CATALOG_FILE = fileURLToPath(
  new URL('../src/tools/catalog.generated.json', import.meta.url),
);

/** The catalog file's text. */
export function renderCatalog(): string {
  return `${JSON.stringify(catalogOf(allTools()), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CATALOG_FILE, renderCatalog());
  process.stdout.write(`wrote ${CATALOG_FILE}\n`);
}
