import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { baseEnv } from '@cloutapi/vitest-config';
import { printedMatch, runProcess, startProcess } from '@cloutapi/vitest-config/processes';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll } from 'vitest';

/** The built CLI: tests run what users run. */
export const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/bin/cloutapi.cjs');

/** What a run of the CLI printed and how it exited. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link cli}. */
export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
}

/**
 * Runs the built CLI with a clean environment (PATH, HOME and what `env` adds, nothing of the
 * developer's own CLOUTAPI_* settings) and resolves when it exits.
 */
export function cli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return runProcess(process.execPath, [CLI, ...args], { ...options, env: cliEnv(options.env) });
}

/** PATH, HOME and what `env` adds: nothing of the developer's own CLOUTAPI_* settings. */
export const cliEnv = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...baseEnv(),
  HOME: env.HOME ?? tmpdir(),
  ...env,
});

/** Runs the CLI and parses its stdout as JSON; fails with its stderr when it did not exit 0. */
export async function cliJson<T = unknown>(
  args: readonly string[],
  options: RunOptions = {},
): Promise<T> {
  const result = await cli([...args, '--json'], options);
  if (result.code !== 0) {
    throw new Error(`cloutapi ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}

/** A temporary directory removed after the file's tests. */
export function tempDir(prefix = 'cloutapi-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The environment that points the CLI at a simulator, with its own token cache directory. */
export function simEnv(sim: RunningSimulator, cacheDir: string): NodeJS.ProcessEnv {
  return {
    CLOUTAPI_URL: sim.url,
    CLOUTAPI_CLIENT_ID: demoCredentials.clientId,
    CLOUTAPI_ORIGIN: demoCredentials.origin,
    CLOUTAPI_USERNAME: demoCredentials.username,
    CLOUTAPI_PASSWORD: demoCredentials.password,
    CLOUTAPI_CACHE_DIR: cacheDir,
  };
}

/**
 * One simulator for a test file (spawned CLIs are slow-ish; simulators are not), with an
 * environment for the CLI and a fresh cache directory per call of `env()`.
 */
export function useSimulator(): {
  sim: () => RunningSimulator;
  env: (extra?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
} {
  let sim: RunningSimulator | undefined;
  const root = tempDir();
  let caches = 0;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  const get = () => {
    if (!sim) throw new Error('the simulator is not running yet');
    return sim;
  };
  return {
    sim: get,
    env: (extra = {}) => ({ ...simEnv(get(), join(root, `cache-${++caches}`)), ...extra }),
  };
}

/** A user of their own under `root`: home, settings and cache folders, nothing else set. */
export function userFolders(root: string, name: string): NodeJS.ProcessEnv {
  const home = join(root, name);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    CLOUTAPI_CACHE_DIR: join(home, 'cache'),
  };
}

/** The flags of `profile add` that reach `url` as the demo client, signing in as `username`. */
export const portalFlags = (url: string, username: string = demoCredentials.username) => [
  '--url',
  url,
  '--client-id',
  demoCredentials.clientId,
  '--origin',
  demoCredentials.origin,
  '--username',
  username,
];

/** The number of requests the simulator has seen, over all routes (the token endpoint included). */
export function requestCount(sim: RunningSimulator): number {
  return Object.values(sim.stats.requests).reduce((sum, n) => sum + n, 0);
}

/**
 * Runs the built CLI on a pseudo-terminal (with `script`) and resolves what it printed, or
 * undefined when there is no `script` to make one. Asynchronous: the simulator answering the CLI
 * runs in the test's own process.
 */
export function cliOnTerminal(args: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (spawnSync('script', ['--version']).status !== 0) return Promise.resolve(undefined);
  const command = `"${process.execPath}" "${CLI}" ${args}`;
  return runProcess('script', ['-qec', command, '/dev/null'], {
    env: { ...baseEnv(), TERM: 'xterm', ...env },
  }).then((run) => run.stdout);
}

/**
 * Starts the built CLI on a pseudo-terminal (with `script`) to be answered as a person would:
 * `answer` waits for a prompt to be printed, then types a line. Its stdin and stderr are the
 * terminal, so prompts asked on either show in `printed()`.
 */
export function cliOnTerminalSession(args: readonly string[], env: NodeJS.ProcessEnv) {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`);
  const run = startProcess('script', ['-qec', quoted.join(' '), '/dev/null'], {
    env: { ...cliEnv(env), TERM: 'xterm' },
  });
  return {
    printed: run.stdout,
    exited: run.exited,
    async answer(prompt: RegExp, line: string) {
      await printedMatch(run, prompt);
      run.child.stdin.write(`${line}\r`);
    },
  };
}

/** The rows of an `enroll --from` results file. */
export const resultRows = (file: string) =>
  parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];

/** The statuses `name` got in the results files, sorted. */
export const statusesOf = (name: string, files: string[]) =>
  files
    .flatMap(resultRows)
    .filter((r) => r.name === name)
    .map((r) => r.status)
    .sort();

/** Whether text holds an ANSI escape sequence. */
export function hasEscapes(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for exactly that character
  return /\u001b\[/.test(text);
}
