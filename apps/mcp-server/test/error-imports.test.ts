import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as errors from '@cloutapi/resources/errors';
import { expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const ERROR_HOME = '@cloutapi/resources/errors';
const ERROR_TYPES = ['ValidationIssue', 'CloutilityErrorDetails', 'AuthenticationFailureReason'];

/** `[file, name, from]` for each error class or type imported from elsewhere than its home. */
function strayErrorImports(): string[][] {
  const errorNames = new Set([...Object.keys(errors), ...ERROR_TYPES]);
  const stray: string[][] = [];
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(`${src}${file}`, 'utf8');
    for (const m of text.matchAll(
      /(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g,
    )) {
      const from = m[2] as string;
      if (!from.startsWith('@cloutapi/') || from === ERROR_HOME) continue;
      for (const spec of (m[1] as string).split(',')) {
        const name =
          spec
            .replace(/^\s*type\s+/, '')
            .split(/\s+as\s+/)[0]
            ?.trim() ?? '';
        if (errorNames.has(name)) stray.push([file, name, from]);
      }
    }
  }
  return stray;
}

it(`the MCP server imports error classes only from ${ERROR_HOME}`, () => {
  expect(Object.keys(errors)).toContain('NotFoundError');
  expect(strayErrorImports()).toEqual([]);
});
