/**
 * Writes src/fast/catalog.generated.json: the reads the quick path may run, with their flags and
 * requests, derived from the registry. A test fails when it is stale (run `pnpm generate`).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { quickCatalogOf } from '../src/fast/catalog.js';

export const QUICK_CATALOG_FILE = fileURLToPath(
  new URL('../src/fast/catalog.generated.json', import.meta.url),
);

/** The catalog file's text. */
export function renderQuickCatalog(): string {
  return `${JSON.stringify(quickCatalogOf(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(QUICK_CATALOG_FILE, renderQuickCatalog());
  process.stdout.write(`wrote ${QUICK_CATALOG_FILE}\n`);
}
