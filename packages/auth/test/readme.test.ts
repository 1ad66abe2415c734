import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@cloutapi/vitest-config/readme';
import { expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

it('the README example runs as written', async () => {
  const out = await runReadmeExample(packageDir);
  expect(out).toContain('API version: 1.0.4480.0');
  expect(out).toContain('one token for all callers: true');
  expect(out).toContain('token requests: { passwordGrants: 1, refreshGrants: 0 }');
  expect(out).toContain('refused: bad_credentials');
});
