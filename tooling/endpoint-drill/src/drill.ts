/**
 * The new-endpoint drill: proves that adding a read endpoint is one declaration (with its
 * example) and one simulator route, in an existing area or in a new one. It copies the repository
 * (tracked and new files, as they are in the working tree) and installs it from the store; then
 * for each sample (src/sample.ts) it writes the sample's two files, runs `pnpm generate` and
 * commits, recording which files it wrote by hand and which `pnpm generate` wrote. Then, once for
 * both, it builds, typechecks and lints the packages they changed and those depending on them,
 * runs the tests the samples reach (`REGISTRY_TESTS`) and the new area's CLI command. Its last
 * line on stdout is a JSON report: per sample the files edited by hand and the files generated,
 * the tests run, and the verdict. Exit 0 only when all passed.
 *
 * Run it with `pnpm --filter @cloutapi/endpoint-drill drill`; this package's test runs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLES } from './sample.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'cloutapi-drill-'));
const log = `${copy}.log`;

/** Runs a command in the copy, its output appended to the log; throws with the log's tail. */
function run(step: string, command: string, args: string[]): string {
  process.stderr.write(`drill: ${step}\n`);
  const result = spawnSync(command, args, {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', TURBO_UI: 'false' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  appendLog(`$ ${command} ${args.join(' ')}\n${output}\n`);
  if (result.status !== 0) {
    const tail = output.split('\n').slice(-80).join('\n');
    throw new Error(`${step} failed (exit ${result.status ?? result.signal}):\n${tail}`);
  }
  return output;
}

function appendLog(text: string): void {
  appendFileSync(log, text);
}

/** Files that differ from the copy's last commit. */
function changedFiles(): string[] {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: copy,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort();
}

const git = (...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=drill', '-c', 'user.email=drill@example.invalid', ...args],
    { cwd: copy, stdio: 'ignore' },
  );

/**
 * The tests a new endpoint reaches: every test of the two packages it is written in and of the
 * generated files, and the tests of the apps that walk every operation or every tool (scenario
 * tests running each example, the tool invariants and budget, input fuzzing, served toolsets,
 * the generated commands and their completion). The rest of the suite (transports, timeouts,
 * packaging, the Go CLI's golden output...) reads no declaration, and runs in the repository.
 */
const REGISTRY_TESTS: [dir: string, files: string[]][] = [
  ['packages/resources', []],
  ['packages/simulator', []],
  ['tooling/generate', []],
  [
    'apps/mcp-server',
    [
      'test/registry.test.ts',
      'test/tools.test.ts',
      'test/outputs.test.ts',
      'test/fuzz.test.ts',
      'test/served.test.ts',
    ],
  ],
  ['apps/cli', ['test/generated.test.ts', 'test/completion.test.ts', 'test/readme.test.ts']],
];

let report: Record<string, unknown> = { copy };
try {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: repo, encoding: 'utf8' },
  )
    .split('\0')
    .filter((f) => f && existsSync(join(repo, f)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repo, file), join(copy, file));
  }
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'the repository as it was');
  const base = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: copy, encoding: 'utf8' }).trim();

  run('install', 'pnpm', ['install', '--frozen-lockfile', '--prefer-offline']);
  const samples: { name: string; handEdited: string[]; generated: string[] }[] = [];
  for (const sample of SAMPLES) {
    for (const [file, edit] of Object.entries(sample.edits)) {
      const path = join(copy, file);
      writeFileSync(path, edit(existsSync(path) ? readFileSync(path, 'utf8') : ''));
    }
    const handEdited = changedFiles();
    run(`pnpm generate (${sample.name})`, 'pnpm', ['generate']);
    const generated = changedFiles().filter((f) => !handEdited.includes(f));
    samples.push({ name: sample.name, handEdited, generated });
    git('add', '-A');
    git('commit', '-q', '-m', sample.name);
  }
  report = { ...report, samples };
  // The packages the samples changed and those depending on them (a cache of their own: the
  // repository's may be written by a suite running at the same time).
  run('build, typecheck and lint', 'pnpm', [
    'exec',
    'turbo',
    'run',
    'build',
    'typecheck',
    'lint',
    '--continue',
    `--filter=...[${base}]`,
  ]);
  const tests = REGISTRY_TESTS;
  for (const [dir, files] of tests) {
    const missing = files.filter((f) => !existsSync(join(copy, dir, f)));
    if (missing.length)
      throw new Error(`the drill names tests that are gone: ${missing.join(', ')}`);
    run(`tests in ${dir}`, 'pnpm', ['--dir', dir, 'exec', 'vitest', 'run', ...files]);
  }
  // Each sample's command, from the built CLI (against its embedded simulator with --demo)
  for (const sample of SAMPLES) {
    if (!sample.cli) continue;
    const { args, prints } = sample.cli;
    const step = `cloutapi ${args.join(' ')}`;
    if (!run(step, 'node', ['apps/cli/bin/cloutapi.cjs', ...args]).includes(prints))
      throw new Error(`${step} did not print ${prints}`);
  }
  report = {
    ...report,
    tests: tests.flatMap(([dir, files]) => (files.length ? files : ['']).map((f) => `${dir}/${f}`)),
  };
  report = { ...report, suite: 'passed' };
  rmSync(copy, { recursive: true, force: true });
} catch (error) {
  report = { ...report, suite: 'failed', error: (error as Error).message, log };
  process.exitCode = 1;
}
process.stdout.write(`${JSON.stringify(report)}\n`);
