/**
 * Benchmarks of the CLI (run by `pnpm bench`, written to BENCHMARKS.md): the wall time of one read
 * command against `node -e 0` in the same run (quick path, full command line, first run), and
 * enrolling 200 machines with `enroll --from` against a loop that starts one
 * `cloutapi enroll` per machine. The simulator runs in its own process, as a portal would, so the
 * timings are the CLI's own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, median, writeBenchmarkSection } from '@cloutapi/bench';

const CLI = fileURLToPath(new URL('../dist/bin/cloutapi.cjs', import.meta.url));
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
  const NOOP = '`node -e 0`';
  const READ = '**`cloutapi meta version`** (quick path, token from the cache, one GET)';
  const JSON_LIST = '`cloutapi consumers list --bunit 11 --json` (quick path)';
  const TABLE = '`cloutapi consumers list --bunit 11` (quick path, a table)';
  const FULL = 'the same `meta version` on the full command line (`CLOUTAPI_NO_QUICK=1`)';
  const LOADED = '`cloutapi consumers list` (a usage error: the full command line, nothing sent)';
  const FIRST = '`meta version`, first run of a version (no compiled-code cache yet)';
  const variants: Record<string, { args: string[]; code?: number; env?: NodeJS.ProcessEnv }> = {
    [NOOP]: { args: ['-e', '0'] },
    [READ]: { args: [CLI, 'meta', 'version'] },
    [JSON_LIST]: { args: [CLI, 'consumers', 'list', '--bunit', '11', '--json'] },
    [TABLE]: { args: [CLI, 'consumers', 'list', '--bunit', '11'] },
    [FULL]: { args: [CLI, 'meta', 'version'], env: { CLOUTAPI_NO_QUICK: '1' } },
    [LOADED]: { args: [CLI, 'consumers', 'list'], code: 2 },
    [FIRST]: { args: [CLI, 'meta', 'version'], env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
  };
  const run = (v: (typeof variants)[string]) => timed(v.args, { ...env, ...v.env }, v.code);
  for (const v of Object.values(variants)) await run(v); // warm-up: sign-in, compiled-code caches
  const samples = new Map(Object.keys(variants).map((k) => [k, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, v] of Object.entries(variants)) samples.get(name)?.push(await run(v));
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

Target: a read command within 2x \`node -e 0\`: ${ms(READ) / noop <= 2 ? '**reached**' : '**not reached**'} (${(ms(READ) / noop).toFixed(2)}x; a JSON list
${(ms(JSON_LIST) / noop).toFixed(2)}x, a table ${(ms(TABLE) / noop).toFixed(2)}x). How:

- **The quick path.** A plain read (an integer-only set of flags, \`--json\`, \`--quiet\`,
  \`--no-color\`) runs from a bundle of its own (quick.cjs): the same settings, token cache, auth,
  HTTP client and output code as the full command line, but not the registry's zod schemas nor
  commander. What it knows of each command is generated from the registry; a test runs every kind
  of read both ways and compares what they print. Anything else goes to the full command line
  (${(ms(LOADED) / noop).toFixed(2)}x for a usage error; a read there takes ${(ms(FULL) / noop).toFixed(2)}x).
- **Node's own http module** (\`nodeHttp()\` of \`@cloutapi/core\`): undici and Node's fetch load
  in 40 to 90 ms, with a WebAssembly HTTP parser; \`node:http\` in about 3 ms.
- **A compiled-code cache**: each bundle is one CommonJS file that the launcher loads through V8's
  code cache (in \`~/.cache/cloutapi/compile\`), written after the first run of a version
  (${(ms(FIRST) / noop).toFixed(2)}x without it).
- Built-ins load when first used; colours from Node's \`util.styleText\`; the token file is named by
  FNV-1a rather than a SHA-256 digest (node:crypto alone takes ~3 ms to load).

Every process here runs with the same minimal environment (PATH, HOME, CLOUTAPI_*): a setting
such as NODE_EXTRA_CA_CERTS adds the same ~40 ms to every Node start, the baseline's included,
and would flatter the ratio.

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
