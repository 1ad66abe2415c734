/**
 * What the CLI generates from the registry: the README's table of API commands, one row per
 * operation with its required flags. `pnpm generate` (at the root) writes it; the staleness test
 * in tooling/generate fails when it is out of date.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Generated, replaceSection } from '@cloutapi/generate';
import { operations } from '@cloutapi/resources';
import { commandPathOf } from '../src/commands/api-groups.js';
import { deriveFlags } from '../src/flags/derive.js';
import { GLOBAL_FLAGS } from '../src/globals.js';

export const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url));

/** The README's API command table. */
export function renderCommandTable(): string {
  const rows = operations.map((op) => {
    const required = deriveFlags(op.input as Record<string, never>, GLOBAL_FLAGS)
      .filter((flag) => flag.required)
      .map((flag) => ` --${flag.name} <${flag.kind === 'string' ? 'text' : flag.kind}>`)
      .join('');
    return `| \`cloutapi ${commandPathOf(op).join(' ')}${required}\` | ${op.id} | ${op.safety} | ${op.summary} |`;
  });
  return ['| command | id | safety | what it does |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

/** Every file the CLI generates, with what it should hold. */
export const GENERATED: Generated[] = [
  {
    file: README_FILE,
    render: () =>
      replaceSection(readFileSync(README_FILE, 'utf8'), 'commands', renderCommandTable()),
  },
];
