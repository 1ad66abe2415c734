/**
 * Benchmark of `cloutapi status` (run by `pnpm bench`, written to BENCHMARKS.md): 1,000 machines
 * in 50 units on the simulator (its own process, `--machines 1000 --units 50`), reached through a
 * TLS proxy that adds 40 ms of round-trip time (tooling/bench's `startTlsPortal`, as a portal
 * across the internet would), at concurrency 1, 8 and 16: wall time and requests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, median, startTlsPortal, writeBenchmarkSection } from '@cloutapi/bench';

const CLI = fileURLToPath(new URL('../dist/bin/cloutapi.cjs', import.meta.url));
const SIMULATOR = join(
  dirname(createRequire(import.meta.url).resolve('@cloutapi/simulator/package.json')),
  'dist/bin.js',
);
const MACHINES = 1000;
const UNITS = 50;
const RTT_MS = 40;
const ROUNDS = 3;
const CONCURRENCY = [1, 8, 16];

function startSimulatorProcess(): Promise<{ url: string; adminKey: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [SIMULATOR, '--port', '0', '--admin', '--machines', String(MACHINES), '--units', String(UNITS)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
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

function timed(args: string[], env: NodeJS.ProcessEnv, expectedCode: number): Promise<number> {
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

const admin = (method: string) =>
  fetch(`${sim.url}/_sim/stats`, { method, headers: { 'X-Sim-Admin-Key': sim.adminKey } });
const work = mkdtempSync(join(tmpdir(), 'cloutapi-status-bench-'));
const portal = await startTlsPortal({ target: sim.url, dir: work, rttMs: RTT_MS });
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: work,
  CLOUTAPI_URL: portal.url,
  NODE_EXTRA_CA_CERTS: portal.caFile,
  CLOUTAPI_CLIENT_ID: 'cloutapi-demo',
  CLOUTAPI_ORIGIN: 'http://localhost',
  CLOUTAPI_USERNAME: 'demo@reseller.example',
  CLOUTAPI_PASSWORD: 'demo-password',
  CLOUTAPI_CACHE_DIR: join(work, 'cache'),
};

try {
  // The fleet has failed machines: status exits 2 (CRITICAL). The warm-up signs in once.
  const args = (c: number) => [CLI, 'status', '--format', 'nagios', '--concurrency', String(c)];
  await timed(args(16), env, 2);
  const rows: string[][] = [];
  let defaultMs = 0;
  let defaultRequests = 0;
  let defaultRoutes: Record<string, number> = {};
  for (const c of CONCURRENCY) {
    const samples: number[] = [];
    let requests = 0;
    let byRoute: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      await admin('DELETE');
      samples.push(await timed(args(c), env, 2));
      const stats = (await (await admin('GET')).json()) as { requests: Record<string, number> };
      byRoute = stats.requests;
      requests = Object.values(stats.requests).reduce((a, b) => a + b, 0);
    }
    const ms = median(samples);
    if (c === 8) {
      defaultMs = ms;
      defaultRequests = requests;
      defaultRoutes = byRoute;
    }
    rows.push([
      c === 8 ? `**${c}** (default)` : String(c),
      `${(ms / 1000).toFixed(2)} s`,
      String(requests),
      `${(requests / (ms / 1000)).toFixed(0)}/s`,
    ]);
  }
  const budget = MACHINES + UNITS + 10;
  const extras = Object.entries(defaultRoutes)
    .filter(([route]) => route.includes('/jobs'))
    .reduce((n, [, v]) => n + v, 0);
  const floor = ((MACHINES / 8) * RTT_MS) / 1000;
  const body = `\`cloutapi status --format nagios\` over ${MACHINES.toLocaleString('en')} machines in ${UNITS} units (\`cloutapi-simulator --machines ${MACHINES} --units ${UNITS}\`: one in twenty each failed, with warnings, stale, never backed up, not activated), the simulator behind tooling/bench's TLS proxy adding ${RTT_MS} ms of round trip to every exchange (and one more to each new connection). Median of ${ROUNDS} runs, token from the cache; requests counted by the simulator.

${markdownTable(['concurrency', 'wall time', 'requests', 'rate'], rows)}

Requests at the default concurrency: ${defaultRequests}, of which ${extras} for machines needing attention (${MACHINES / 20} failed: their last day's jobs; ${MACHINES / 20} never backed up: their first job and 30 days of jobs) and ${defaultRequests - extras} on the common path (${Object.entries(
    defaultRoutes,
  )
    .filter(([route]) => !route.includes('/jobs'))
    .map(([route, n]) => `${n} \`${route}\``)
    .join(
      ', ',
    )}): within one per machine plus one per unit plus a constant (${budget}): ${defaultRequests - extras <= budget ? '**yes**' : '**no**'}.

Target under 5 s at the default concurrency: ${defaultMs < 5000 ? '**reached**' : '**not reached**'} (${(defaultMs / 1000).toFixed(2)} s). At 8 requests in flight and ${RTT_MS} ms a round trip, the ${MACHINES.toLocaleString('en')} latest reports alone take ${floor.toFixed(2)} s: the API has no report list across machines, so the floor is the round trips, not the client.`;
  const file = writeBenchmarkSection(
    'cli-status',
    '@cloutapi/cli: status over 1,000 machines',
    body,
  );
  process.stdout.write(`${body}\n\nwrote ${file}\n`);
} finally {
  await portal.close();
  sim.child.kill();
}
