/** `pnpm generate`: writes every file generated from the registry. */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { GENERATED } from './files.js';

for (const { file, render } of GENERATED) {
  writeFileSync(file, await render());
  process.stdout.write(`wrote ${relative(process.cwd(), file)}\n`);
}
