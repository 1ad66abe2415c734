import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED } from '../src/files.js';

const root = new URL('../../../', import.meta.url).pathname;

describe('files generated from the registry are up to date (else run `pnpm generate`)', () => {
  it.each(GENERATED.map((g) => [relative(root, g.file), g] as const))('%s', async (_, g) => {
    expect(readFileSync(g.file, 'utf8')).toBe(await g.render());
  });
});
