import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@cloutapi/vitest-config/readme';
import { expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

it('the README example runs as written', async () => {
  const out = await runReadmeExample(packageDir);
  expect(out).toMatch(/Acme Corporation has \d+ consumption units/);
  expect(out).toMatch(/enrolled web-07 as [A-Z0-9_.\-+&]+ \(9 steps\)/);
  expect(out).toContain('second run: already-enrolled');
  expect(out).toContain('rejected before sending: name');
  expect(out).toMatch(/backup health: \d+ machines, 1 failed/);
  expect(out).toMatch(
    /failed: Acme Finance \/ fin-db01, last good backup \d+ (hours|days) ago \(Failed backup/,
  );
});
