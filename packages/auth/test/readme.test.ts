import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { runReadmeExample } from '@cloutapi/vitest-config/readme';
import { expect, it, vi } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

it('the README example runs as written', async () => {
  const out = await runReadmeExample(packageDir);
  expect(out).toContain('API version: 1.0.4480.0');
  expect(out).toContain('one token for all callers: true');
  expect(out).toContain('token requests: { passwordGrants: 1, refreshGrants: 0 }');
  expect(out).toContain('refused: bad_credentials');
});

// On the source, as the simulator's README test does: it checks this tree's code whether or not
// dist/ has been rebuilt (the package's own name would load dist/).
it("the README's session example runs as written", async () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const example = /<!-- session-example:start -->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const file = join(packageDir, 'test', `.session-example-${process.pid}.ts`);
  writeFileSync(file, (example ?? '').replace("from '@cloutapi/auth'", "from '../src/index.js'"));
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args) => {
    printed.push(format(...args));
  });
  try {
    await import(/* @vite-ignore */ pathToFileURL(file).href);
  } finally {
    log.mockRestore();
    rmSync(file, { force: true });
  }
  expect(printed).toEqual(['API version: 1.0.4480.0', 'sign in again: refresh_token_invalid']);
});
