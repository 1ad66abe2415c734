import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const ERROR_HOME = 'packages/core/src/errors/';
// An independent server: its SimError builds HTTP responses, it is no error a client catches.
const NOT_SCANNED = new Set(['simulator']);
// A class may take type parameters (`class CloutilityError<Extra ...> extends Error`).
const ERROR_CLASS = /\bclass\s+(\w+)(?:<[^>]*>)?\s+extends\s+([\w.]*Error)\b/g;

/** `file: class Name extends Parent` for each error class defined in the scanned sources. */
function errorClassesIn(dir: string): string[] {
  const found: string[] = [];
  if (!existsSync(dir)) return found;
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(ts|js|mjs|cjs)$/.test(file)) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(ERROR_CLASS)) {
      found.push(`${relative(root, join(dir, file))}: class ${m[1]} extends ${m[2]}`);
    }
  }
  return found;
}

/** The `src` folder of every package and app, but the ones not scanned. */
function sourceDirs(): string[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group))
      .filter((name) => !NOT_SCANNED.has(name))
      .map((name) => join(root, group, name, 'src')),
  );
}

it('every error class is defined in packages/core/src/errors/, nowhere else in the packages and apps', () => {
  const dirs = sourceDirs();
  // The apps are scanned too: an app's own error class (the CLI had three) fails here.
  expect(dirs).toContain(join(root, 'apps', 'cli', 'src'));
  const found = dirs.flatMap(errorClassesIn);
  const home = found.filter((f) => f.startsWith(ERROR_HOME));
  // The scan sees the classes where they are (so it would see them anywhere else).
  expect(home.some((f) => f.includes('class CloutilityError extends Error'))).toBe(true);
  expect(home.some((f) => f.includes('extends CloutilityError'))).toBe(true);
  expect(found.filter((f) => !f.startsWith(ERROR_HOME))).toEqual([]);
});
