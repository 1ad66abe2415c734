/**
 * Benchmarks of `cloutapi` against the public Go CLI, side by side in one run (run by `pnpm bench`,
 * written to BENCHMARKS.md): the simulator behind a TLS proxy 40 ms away, each workload run with
 * Go and with ours in turn, on every Node found (24 and 22 judged, the bench's own reported); the
 * phases of one read and one enroll, seen from outside; `--version` against `node -e 0`; the CPU
 * of one read. The Go CLI is not built here: see tooling/bench/README.md.
 * `CLOUTAPI_BENCH_QUICK=1` cuts rounds to 3 and the loops to 5 (for working on the bench only).
 * `CLOUTAPI_BENCH_BASELINE=<another build's dist/bin/cloutapi.cjs>` (and `_LABEL`) adds its phases
 * of the same read and enroll on the first judged Node: before and after a change, in one run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BenchNode,
  benchNodes,
  cpuMs,
  demoEnv,
  findGoCli,
  goCliSetup,
  markdownTable,
  median,
  medianPhases,
  type Phases,
  type ProxyStats,
  runTraced,
  simulatorBehindPortal,
  type TracedRun,
  writeBenchmarkSection,
} from '@cloutapi/bench';
import { runProcess } from '@cloutapi/vitest-config/processes';

const CLI = fileURLToPath(new URL('../dist/bin/cloutapi.cjs', import.meta.url));
const BASELINE = process.env.CLOUTAPI_BENCH_BASELINE;
const BASELINE_LABEL = process.env.CLOUTAPI_BENCH_BASELINE_LABEL ?? 'a baseline build';
const QUICK = process.env.CLOUTAPI_BENCH_QUICK === '1';
const ROUNDS = QUICK ? 3 : 15;
const LOOP = QUICK ? 5 : 50;
const RTT = 40;
const READ = ['consumer', 'list', '--bunit-id', '11'];
const READS = [['bunit', 'list'], READ, ['ostype', 'list']];
// The five Go commands; this Go CLI's `domain list` has no --bunit-id (it lists the home unit's).
const SCRIPT = [
  ['bunit', 'list'],
  READ,
  ['ostype', 'list'],
  ['domain', 'list'],
  ['clientoptionset', 'list', '--bunit-id', '11'],
];
// Units on backup server 1: the Go CLI always asks for client option set 2, which is server 1's
// (bunit 14 is on server 2, where Go's enroll fails). Linux is operating system 3, node type 1,
// domain 1 (STANDARD) on that server.
const ENROLL_UNIT = '11';
const LOOP_UNIT = '15';
const BULK_UNIT = '18';

const loadBefore = loadavg()[0] ?? 0;
const nodes = benchNodes();
const goCli = findGoCli();
const bench = await simulatorBehindPortal(RTT);
const { proxy } = bench.portal;
let serial = 0;
const freshName = (who: string) => `${who}-${++serial}`;
const FLOOR_PREFIX = 'floor: ';

/** One runner (Go, or ours on one Node) of the workloads, each run traced. */
interface Runner {
  label: string;
  read(args: string[]): Promise<TracedRun>;
  enroll(name: string, unit: string): Promise<TracedRun>;
  cpu(args: string[]): Promise<number>;
}

function goRunner(): Runner | undefined {
  if (!goCli) return undefined;
  const dir = join(bench.work, 'go');
  mkdirSync(dir);
  const e = bench.env;
  const setup = goCliSetup(dir, bench.portal, {
    clientId: e.CLOUTAPI_CLIENT_ID ?? '',
    origin: e.CLOUTAPI_ORIGIN ?? '',
    username: e.CLOUTAPI_USERNAME ?? '',
    password: e.CLOUTAPI_PASSWORD ?? '',
  });
  const read = async (args: string[]) => {
    const run = await runTraced(proxy, goCli.path, args, setup);
    // It prints its errors to stdout and exits 0; a header and a row of dashes mean it worked.
    if (!/^-+\t/m.test(run.stdout)) throw new Error(`Go ${args.join(' ')}: ${run.stdout}`);
    return run;
  };
  return {
    label: `Go CLI (${goCli.goVersion})`,
    read,
    async enroll(name, unit) {
      const args = ['consumer', 'create', '--name', name, '--bunit-id', unit];
      const run = await read([
        ...args,
        ...'--os-type 3 --client-type 1 --domain 1 --activate'.split(' '),
      ]);
      if (!run.stdout.includes('ACTIVATED')) throw new Error(`Go enroll ${name}: ${run.stdout}`);
      return run;
    },
    cpu: (args) => cpuMs(goCli.path, args, setup),
  };
}

function oursOn(node: BenchNode, cli = CLI, who = 'ours'): Runner {
  const cache = join(bench.work, `cache-${who}-${node.label}`);
  const env = { ...bench.env, CLOUTAPI_CACHE_DIR: cache };
  const read = (args: string[]) => runTraced(proxy, node.path, [cli, ...args], { env });
  return {
    label: `${who}, ${node.label}`,
    read,
    enroll: (name, unit) => read(['enroll', '--bunit', unit, '--name', name, '--os', 'Linux']),
    cpu: (args) => cpuMs(node.path, [cli, ...args], { env }),
  };
}

/** A bare Node script as a runner, for the floor rows: no CLI, no token (so each answer is a 401). */
function bareScript(node: BenchNode, name: string, code: string): Runner {
  const file = join(bench.work, name);
  writeFileSync(file, code);
  const env = { ...bench.env };
  const run = () => runTraced(proxy, node.path, [file], { env });
  return {
    label: `bare, ${node.label}`,
    read: run,
    enroll: run,
    cpu: () => cpuMs(node.path, [file], { env }),
  };
}

/** The least a Node program can do for the read: one `https.get`, body ignored. */
function bareReadCode(): string {
  const url = `${bench.portal.url}/v1/bunits/11/consumers`;
  return `require('node:https').get(${JSON.stringify(url)}, { headers: { origin: 'http://localhost' } }, (res) => res.resume());\n`;
}

/**
 * The read's GET through a fetch, its body read, no CLI: `fetch` is Node's own (undici, loaded on
 * first use), or a module exporting one: the node-fetch v3 that ours bundles (as
 * node-fetch-native/node ships it). Core's request layer is written against fetch, so either is
 * the floor of a fetch-based Node client.
 */
function bareFetchCode(from?: string): string {
  const url = `${bench.portal.url}/v1/bunits/11/consumers`;
  const get = from ? `require(${JSON.stringify(from)}).fetch` : 'fetch';
  return `${get}(${JSON.stringify(url)}, { headers: { origin: 'http://localhost' } }).then((res) => res.text());\n`;
}
const NODE_FETCH = createRequire(import.meta.url).resolve('node-fetch-native/node');

/** The read's floors: one `https.get`; Node's fetch; node-fetch v3. */
function readFloors(node: BenchNode) {
  return [
    {
      what: 'one `https.get`, body ignored',
      runner: bareScript(node, 'bare-read.cjs', bareReadCode()),
    },
    {
      what: "Node's own `fetch`, body read",
      runner: bareScript(node, 'bare-fetch.cjs', bareFetchCode()),
    },
    {
      what: 'node-fetch v3 (what ours bundles), body read',
      runner: bareScript(node, 'bare-node-fetch.cjs', bareFetchCode(NODE_FETCH)),
    },
  ];
}

/**
 * The least a Node program can do for our enroll: its requests in its order, on two connections
 * opened at the start as ours opens them: the unit's list (twice, to open both); the unit's
 * creation; the list again beside the node's creation; the activation; the node.
 */
function bareEnrollCode(): string {
  return `const https = require('node:https');
const base = ${JSON.stringify(`${bench.portal.url}/v1/bunits/${ENROLL_UNIT}/consumers`)};
const agent = new https.Agent({ keepAlive: true });
const headers = { origin: 'http://localhost', 'content-type': 'application/json' };
const send = (method, path, body) =>
  new Promise((done, fail) => {
    const request = https.request(base + path, { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', done);
    });
    request.on('error', fail);
    request.end(body);
  });
(async () => {
  await Promise.all([send('GET', ''), send('GET', '')]);
  await send('POST', '', '{"name":"floor"}');
  await Promise.all([send('GET', ''), send('POST', '/1/node', '{"operatingSystem":{"id":3}}')]);
  await send('GET', '/1/node/activate?tsmName=FLOOR');
  await send('GET', '/1/node');
  agent.destroy();
})();
`;
}

/** The baseline build's phases of the read and of an enroll (see `CLOUTAPI_BENCH_BASELINE`). */
async function baselinePhases(node: BenchNode, cli: string) {
  const before = oursOn(node, cli, 'before');
  await before.read(['whoami']);
  await before.read(READ);
  const [reads] = await alternate([before], ROUNDS, (r) => r.read(READ));
  const [enrolls] = await alternate([before], ROUNDS, (r) => r.enroll(freshName('before'), '11'));
  return { runner: before, reads: reads ?? [], enrolls: enrolls ?? [] };
}

/** `rounds` runs of `task` for each runner, in turn (so drift hits both alike). */
async function alternate(
  runners: (Runner | undefined)[],
  rounds: number,
  task: (r: Runner) => Promise<TracedRun>,
): Promise<(TracedRun[] | undefined)[]> {
  const runs = runners.map((r) => (r ? ([] as TracedRun[]) : undefined));
  for (let i = 0; i < rounds; i++)
    for (const [k, r] of runners.entries()) if (r) runs[k]?.push(await task(r));
  return runs;
}

/** The wall time of a sequence of runs, and the counters summed. */
async function sequence(task: () => Promise<TracedRun[]>) {
  const started = performance.now();
  const runs = await task();
  return { ms: performance.now() - started, stats: sum(runs.map((r) => r.stats)) };
}
const serially = async (count: number, one: (i: number) => Promise<TracedRun>) => {
  const runs: TracedRun[] = [];
  for (let i = 0; i < count; i++) runs.push(await one(i));
  return runs;
};
function sum(all: ProxyStats[]): ProxyStats {
  const total = {
    tcpConnects: 0,
    tlsHandshakes: 0,
    tlsResumed: 0,
    tokenRequests: 0,
    apiRequests: 0,
  };
  for (const s of all) for (const k of Object.keys(total) as (keyof ProxyStats)[]) total[k] += s[k];
  return total;
}

type Timed = { ms: number; stats: ProxyStats };
const medianOf = (runs: TracedRun[]): Timed => ({
  ms: median(runs.map((r) => r.ms)),
  stats: (runs.at(-1) as TracedRun).stats,
});

/** Every workload of the portal table on one Node, each alternated with the Go CLI. */
async function measureNode(node: BenchNode, go: Runner | undefined, loops: boolean) {
  const ours = oursOn(node);
  await ours.read(['whoami']); // signs in: the token cache is warm from here on
  await ours.read(READ); // and the compile cache
  const rows: { name: string; go?: Timed; ours: Timed }[] = [];
  let readPhases: TracedRun[][] = [];
  for (const args of READS) {
    const [g, o] = await alternate([go, ours], ROUNDS, (r) => r.read(args));
    rows.push({ name: `\`${args.join(' ')}\``, go: g && medianOf(g), ours: medianOf(o ?? []) });
    if (args === READ) readPhases = [g ?? [], o ?? []];
  }
  // The floors of a Node program for the same read: its GET and nothing else, no CLI.
  const floors = readFloors(node);
  const floorRuns = await alternate(
    floors.map((f) => f.runner),
    ROUNDS,
    (r) => r.read([]),
  );
  const goRead = rows.find((row) => row.name === `\`${READ.join(' ')}\``)?.go;
  for (const [k, f] of floors.entries())
    rows.push({
      name: `${FLOOR_PREFIX}the same GET by ${f.what}, in a bare Node script (no token: a 401; no CLI)`,
      go: goRead,
      ours: medianOf(floorRuns[k] ?? []),
    });
  const script = (r: Runner) => sequence(() => serially(20, (i) => r.read(SCRIPT[i % 5] ?? READ)));
  const goScript = go && (await script(go));
  rows.push({
    name: 'a script of 20 commands (the five Go commands, 4 times)',
    go: goScript,
    ours: await script(ours),
  });
  const [ge, oe] = await alternate([go, ours], ROUNDS, (r) =>
    r.enroll(freshName(r === go ? 'go' : 'ours'), ENROLL_UNIT),
  );
  rows.push({ name: 'enroll one machine', go: ge && medianOf(ge), ours: medianOf(oe ?? []) });
  // The floor of any Node program for the same enroll: its requests, no CLI.
  const bareEnroll = bareScript(node, 'bare-enroll.cjs', bareEnrollCode());
  const enrollFloor = await alternate([bareEnroll], ROUNDS, (r) => r.read([]));
  rows.push({
    name: `${FLOOR_PREFIX}our enroll's requests in its order from a bare Node script, on two connections opened at the start (no token: 401s; no CLI)`,
    go: ge && medianOf(ge),
    ours: medianOf(enrollFloor[0] ?? []),
  });
  if (loops) {
    const loop = (r: Runner, who: string) =>
      sequence(() => serially(LOOP, () => r.enroll(freshName(who), LOOP_UNIT)));
    const goLoop = go && (await loop(go, 'go-loop'));
    rows.push({
      name: `a loop of ${LOOP} enrolls, one process each`,
      go: goLoop,
      ours: await loop(ours, 'loop'),
    });
    const csv = join(bench.work, `machines-${serial}.csv`);
    const names = Array.from({ length: LOOP }, () => `${freshName('bulk')},${BULK_UNIT},Linux`);
    writeFileSync(csv, ['name,bunit,os', ...names].join('\n'));
    const bulk = await sequence(async () => [
      await ours.read(['enroll', '--from', csv, '--concurrency', '8']),
    ]);
    rows.push({
      name: `our \`enroll --from\` ${LOOP} rows (concurrency 8) vs the Go loop`,
      go: goLoop,
      ours: bulk,
    });
  }
  const cpu = await cpuOfRead(
    ours,
    go,
    floors.map((f) => f.runner),
  );
  return { rows, readPhases, enrollPhases: [ge ?? [], oe ?? []], cpu };
}

/** The CPU of one read: ours, Go's, and each of the read's floors (in `readFloors` order). */
async function cpuOfRead(ours: Runner, go: Runner | undefined, floors: Runner[]) {
  const o: number[] = [];
  const g: number[] = [];
  const f: number[][] = floors.map(() => []);
  for (let i = 0; i < ROUNDS; i++) {
    if (go) g.push(await go.cpu(READ));
    o.push(await ours.cpu(READ));
    for (const [k, floor] of floors.entries()) f[k]?.push(await floor.cpu([]));
  }
  return { ours: median(o), go: go ? median(g) : undefined, floors: f.map(median) };
}

/** `node -e 0` and `cloutapi --version` on loopback, alternating: the start-up alone. */
async function startup(node: BenchNode) {
  const env = demoEnv(bench.work, { CLOUTAPI_CACHE_DIR: join(bench.work, `cache-${node.label}`) });
  const noCache = { ...env, NODE_DISABLE_COMPILE_CACHE: '1' };
  const variants = [
    () => runProcess(node.path, ['-e', '0'], { env }),
    () => runProcess(node.path, [CLI, '--version'], { env }),
    () => runProcess(node.path, [CLI, '--version'], { env: noCache }),
  ];
  for (const v of variants) await v(); // warm-up (compile cache)
  const samples: number[][] = [[], [], []];
  for (let i = 0; i < ROUNDS; i++)
    for (const [k, v] of variants.entries()) samples[k]?.push((await v()).ms);
  const [boot = 0, version = 0, cold = 0] = samples.map(median);
  return { boot, version, cold };
}

type NodeResult = { node: BenchNode; start: Awaited<ReturnType<typeof startup>> } & Awaited<
  ReturnType<typeof measureNode>
>;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const x = (ratio: number) => `${ratio.toFixed(2)}x`;
const trips = (t: ProxyStats) =>
  `${t.tcpConnects} TCP, ${t.tlsHandshakes} TLS, ${t.tokenRequests} token, ${t.apiRequests} API`;
const ms0 = (ms: number) => `${ms.toFixed(0)}`;
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

function phaseRow(
  who: string,
  what: string,
  runs: TracedRun[],
  boot: number | undefined,
): string[] {
  const p: Phases = medianPhases(runs);
  const total = median(runs.map((r) => r.ms));
  const bootCell = boot === undefined ? '-' : ms0(boot);
  return [
    what,
    who,
    bootCell,
    ms0(p.toConnect),
    ms0(p.toRequest),
    `${ms0(p.requests)} (${p.count})`,
    ms0(p.toExit),
    ms0(total),
  ];
}

try {
  const go = goRunner();
  const judged = nodes.filter((n) => n.judged);
  const loopNodes = judged.length > 0 ? judged : nodes.slice(0, 1);
  const results: NodeResult[] = [];
  for (const node of nodes) {
    const measured = await measureNode(node, go, loopNodes.includes(node));
    results.push({ node, ...measured, start: await startup(node) });
  }

  const sections: string[] = [];
  const ratios = new Map<string, Map<string, number | undefined>>();
  for (const r of results) {
    const byRow = new Map<string, number | undefined>();
    ratios.set(r.node.label, byRow);
    const rows = r.rows.map((row) => {
      const ratio = row.go && row.ours.ms / row.go.ms;
      byRow.set(row.name, ratio);
      return [
        row.name,
        row.go ? s(row.go.ms) : '-',
        s(row.ours.ms),
        ratio === undefined ? '-' : x(ratio),
        trips(row.ours.stats),
        row.go ? trips(row.go.stats) : '-',
      ];
    });
    sections.push(
      `#### ${r.node.label}${r.node.judged ? '' : ' (reported, not judged)'}\n\n${markdownTable(['workload', 'Go', 'ours', 'ours / Go', 'round trips, ours', 'round trips, Go'], rows)}`,
    );
  }

  const phaseRows: string[][] = [];
  const goResult = results[0];
  const baselineNode = (results.find((r) => r.node.judged) ?? results[0])?.node;
  const baseline = BASELINE && baselineNode && (await baselinePhases(baselineNode, BASELINE));
  const baselineBoot = results.find((r) => r.node === baselineNode)?.start.boot;
  for (const [what, key] of [
    ['`consumer list --bunit-id 11`', 'readPhases'],
    ['enroll one machine', 'enrollPhases'],
  ] as const) {
    if (go && goResult) phaseRows.push(phaseRow(go.label, what, goResult[key][0] ?? [], undefined));
    for (const r of results)
      phaseRows.push(phaseRow(`ours, ${r.node.label}`, what, r[key][1] ?? [], r.start.boot));
    if (baseline && baselineNode) {
      const runs = key === 'readPhases' ? baseline.reads : baseline.enrolls;
      const who = `ours before: ${BASELINE_LABEL}, ${baselineNode.label}`;
      phaseRows.push(phaseRow(who, what, runs, baselineBoot));
    }
  }

  const startRows = results.map((r) => [
    r.node.label,
    ms0(r.start.boot),
    ms0(r.start.version),
    x(r.start.version / r.start.boot),
    ms0(r.start.cold),
    ms0(r.cpu.ours),
    r.cpu.go === undefined ? '-' : ms0(r.cpu.go),
    ...r.cpu.floors.map(ms0),
  ]);

  const judgedResults = results.filter((r) => r.node.judged);
  const goalNodes = judgedResults.length > 0 ? judgedResults : results.slice(0, 1);
  // A goal's cell: met or not, the value, and where given the floors that bound it from below.
  const goal = (
    label: string,
    limit: number,
    pick: (r: NodeResult) => number | undefined,
    floorsOf?: (r: NodeResult) => (number | undefined)[],
  ) => [
    label,
    ...goalNodes.map((r) => {
      const v = pick(r);
      const show = (n: number) => (label.includes('ms') ? `${ms0(n)} ms` : x(n));
      const floors = (floorsOf?.(r) ?? []).filter((f) => f !== undefined).map(show);
      const floorText = floors.length > 0 ? `; floors ${floors.join(', ')}` : '';
      return v === undefined ? 'not measured' : `${met(v <= limit)} (${show(v)}${floorText})`;
    }),
  ];
  const readFloorRatios = (r: NodeResult) =>
    r.rows
      .filter((row) => row.name.startsWith(`${FLOOR_PREFIX}the same GET`))
      .map((row) => ratioOf(r, row.name));
  const ratioOf = (r: NodeResult, name: string) => ratios.get(r.node.label)?.get(name);
  const worstRead = (r: NodeResult) => {
    const all = READS.map((a) => ratioOf(r, `\`${a.join(' ')}\``));
    return all.some((v) => v === undefined) ? undefined : Math.max(...(all as number[]));
  };
  const goalRows = [
    goal('one read <= 1.0x Go (worst of the three)', 1, worstRead, readFloorRatios),
    goal('a script of 20 commands <= 0.8x', 0.8, (r) =>
      ratioOf(r, 'a script of 20 commands (the five Go commands, 4 times)'),
    ),
    goal(
      'enroll one machine <= 1.0x',
      1,
      (r) => ratioOf(r, 'enroll one machine'),
      (r) =>
        r.rows
          .filter((row) => row.name.startsWith(`${FLOOR_PREFIX}our enroll`))
          .map((row) => ratioOf(r, row.name)),
    ),
    goal(`a loop of ${LOOP} enrolls <= 1.0x`, 1, (r) =>
      ratioOf(r, `a loop of ${LOOP} enrolls, one process each`),
    ),
    goal(`\`enroll --from\` ${LOOP} rows <= 0.1x`, 0.1, (r) =>
      ratioOf(r, `our \`enroll --from\` ${LOOP} rows (concurrency 8) vs the Go loop`),
    ),
    goal('`cloutapi --version` <= 1.5x `node -e 0`', 1.5, (r) => r.start.version / r.start.boot),
    goal(
      'CPU of one read <= 100 ms',
      100,
      (r) => r.cpu.ours,
      (r) => r.cpu.floors,
    ),
  ];

  const goText = goCli
    ? `The Go CLI: \`${goCli.path}\`, built with ${goCli.goVersion} from safespring-community/cloutility-api-client, ${goCli.commit.startsWith('commit') ? goCli.commit : `commit ${goCli.commit}`}.`
    : 'The Go CLI was **not found** (set `CLOUTAPI_BENCH_GO_CLI`, or build it with `../shared/tools/build-go-cli.sh`, see tooling/bench/README.md): only our figures are given, without ratios.';
  const body = `${QUICK ? '**Quick run (CLOUTAPI_BENCH_QUICK=1): 3 rounds, loops of 5; not for comparison.**\n\n' : ''}### Side by side with the Go CLI, against a portal 40 ms away

The simulator (its own process) behind a TLS 1.3 proxy on loopback that holds every chunk of
bytes 20 ms each way and a new connection one round trip before its first byte
(\`startDelayProxy\` of \`@cloutapi/bench\`, a user-space delay: this kernel has no \`netem\`), with a
self-signed certificate made by \`openssl\` at bench time (ours trusts it through
\`NODE_EXTRA_CA_CERTS\`, Go through \`SSL_CERT_FILE\`). Each workload runs with Go and ours in turn
in the same run. Ours with a warm token cache (signed in once first); the Go CLI signs in on every
run (it has no cache). Reads and enroll one machine: medians of ${ROUNDS}; the script, the loop and
\`--from\`: one run each. Enrolls go to units on backup server 1 (11, the loop 15, \`--from\` 18):
the Go CLI always asks for client option set 2, which is not on unit 14's server. Round trips of
the last run (or of the whole sequence) as the proxy counted them. The loop and \`--from\` run on
${loopNodes.map((n) => n.label).join(' and ')} only.

${goText}

${sections.join('\n\n')}

### Phases of one read and one enroll

Medians of ${ROUNDS}, in ms, on the client's clock (the proxy runs in the bench process and moves
what its TLS server sees by half a round trip to the client's end of the link):
**boot** is \`node -e 0\` of the same Node on loopback; **spawn → connect** is spawn to the first
TCP connect (boot plus loading the CLI; Go: its whole start); **connect → request** is the first
connect to the first byte of the first HTTP request: one emulated round trip for TCP, one for the
TLS 1.3 handshake (80 ms is the floor), plus what the client computes between; **requests** is
that byte to the last byte of the last response (how many requests in brackets; Go signs in, so it
has one more, and its own round trip each); **response → exit** is that last byte to the
process's exit; **total** is spawn to exit.${baseline ? ` The rows "ours before" are ${BASELINE_LABEL} (\`CLOUTAPI_BENCH_BASELINE\`), measured in the same run.` : ''}

${markdownTable(['command', 'client', 'boot', 'spawn → connect', 'connect → request', 'requests (count)', 'response → exit', 'total'], phaseRows)}

### Start-up and CPU

\`node -e 0\` and \`cloutapi --version\` on loopback, alternating, medians of ${ROUNDS} (ms); the
same with \`NODE_DISABLE_COMPILE_CACHE=1\`; and the CPU (user + system, GNU time's getrusage of
the child, 10 ms resolution) of one read (\`consumer list --bunit-id 11\` through the portal),
medians of ${ROUNDS}: ours, the Go CLI's, and the read's three floors (its GET alone in a bare
Node script: by \`https.get\`, by Node's own \`fetch\`, by node-fetch v3).

${markdownTable(['Node', '`node -e 0`', '`--version`', 'ratio', '`--version`, no compile cache', 'CPU of one read, ours', 'CPU, Go', 'CPU, bare `https.get`', 'CPU, bare `fetch`', 'CPU, bare node-fetch'], startRows)}

### Goals (issue 25)

${judgedResults.length > 0 ? `Judged on ${goalNodes.map((r) => r.node.label).join(' and ')}` : `Node 24 and 22 were not found (see tooling/bench/scripts/setup.sh): shown on ${goalNodes.map((r) => r.node.label).join('')}, not judged`}; \`cloutapi status\` is in its own section below.

${markdownTable(['goal', ...goalNodes.map((r) => r.node.label)], goalRows)}

The floors in a goal's cell are the floor rows above: the same requests from a bare Node script
with no CLI around them (for the CPU: their CPU). A goal below its floor cannot be met by any
Node client that makes those requests that way.

Load average of this machine (${cpus().length} cores) over the minute before the run: ${loadBefore.toFixed(1)}, after it: ${(loadavg()[0] ?? 0).toFixed(1)}. A loaded machine slows every process start, Go's less than Node's: ratios are only meaningful on an idle machine.`;

  const file = writeBenchmarkSection(
    'cli',
    '@cloutapi/cli: against the Go CLI, a portal 40 ms away',
    body,
  );
  process.stdout.write(`${body}\n\nwritten to ${file}\n`);
} finally {
  await bench.close();
}
