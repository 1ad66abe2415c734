/** The team benchmark's section of BENCHMARKS.md. */
import { cpus } from 'node:os';
import { markdownTable } from '@cloutapi/bench';
import { describeErrors } from './team-load.js';
import { ALONE, type Measured, type MemoryReading } from './team-measure.js';

/** What the benchmark does, as the report describes it. */
export interface Settings {
  quick: boolean;
  /** Signed-in people calling at once. */
  people: number;
  /** Calls each person has in flight. */
  loops: number;
  /** Warm-up calls for each instance of a deployment. */
  warmupPerInstance: number;
  calls: number;
  /** Rounds over every deployment size, in turn; each size's median round is reported. */
  rounds: number;
  instances: number[];
  memoryCheckpoints: number[];
  signInConcurrency: number;
  fairUse: string[];
}

/** What the benchmark measured. */
export interface Results {
  /** Each deployment size's runs, one a round. */
  runs: Measured[][];
  signIns: { ms: number };
  memory: { readings: MemoryReading[]; ms: number };
  /** The machine's one-minute load average before and after the run. */
  load: { before: number; after: number };
  seconds: number;
}

const n = (value: number) => value.toLocaleString('en');
const fixed = (value: number, digits = 0) => value.toFixed(digits);

/** The run of median calls per second (of an even count, the slower middle one). */
function medianRun(runs: readonly Measured[]): Measured | undefined {
  const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function loadTable(sizes: Measured[][]): string {
  const medians = sizes.flatMap((runs) => {
    const median = medianRun(runs);
    return median ? [{ median, rates: runs.map((r) => fixed(r.perSecond)).join(', ') }] : [];
  });
  const base = medians[0]?.median.perSecond ?? 1;
  return markdownTable(
    [
      'instances',
      'calls / s (median)',
      'each round',
      'p50 (ms)',
      'p99 (ms)',
      'one call alone, p50 (ms)',
      'failed',
      'scaling (calls/s vs 1 instance)',
      'CPU ms per call: instances / PostgreSQL / HAProxy / portal / load generator',
      'cores busy: ours / whole machine',
      'requests per instance (HAProxy; sign-ins and warm-up included)',
    ],
    medians.map(({ median: run, rates }) => {
      const perCall = (s: number) => fixed((s / run.calls) * 1000, 2);
      const { machine, ...ours } = run.cpu;
      const busy = Object.values(ours).reduce((a, b) => a + b, 0) / run.seconds;
      return [
        String(run.instances),
        fixed(run.perSecond),
        rates,
        fixed(run.p50),
        fixed(run.p99),
        fixed(run.alone, 1),
        String(run.failed),
        `${fixed(run.perSecond / base, 2)}x`,
        [ours.instances, ours.postgres, ours.haproxy, ours.portal, ours.load]
          .map(perCall)
          .join(' / '),
        `${fixed(busy, 2)} / ${fixed(machine / run.seconds, 2)}`,
        run.spread.map(n).join(' / '),
      ];
    }),
  );
}

/** Whether one instance was the limit: its JavaScript runs on one thread, about one core. */
function oneInstance(sizes: Measured[][]): string {
  const run = medianRun(sizes.find((runs) => runs[0]?.instances === 1) ?? []);
  if (!run) return '';
  const cores = run.cpu.instances / run.seconds;
  return `With one instance, the instance used ${fixed(cores, 2)} cores (its JavaScript runs on one thread, so about one core is all one instance can use).`;
}

function failures(sizes: Measured[][]): string {
  const lines = sizes
    .flat()
    .flatMap((run) => [
      ...describeErrors(run.errors).map((e) => `- ${run.instances} instance(s), measured: ${e}`),
      ...describeErrors(run.warmupErrors).map(
        (e) => `- ${run.instances} instance(s), warm-up or one at a time: ${e}`,
      ),
    ]);
  return lines.length
    ? `Failed calls:\n\n${lines.join('\n')}`
    : 'No call failed, warm-ups included.';
}

function memorySection(settings: Settings, memory: Results['memory']): string {
  const [start, ...rest] = memory.readings;
  const last = rest.at(-1);
  const first = rest[0];
  if (!start || !last || !first) return '';
  const per1000 = (from: MemoryReading, key: 'rss' | 'heapAfterGc') =>
    fixed(((last[key] - from[key]) / (last.people - from.people)) * 1000);
  const table = markdownTable(
    ['people signed in', 'RSS (MiB)', 'RSS after a full GC', 'JS heap after a full GC'],
    memory.readings.map((r) => [
      r.people === 0 ? '0 (after start-up)' : n(r.people),
      fixed(r.rss),
      fixed(r.rssAfterGc),
      fixed(r.heapAfterGc),
    ]),
  );
  return `### Memory per 1,000 people

One fresh instance (the same options); its resident memory (\`VmRSS\` of the process) after start-up
and as ${n(last.people)} more people, each a portal user of their own, sign in through the load balancer and
make one call (${settings.signInConcurrency} at a time; ${fixed(memory.ms / 1000, 1)} s of sign-ins). After each
reading the instance collects its garbage (a preload, \`bench/team-gc.cjs\`, with \`--expose-gc\`)
and reports its memory again: what it keeps, not what it has yet to collect. An instance keeps at
most 1,000 people's server setups and portal clients.

${table}

**Memory per 1,000 people: ${per1000(start, 'rss')} MiB of RSS** (after ${n(last.people)} people less after
start-up, per 1,000); ${per1000(first, 'rss')} MiB counted from the ${n(first.people)}th person on (the sign-in and call
code already loaded). The JavaScript heap after a full GC grows ${per1000(first, 'heapAfterGc')} MiB per 1,000 people from
the ${n(first.people)}th on.`;
}

/** The section's body. */
export function teamReport(settings: Settings, results: Results): string {
  const cores = cpus().length;
  const quick = settings.quick
    ? `**Quick run (CLOUTAPI_BENCH_QUICK=1): ${n(settings.calls)} calls a deployment, ${settings.rounds} round, ${n(settings.memoryCheckpoints.at(-1) ?? 0)} people for memory; not for comparison.**\n\n`
    : '';
  return `${quick}\`cloutapi-mcp --http --auth oauth --store postgres://...\` (the built server) on one PostgreSQL
(Debian's, \`fsync=off\`), ${settings.instances.join(', ')} instances behind HAProxy (round robin, keep-alive), every
instance with \`--public-url\` the load balancer's address and \`${settings.fairUse.join(' ')}\`:
fair use far above the load, so it refuses none of it (\`--max-concurrent\` counts per person and
instance; each person has ${settings.loops} calls in flight). The portal is a simulator in its own process with
a portal user for each person (\`startSimulator({ users })\`), so the ${settings.people} signed-in users are
${settings.people} people: ${settings.people} portal sessions, ${settings.people} fair-use budgets, ${settings.people} entries in each
instance's per-person cache (the simulator's two default users would make 100 grants of two people).
They signed in once through the load balancer (the whole OAuth flow: registration, authorize,
the sign-in and consent pages, the code exchange; ${settings.signInConcurrency} at a time: ${settings.people} in
${fixed(results.signIns.ms / 1000, 1)} s) and kept their tokens across the deployments (one store, one state key, one address).

Each person runs ${settings.loops} loops of \`tools/call get_current_user\` (one portal request each,
\`GET /v1/me\`) with their bearer token: 2025-06-18 stateless JSON-RPC, fetch with keep-alive, from
this process. Each deployment starts fresh and gets ${n(settings.warmupPerInstance)} calls per instance to warm up (every
instance meets every person, opens their portal session and compiles its hot code), then ${n(settings.calls)} measured ones;
${settings.rounds} rounds over the ${settings.instances.length} deployment sizes in turn, so a drift in the machine's speed hits each alike;
each size's median round is reported (its latencies and CPU too), and the scaling ratio is of medians. A call fails on any status but 200, a JSON-RPC error, a tool error, or an answer naming another
portal user than the caller's.

${loadTable(results.runs)}

With ${n(settings.people * settings.loops)} calls in flight at every moment, a saturated deployment answers a call
after the ones ahead of it: p50 is close to ${n(settings.people * settings.loops)} / calls per second (Little's law), the
time in queues, not the time a call takes. "One call alone" is the median of ${ALONE} calls made one at
a time by one person after the measured run: what a call costs on an idle deployment.

${failures(results.runs)}

**This machine has ${cores} cores, and the load generator, HAProxy, PostgreSQL, the simulator and every
instance share them**: a second or fourth instance adds no CPU here, so the scaling ratio is
bounded by the cores, not by the server; it shows what instances cost each other on one machine,
not what a machine per instance would gain. "Cores busy" is CPU seconds over the run's wall time
(${cores}.00 is every core): ours are the processes above, the whole machine's include whatever
else ran meanwhile. ${oneInstance(results.runs)} One-minute load average of the machine before the run:
${fixed(results.load.before, 1)}, after it: ${fixed(results.load.after, 1)}.

${memorySection(settings, results.memory)}

Command: \`cd apps/mcp-server && pnpm exec tsdown && pnpm bench:team\` (\`tsx bench/team.bench.ts\`;
needs Debian's \`haproxy\` and \`postgresql\`); ${fixed(results.seconds)} s in all.`;
}
