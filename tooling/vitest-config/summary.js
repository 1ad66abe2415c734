#!/usr/bin/env node
// Adds up every package's test-results.json (written by the shared Vitest config) and prints one
// closing line, "N passed, N failed", so a reader (or CI) sees the whole repository's count at once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
let passed = 0;
let failed = 0;
let skipped = 0;
const perPackage = [];
const dirs = ['packages', 'apps', 'tooling'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group)).map((name) => `${group}/${name}`)
    : [],
);
for (const rel of [...dirs, 'examples']) {
  {
    const file = join(root, rel, 'test-results.json');
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    perPackage.push(`${rel}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  }
}
for (const line of perPackage) process.stdout.write(`  ${line}\n`);
if (passed + failed === 0) {
  process.stderr.write('No test results found: did the test task run?\n');
  process.exit(1);
}
process.stdout.write(
  `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
process.exit(failed > 0 ? 1 : 0);
