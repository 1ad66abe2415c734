import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { HAND_EDITED } from '../src/sample.js';

/** Runs the drill; resolves its report (the last line of its stdout) and its exit code. */
function drill(): Promise<{ code: number | null; report: Record<string, unknown> }> {
  const script = fileURLToPath(new URL('../src/drill.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '{}';
      resolve({ code, report: JSON.parse(last) as Record<string, unknown> });
    });
  });
}

it('a new read endpoint is one declaration with its example and one route: pnpm generate does the rest and the suite passes', async () => {
  const { code, report } = await drill();
  expect(report.error ?? '', String(report.log)).toBe('');
  expect(code).toBe(0);
  expect(report.suite).toBe('passed');
  expect(report.handEdited).toEqual([...HAND_EDITED].sort());
  // the scenario tests that run every operation's and every tool's example ran with it
  expect(report.tests).toEqual(
    expect.arrayContaining([
      'packages/resources/',
      'apps/mcp-server/test/tools.test.ts',
      'apps/cli/test/generated.test.ts',
    ]),
  );
  // everything else that changed was written by `pnpm generate`
  expect(report.generated).toEqual([
    'apps/cli/README.md',
    'apps/mcp-server/README.md',
    'apps/mcp-server/src/tools/catalog.generated.json',
    'packages/resources/README.md',
    'packages/resources/src/api.generated.ts',
  ]);
});
