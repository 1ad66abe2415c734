#!/usr/bin/env node
// Adds up every package's test-results.json (written by the shared Vitest config) and prints one
// closing line, "N passed, N failed, N skipped", so a reader (or CI) sees the whole repository's
// count at once, even when turbo ran with --continue past a failing package.
//
//   summary.js --clean            removes every test-results.json (run before the tests, so a
//                                 package whose tests did not run cannot report an old result)
//   summary.js --turbo-exit=N     adds it up; exits non-zero when turbo failed (N != 0), a test
//                                 failed, a package with a test script left no results, or, with
//                                 CLOUTAPI_TEST_NO_SKIP=1 (CI), a test was skipped
//   --not-run=DIR[,DIR]           packages this run leaves out on purpose (named in the summary)
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const args = process.argv.slice(2);
const packages = ['packages', 'apps', 'tooling']
  .flatMap((group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group)).map((name) => `${group}/${name}`)
      : [],
  )
  .concat('examples')
  .filter((rel) => existsSync(join(root, rel, 'package.json')));

if (args.includes('--clean')) {
  for (const rel of packages) rmSync(join(root, rel, 'test-results.json'), { force: true });
  process.exit(0);
}

const turboExit = Number(args.find((a) => a.startsWith('--turbo-exit='))?.split('=')[1] ?? 0);
const notRun = new Set(
  (args.find((a) => a.startsWith('--not-run='))?.split('=')[1] ?? '').split(',').filter(Boolean),
);
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const rel of packages) {
  const manifest = JSON.parse(readFileSync(join(root, rel, 'package.json'), 'utf8'));
  const file = join(root, rel, 'test-results.json');
  if (notRun.has(rel)) {
    process.stdout.write(`  ${rel}: not run here (left out of this run on purpose)\n`);
    continue;
  }
  if (!existsSync(file)) {
    if (manifest.scripts?.test) problems.push(`${rel}: no test results (its tests did not run)`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skippedHere = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += skippedHere;
  process.stdout.write(
    `  ${rel}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skippedHere} skipped\n`,
  );
  if (skippedHere > 0) {
    for (const suite of r.testResults ?? [])
      for (const test of suite.assertionResults ?? [])
        if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo')
          process.stdout.write(`    skipped: ${test.fullName ?? test.title}\n`);
  }
}
if (turboExit !== 0)
  problems.push(
    `turbo exited ${turboExit}: a build, type check, lint or test task failed (see above)`,
  );
if (process.env.CLOUTAPI_TEST_NO_SKIP === '1' && skipped > 0)
  problems.push(`${skipped} test(s) skipped, and CLOUTAPI_TEST_NO_SKIP=1 allows none`);
for (const problem of problems) process.stderr.write(`${problem}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 || problems.length > 0 || passed === 0 ? 1 : 0);
