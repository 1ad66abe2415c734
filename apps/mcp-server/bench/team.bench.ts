/**
 * The team server under load (issue 27; `pnpm bench:team`, written to BENCHMARKS.md): 100
 * signed-in people, each with 10 calls in flight, through HAProxy in front of 1, 2 and 4
 * instances on one PostgreSQL (three rounds over the three in turn, medians): calls per second,
 * p50 and p99, failures, the scaling ratio and where the CPU went; then the memory of one instance
 * per 1,000 people who signed in and called once. The built server (`dist/bin`), a simulator in its own process with a portal user per
 * person. `CLOUTAPI_BENCH_QUICK=1` runs a short version (not for comparison).
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeBenchmarkSection } from '@cloutapi/bench';
import { freePort } from '../test/haproxy.js';
import { startPostgres } from '../test/postgres.js';
import { startCluster } from './team-cluster.js';
import { postmasterOf } from './team-cpu.js';
import { type Measured, type MemoryReading, measureLoad, readMemory } from './team-measure.js';
import { signInPeople } from './team-people.js';
import { startBenchPortal } from './team-portal.js';
import { type Settings, teamReport } from './team-report.js';

const QUICK = process.env.CLOUTAPI_BENCH_QUICK === '1';
const settings: Settings = {
  quick: QUICK,
  people: 100,
  loops: 10,
  warmupPerInstance: QUICK ? 300 : 400,
  calls: QUICK ? 1_500 : 2_500,
  rounds: QUICK ? 1 : 3,
  instances: [1, 2, 4],
  // People signed in (in all) when the memory of the instance is read.
  memoryCheckpoints: QUICK ? [10, 100, 200] : [10, 250, 500, 750, 1_000],
  signInConcurrency: 10,
  // Fair use far above the load: the benchmark measures the server, not its refusals.
  fairUse: ['--rate-limit', '100000', '--max-concurrent', '10'],
};
const GC_PRELOAD = fileURLToPath(new URL('./team-gc.cjs', import.meta.url));

/** What to stop on the way out, last started first. */
const cleanups: Array<() => unknown> = [];
async function cleanUp() {
  for (const stop of cleanups.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      process.stderr.write(`cleanup: ${(error as Error).message}\n`);
    }
  }
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.once(signal, () => {
    cleanUp().finally(() => process.exit(code));
  });
const log = (line: string) => process.stderr.write(`${line}\n`);

/** One fresh instance: its memory after start-up and as people sign in and call once each. */
async function measureMemory(
  setup: { portal: string; store: string; port: number },
  firstPerson: number,
) {
  const cluster = await startCluster({
    count: 1,
    portal: setup.portal,
    store: setup.store,
    port: setup.port,
    args: settings.fairUse,
    env: { NODE_OPTIONS: `--expose-gc --require ${GC_PRELOAD}` },
  });
  cleanups.push(() => cluster.stop());
  try {
    const [instance] = cluster.instances;
    if (!instance) throw new Error('no instance');
    const readings: MemoryReading[] = [await readMemory(instance, 0)];
    let ms = 0;
    for (const total of settings.memoryCheckpoints) {
      const done = readings.at(-1)?.people ?? 0;
      const batch = await signInPeople(cluster.url, firstPerson + done, total - done, settings);
      ms += batch.ms;
      readings.push(await readMemory(instance, total));
      log(`memory: ${total} people, ${JSON.stringify(readings.at(-1))}`);
    }
    return { readings, ms };
  } finally {
    await cluster.stop();
  }
}

const loadBefore = loadavg()[0] ?? 0;
const started = performance.now();
try {
  const pg = await startPostgres();
  cleanups.push(() => pg.stop());
  const memoryPeople = settings.memoryCheckpoints.at(-1) ?? 0;
  const portal = await startBenchPortal(settings.people + memoryPeople);
  cleanups.push(() => portal.stop());
  const port = await freePort();
  const setup = {
    portal,
    store: pg.url,
    port,
    postmaster: postmasterOf(Number(new URL(pg.url).port)),
  };
  // The people sign in once, through the first deployment, and keep their tokens.
  let signedIn: ReturnType<typeof signInPeople> | undefined;
  const people = async () => {
    signedIn ??= signInPeople(`http://127.0.0.1:${port}`, 0, settings.people, settings);
    return (await signedIn).people;
  };
  const runs: Measured[][] = settings.instances.map(() => []);
  for (let round = 1; round <= settings.rounds; round++)
    for (const [i, count] of settings.instances.entries()) {
      const cluster = await startCluster({
        count,
        portal: portal.url,
        store: pg.url,
        port,
        args: settings.fairUse,
      });
      cleanups.push(() => cluster.stop());
      try {
        const run = await measureLoad(cluster, setup, people, settings);
        runs[i]?.push(run);
        log(
          `round ${round}, ${count} instance(s): ${run.perSecond.toFixed(0)} calls/s, p99 ${run.p99.toFixed(0)} ms, ${run.failed} failed`,
        );
      } finally {
        await cluster.stop();
      }
    }
  const memory = await measureMemory({ portal: portal.url, store: pg.url, port }, settings.people);
  const body = teamReport(settings, {
    runs,
    signIns: (await signedIn) ?? { people: [], ms: 0 },
    memory,
    load: { before: loadBefore, after: loadavg()[0] ?? 0 },
    seconds: (performance.now() - started) / 1000,
  });
  const file = writeBenchmarkSection(
    'mcp-team',
    '@cloutapi/mcp-server: the team server behind a load balancer',
    body,
  );
  process.stdout.write(`${body}\n\nwritten to ${file}\n`);
} finally {
  await cleanUp();
}
