import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { NEW_AREA, NEW_ENDPOINT } from '../src/sample.js';

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

/** What `pnpm generate` writes for any new operation. */
const REGISTRY_FILES = [
  'apps/cli/README.md',
  'apps/mcp-server/README.md',
  'apps/mcp-server/src/tools/catalog.generated.json',
  'packages/resources/README.md',
  'packages/resources/src/api.generated.ts',
];

it('a new read endpoint, in an existing area or a new one, is two files written by hand: pnpm generate does the rest and the suite passes', async () => {
  const { code, report } = await drill();
  expect(report.error ?? '', String(report.log)).toBe('');
  expect(code).toBe(0);
  expect(report.suite).toBe('passed');
  // the scenario tests that run every operation's and every tool's example ran with them
  expect(report.tests).toEqual(
    expect.arrayContaining([
      'packages/resources/',
      'apps/mcp-server/test/tools.test.ts',
      'apps/cli/test/generated.test.ts',
    ]),
  );
  // everything else that changed was written by `pnpm generate`
  expect(report.samples).toEqual([
    {
      name: 'endpoint',
      handEdited: Object.keys(NEW_ENDPOINT.edits).sort(),
      generated: REGISTRY_FILES,
    },
    {
      name: 'area',
      handEdited: Object.keys(NEW_AREA.edits).sort(),
      generated: [
        ...REGISTRY_FILES,
        'packages/resources/src/operations/areas.generated.ts',
        'packages/resources/src/operations/modules.generated.ts',
        'packages/simulator/src/routes/index.generated.ts',
      ].sort(),
    },
  ]);
});
