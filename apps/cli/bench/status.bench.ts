/**
 * Benchmark of `cloutapi status` (run by `pnpm bench`, written to BENCHMARKS.md): 1,000 machines
 * in 50 units on the simulator (its own process, `--machines 1000 --units 50`), reached through a
 * proxy that adds 40 ms of round-trip time, at concurrency 1, 8 and 16: wall time and requests.
 *
 * The proxy is this file's own, a plain TCP relay that holds every chunk 20 ms in each direction
 * (and a new connection 40 ms, its handshake), in order: the shared delaying TLS proxy of
 * tooling/bench had not landed when this was written.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, median, writeBenchmarkSection } from '@cloutapi/bench';

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

/** Relays `from` to `to`, each chunk held `delayMs`, in order. */
function delayedPipe(from: Socket, to: Socket, delayMs: number): void {
  let last = 0;
  from.on('data', (chunk) => {
    const at = Math.max(Date.now() + delayMs, last);
    last = at;
    setTimeout(() => to.write(chunk), at - Date.now());
  });
  from.on('end', () => setTimeout(() => to.end(), Math.max(0, last - Date.now()) + 1));
  from.on('error', () => to.destroy());
}

/** A TCP proxy to `target` adding `rttMs` of round trip to every exchange. */
function startDelayProxy(target: URL, rttMs: number): Promise<{ url: string; server: Server }> {
  const server = createServer((client) => {
    client.pause();
    setTimeout(() => {
      const upstream = createConnection(Number(target.port), target.hostname, () => {
        delayedPipe(client, upstream, rttMs / 2);
        delayedPipe(upstream, client, rttMs / 2);
        client.resume();
      });
      upstream.on('error', () => client.destroy());
    }, rttMs);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, server });
    }),
  );
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
const proxy = await startDelayProxy(new URL(sim.url), RTT_MS);
const admin = (method: string) =>
  fetch(`${sim.url}/_sim/stats`, { method, headers: { 'X-Sim-Admin-Key': sim.adminKey } });
const work = mkdtempSync(join(tmpdir(), 'cloutapi-status-bench-'));
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: work,
  CLOUTAPI_URL: proxy.url,
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
  const body = `\`cloutapi status --format nagios\` over ${MACHINES.toLocaleString('en')} machines in ${UNITS} units (\`cloutapi-simulator --machines ${MACHINES} --units ${UNITS}\`: one in twenty each failed, with warnings, stale, never backed up, not activated), the simulator behind a proxy adding ${RTT_MS} ms of round trip to every exchange (a plain TCP relay in \`apps/cli/bench/status.bench.ts\`; 40 ms more for each new connection). Median of ${ROUNDS} runs, token from the cache; requests counted by the simulator.

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
  proxy.server.close();
  sim.child.kill();
}
