/**
 * Benchmark of `cloutapi status` (run by `pnpm bench`, written to BENCHMARKS.md): 1,000 machines
 * in 50 units on the simulator (its own process, `--machines 1000 --units 50`), reached through a
 * TLS proxy that adds 40 ms of round-trip time (tooling/bench's `simulatorBehindPortal`, as a
 * portal across the internet would), at concurrency 1, 8 and 16: wall time, requests, and the
 * ratio to the round-trip floor (requests / concurrency x 40 ms; goal of issue 25: <= 1.2x at 8 and
 * 16). Runs on Node 24 when found (the judged line), else on the bench's Node.
 * `CLOUTAPI_BENCH_QUICK=1` runs one round.
 */
import { fileURLToPath } from 'node:url';
import {
  type BenchNode,
  benchNodes,
  markdownTable,
  median,
  runProcess,
  simulatorBehindPortal,
  writeBenchmarkSection,
} from '@cloutapi/bench';

const CLI = fileURLToPath(new URL('../dist/bin/cloutapi.cjs', import.meta.url));
const MACHINES = 1000;
const UNITS = 50;
const RTT_MS = 40;
const ROUNDS = process.env.CLOUTAPI_BENCH_QUICK === '1' ? 1 : 3;
const GOAL = 1.2;
const CONCURRENCY = [1, 8, 16];

const nodes = benchNodes();
const node = nodes.find((n) => n.label.startsWith('Node 24.')) ?? (nodes.at(-1) as BenchNode);
const fleet = ['--machines', String(MACHINES), '--units', String(UNITS)];
const { sim, env, close } = await simulatorBehindPortal(RTT_MS, ['--admin', ...fleet]);
const admin = (method: string) =>
  fetch(`${sim.url}/_sim/stats`, { method, headers: { 'X-Sim-Admin-Key': sim.adminKey ?? '' } });
/** Milliseconds of one `cloutapi status`: it exits 2 (CRITICAL), the fleet has failed machines. */
async function timed(concurrency: number): Promise<number> {
  const args = [CLI, 'status', '--format', 'nagios', '--concurrency', String(concurrency)];
  return (await runProcess(node.path, args, { env, expectedCode: 2 })).ms;
}

try {
  await timed(16); // the warm-up signs in once
  const results: { c: number; ms: number; routes: Record<string, number>; requests: number }[] = [];
  for (const c of CONCURRENCY) {
    const samples: number[] = [];
    let routes: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      await admin('DELETE');
      samples.push(await timed(c));
      const stats = (await (await admin('GET')).json()) as { requests: Record<string, number> };
      routes = stats.requests;
    }
    const requests = Object.values(routes).reduce((a, b) => a + b, 0);
    results.push({ c, ms: median(samples), routes, requests });
  }
  /** What the round trips alone cost at concurrency `c`: no client goes below it here. */
  const floorMs = (requests: number, c: number) => (requests / c) * RTT_MS;
  const rows = results.map(({ c, ms, requests }) => [
    c === 8 ? `**${c}** (default)` : String(c),
    `${(ms / 1000).toFixed(2)} s`,
    String(requests),
    `${(requests / (ms / 1000)).toFixed(0)}/s`,
    `${(floorMs(requests, c) / 1000).toFixed(2)} s`,
    `${(ms / floorMs(requests, c)).toFixed(2)}x`,
  ]);
  const goals = results
    .filter(({ c }) => c === 8 || c === 16)
    .map(({ c, ms, requests }) => {
      const ratio = ms / floorMs(requests, c);
      return `concurrency ${c}: ${ratio <= GOAL ? 'met' : '**not met**'} (${ratio.toFixed(2)}x)`;
    });
  const defaults = results.find((r) => r.c === 8) as (typeof results)[0];
  const { ms: defaultMs, requests: defaultRequests, routes: defaultRoutes } = defaults;
  const budget = MACHINES + UNITS + 10;
  const extras = Object.entries(defaultRoutes)
    .filter(([route]) => route.includes('/jobs'))
    .reduce((n, [, v]) => n + v, 0);
  const floor = ((MACHINES / 8) * RTT_MS) / 1000;
  const commonPath = Object.entries(defaultRoutes)
    .filter(([route]) => !route.includes('/jobs'))
    .map(([route, n]) => `${n} \`${route}\``)
    .join(', ');
  const body = `\`cloutapi status --format nagios\` over ${MACHINES.toLocaleString('en')} machines in ${UNITS} units (\`cloutapi-simulator --machines ${MACHINES} --units ${UNITS}\`: one in twenty each failed, with warnings, at risk, never backed up, not activated), the simulator behind tooling/bench's TLS proxy adding ${RTT_MS} ms of round trip to every exchange (and one more to each new connection). Median of ${ROUNDS} runs on ${node.label}, token from the cache; requests counted by the simulator. The floor is those requests / concurrency x ${RTT_MS} ms (the new connections' extra round trips not counted).

${markdownTable(['concurrency', 'wall time', 'requests', 'rate', 'round-trip floor', 'ratio to floor'], rows)}

Goal of issue 25, within ${GOAL}x of the floor at concurrency 8 and 16: ${goals.join('; ')}.

Requests at the default concurrency: ${defaultRequests}, of which ${extras} for machines needing attention (${MACHINES / 20} failed: their last day's jobs; ${MACHINES / 20} never backed up: their first job and 30 days of jobs) and ${defaultRequests - extras} on the common path (${commonPath}): within one per machine plus one per unit plus a constant (${budget}): ${defaultRequests - extras <= budget ? '**yes**' : '**no**'}.

Target under 5 s at the default concurrency: ${defaultMs < 5000 ? '**reached**' : '**not reached**'} (${(defaultMs / 1000).toFixed(2)} s). At 8 requests in flight and ${RTT_MS} ms a round trip, the ${MACHINES.toLocaleString('en')} latest reports alone take ${floor.toFixed(2)} s: the API has no report list across machines, so the floor is the round trips, not the client.`;
  const file = writeBenchmarkSection(
    'cli-status',
    '@cloutapi/cli: status over 1,000 machines',
    body,
  );
  process.stdout.write(`${body}\n\nwrote ${file}\n`);
} finally {
  await close();
}
