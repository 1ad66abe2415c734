/**
 * Benchmarks of the CLI (run by `pnpm bench`, written to BENCHMARKS.md): the wall time of one read
 * command against `node -e 0` in the same run (and what bundling and the V8 flag of the bin
 * save), and enrolling 200 machines with `enroll --from` against a loop that starts one
 * `cloutapi enroll` per machine. The simulator runs in its own process, as a portal would, so the
 * timings are the CLI's own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { markdownTable, median, writeBenchmarkSection } from '@cloutapi/bench';

const CLI = fileURLToPath(new URL('../dist/bin/cloutapi.js', import.meta.url));
const LIBRARY = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const SIMULATOR = join(
  dirname(createRequire(import.meta.url).resolve('@cloutapi/simulator/package.json')),
  'dist/bin.js',
);
const ROUNDS = 15;
const MACHINES = 200;

/** Starts the simulator's bin on a free port; resolves its URL, admin key and process. */
function startSimulatorProcess(): Promise<{ url: string; adminKey: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [SIMULATOR, '--port', '0', '--admin'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const adminKey = /admin key:\s+(\S+)/.exec(out)?.[1];
      if (url && adminKey) resolve({ url, adminKey, child });
    });
    child.on('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
  });
}

/** Runs a process to its end; resolves its wall time in ms (fails on another exit code). */
function timed(args: string[], env: NodeJS.ProcessEnv, expectedCode = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === expectedCode) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

/** `node` arguments that run `main` of a built module, with or without the bin's V8 flag. */
function runner(module: string, args: string[], liftoff: boolean): string[] {
  const flag = liftoff ? "(await import('node:v8')).setFlagsFromString('--liftoff-only');" : '';
  const url = JSON.stringify(pathToFileURL(module).href);
  return [
    '--input-type=module',
    '-e',
    `${flag} const { main } = await import(${url}); process.exitCode = await main(${JSON.stringify(args)});`,
  ];
}

const sim = await startSimulatorProcess();
const grantsSoFar = async (): Promise<number> => {
  const response = await fetch(`${sim.url}/_sim/stats`, {
    headers: { 'X-Sim-Admin-Key': sim.adminKey },
  });
  return ((await response.json()) as { tokenGrants: { password: number } }).tokenGrants.password;
};
const work = mkdtempSync(join(tmpdir(), 'cloutapi-cli-bench-'));
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: work,
  CLOUTAPI_URL: sim.url,
  CLOUTAPI_CLIENT_ID: 'cloutapi-demo',
  CLOUTAPI_ORIGIN: 'http://localhost',
  CLOUTAPI_USERNAME: 'demo@reseller.example',
  CLOUTAPI_PASSWORD: 'demo-password',
  CLOUTAPI_CACHE_DIR: join(work, 'cache'),
};

try {
  // 1. Start-up, alternating variants so drift in the machine's speed hits all of them alike.
  const binDir = dirname(CLI);
  const mainChunk = join(binDir, readdirSync(binDir).find((f) => f.startsWith('main-')) ?? '');
  const read = ['meta', 'version'];
  const NOOP = '`node -e 0`';
  const READ = '`cloutapi meta version` (token from the cache, one GET)';
  const LOADED = '`cloutapi consumers list` (a usage error: all loaded, nothing sent)';
  const NO_FLAG = '`meta version`, bundled, without `--liftoff-only`';
  const UNBUNDLED = '`meta version`, from the unbundled package files';
  const variants: Record<string, { args: string[]; code?: number }> = {
    [NOOP]: { args: ['-e', '0'] },
    [READ]: { args: [CLI, ...read] },
    '`cloutapi consumers list --bunit 11` (a table)': {
      args: [CLI, 'consumers', 'list', '--bunit', '11'],
    },
    [LOADED]: { args: [CLI, 'consumers', 'list'], code: 2 },
    [NO_FLAG]: { args: runner(mainChunk, read, false) },
    [UNBUNDLED]: { args: runner(LIBRARY, read, true) },
  };
  for (const v of Object.values(variants)) await timed(v.args, env, v.code); // warm-up, one sign-in
  const samples = new Map(Object.keys(variants).map((k) => [k, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, v] of Object.entries(variants)) {
      samples.get(name)?.push(await timed(v.args, env, v.code));
    }
  }
  const ms = (name: string) => median(samples.get(name) ?? []);
  const noop = ms(NOOP);
  const startRows = [...samples.keys()].map((name) => [
    name,
    `${ms(name).toFixed(0)} ms`,
    `${(ms(name) / noop).toFixed(2)}x`,
  ]);

  // 2. Bulk: 200 machines from a CSV (one process, 8 at a time) vs one process per machine.
  const csv = join(work, 'machines.csv');
  const names = Array.from(
    { length: MACHINES },
    (_, i) => `bench-${String(i + 1).padStart(3, '0')}`,
  );
  writeFileSync(csv, ['name,bunit,os', ...names.map((n) => `${n},14,Linux`)].join('\n'));
  let before = await grantsSoFar();
  const bulkMs = await timed([CLI, 'enroll', '--from', csv, '--concurrency', '8'], env);
  const bulkGrants = (await grantsSoFar()) - before;
  before = await grantsSoFar();
  const loopStarted = performance.now();
  for (const name of names) {
    await timed([CLI, 'enroll', '--bunit', '18', '--name', name, '--os', 'Linux'], env);
  }
  const loopMs = performance.now() - loopStarted;
  const loopGrants = (await grantsSoFar()) - before;
  const rate = (total: number) => (MACHINES / (total / 1000)).toFixed(1);

  const body = `${markdownTable(['one command, median of 15', 'wall time', 'vs node -e 0'], startRows)}

Target: a read command within 2x \`node -e 0\`: **not reached** (${(ms(READ) / noop).toFixed(2)}x). The floor
is what a command loads before it can send anything: a usage error, which loads it all and sends
nothing, takes ${(ms(LOADED) / noop).toFixed(2)}x. That is the registry with its zod schemas, \`@cloutapi/core\`
with undici, ofetch and node-fetch-native (undici is the largest part), commander and the YAML
reader of \`@cloutapi/config\`. What the CLI does about it: one bundled, minified module graph
(${(ms(UNBUNDLED) - ms(READ)).toFixed(0)} ms less than loading the packages' files), only the invoked group's generated
commands built, table, CSV and progress-bar code loaded only when used, no wait at exit for the
WebAssembly tier-up of undici's HTTP parser (\`--liftoff-only\`: ${(ms(NO_FLAG) - ms(READ)).toFixed(0)} ms), and the token
from the cache (no sign-in). Every process here runs with the same minimal environment (PATH,
HOME, CLOUTAPI_*): a setting such as NODE_EXTRA_CA_CERTS adds the same ~40 ms to every Node start,
the baseline's included, and would flatter the ratio.

${markdownTable(
  ['enroll 200 machines', 'wall time', 'machines/s', 'password sign-ins'],
  [
    [
      '`cloutapi enroll --from machines.csv` (concurrency 8)',
      `${(bulkMs / 1000).toFixed(1)} s`,
      rate(bulkMs),
      String(bulkGrants),
    ],
    [
      `a loop of ${MACHINES} \`cloutapi enroll\` processes`,
      `${(loopMs / 1000).toFixed(1)} s`,
      rate(loopMs),
      String(loopGrants),
    ],
  ],
)}

The simulator runs in a separate process on the same machine. Each enrollment is about 11 API
calls. The loop pays the start-up of one process per machine; its processes share the token
cache, so they do not sign in again (0 sign-ins: the cache was already warm). \`--from\` also
resolves unit names once and writes one result row per machine.`;
  const file = writeBenchmarkSection('cli', '@cloutapi/cli: start-up and bulk enroll', body);
  process.stdout.write(`${body}\n\nwritten to ${file}\n`);
} finally {
  sim.child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
