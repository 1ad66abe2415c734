/**
 * The new-endpoint drill: proves that adding a read endpoint is one declaration (with its
 * example) and one simulator route. It copies the repository (tracked and new files, as they are
 * in the working tree), installs it from the store, adds the sample endpoint (src/sample.ts),
 * runs `pnpm generate`, then builds, typechecks, lints and tests every package in the copy. Its
 * last line on stdout is a JSON report: the files edited by hand, the files generated, and the
 * verdict. Exit 0 only when the suite passed.
 *
 * Run it with `pnpm --filter @cloutapi/endpoint-drill drill`; this package's test runs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addSampleEndpoint } from './sample.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'cloutapi-drill-'));
const log = `${copy}.log`;

/** Runs a command in the copy, its output appended to the log; throws with the log's tail. */
function run(step: string, command: string, args: string[]): void {
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
}

function appendLog(text: string): void {
  appendFileSync(log, text);
}

/** Files that differ from the copy's first commit. */
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

  run('install', 'pnpm', ['install', '--frozen-lockfile', '--prefer-offline']);
  addSampleEndpoint(copy);
  const handEdited = changedFiles();
  run('pnpm generate', 'pnpm', ['generate']);
  const generated = changedFiles().filter((f) => !handEdited.includes(f));
  report = { ...report, handEdited, generated };
  // Unchanged packages come from the repository's turbo cache; the drill's own package is not
  // run again in the copy.
  run('the suite', 'pnpm', [
    'exec',
    'turbo',
    'run',
    'build',
    'typecheck',
    'lint',
    'test',
    '--continue',
    '--filter=!@cloutapi/endpoint-drill',
    `--cache-dir=${join(repo, '.turbo', 'cache')}`,
  ]);
  report = { ...report, suite: 'passed' };
  rmSync(copy, { recursive: true, force: true });
} catch (error) {
  report = { ...report, suite: 'failed', error: (error as Error).message, log };
  process.exitCode = 1;
}
process.stdout.write(`${JSON.stringify(report)}\n`);
