/**
 * `pnpm generate`: writes every generated file. With `areas`, only the lists of API areas, from
 * the source files alone: the first step, before turbo builds what the other files are read from.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Generated } from '@cloutapi/generate';

const files: readonly Generated[] =
  process.argv[2] === 'areas'
    ? (await import('./area-lists.js')).AREA_LISTS
    : (await import('./files.js')).GENERATED;
for (const { file, render } of files) {
  writeFileSync(file, await render());
  process.stdout.write(`wrote ${relative(process.cwd(), file)}\n`);
}
