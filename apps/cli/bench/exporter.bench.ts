/**
 * Benchmark of `cloutapi status serve` (run by `pnpm bench`, written to BENCHMARKS.md): the
 * exporter over 10,000 machines in 500 units (the simulator in its own process on loopback,
 * `--machines 10000 --units 500`). Measured: the first refresh's time and portal requests (against
 * the budget of one request per machine plus one per unit), the exporter's memory once it serves
 * (resident set and its peak, from /proc), and the time of one scrape (median of 30, the whole
 * body read) with the body's size and series. Runs on the bench's Node.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  demoEnv,
  markdownTable,
  median,
  startSimulatorProcess,
  time,
  writeBenchmarkSection,
} from '@cloutapi/bench';
import { printedMatch, startProcess } from '@cloutapi/vitest-config/processes';

const CLI = fileURLToPath(new URL('../dist/bin/cloutapi.cjs', import.meta.url));
const MACHINES = 10_000;
const UNITS = 500;
const SCRAPES = 30;

/** Resident memory and its peak of a process, in MiB, from /proc (Linux). */
function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

const sim = await startSimulatorProcess(['--machines', String(MACHINES), '--units', String(UNITS)]);
const home = mkdtempSync(join(tmpdir(), 'cloutapi-exporter-bench-'));
const exporter = startProcess(
  process.execPath,
  [CLI, 'status', 'serve', '--port', '0', '--interval', '1h', '--concurrency', '16'],
  { env: demoEnv(home, { CLOUTAPI_URL: sim.url, CLOUTAPI_CACHE_DIR: join(home, 'cache') }) },
);
try {
  const [, address] = await printedMatch(exporter, /metrics at (http:\/\/\S+)\/metrics/, 'stderr');
  await printedMatch(exporter, /read \d+ machines/, 'stderr');
  const url = `${address}/metrics`;
  let body = '';
  const scrapeMs: number[] = [];
  for (let i = 0; i < SCRAPES; i++)
    scrapeMs.push(
      await time(async () => {
        body = await (await fetch(url)).text();
      }),
    );
  const memory = memoryMiB(exporter.child.pid as number);
  const sample = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(body)?.[1]);
  const requests = [...body.matchAll(/^cloutapi_refresh_requests\{operation="([^"]+)"\} (\d+)$/gm)];
  const total = requests.reduce((n, m) => n + Number(m[2]), 0);
  const machines = (body.match(/^cloutapi_backup_status\{/gm) ?? []).length;
  const never = (body.match(/^cloutapi_backup_status\{[^}]*category="never"/gm) ?? []).length;
  const series = body.split('\n').filter((l) => l && !l.startsWith('#')).length;
  const budget = machines + UNITS;
  const rows = [
    ['machines, units', `${machines.toLocaleString('en')}, ${UNITS}`],
    [
      'first refresh',
      `${sample('cloutapi_refresh_duration_seconds').toFixed(1)} s at concurrency 16`,
    ],
    [
      'portal requests of a refresh',
      `${total.toLocaleString('en')} (${requests.map((m) => `${m[2]} ${m[1]}`).join(', ')})`,
    ],
    [
      'budget: one a machine plus one a unit',
      `${budget.toLocaleString('en')}: ${total <= budget ? '**within**' : `**over by ${total - budget}**`}`,
    ],
    [
      'exporter memory (resident / peak)',
      `${memory.rss.toFixed(0)} MiB / ${memory.peak.toFixed(0)} MiB`,
    ],
    ['one scrape (median of 30, body read)', `${median(scrapeMs).toFixed(1)} ms`],
    [
      'scrape body',
      `${(body.length / 1_048_576).toFixed(1)} MiB, ${series.toLocaleString('en')} series`,
    ],
  ];
  const over =
    total > budget
      ? ` The requests past the budget are those of the ${never} machines listed without a last backup (never backed up): their first job and their jobs, two each (${2 * never}), to tell a machine never backed up from one not backed up for a month; machines never activated cost none.`
      : '';
  const text = `\`cloutapi status serve\` over ${MACHINES.toLocaleString('en')} machines in ${UNITS} units (\`cloutapi-simulator --machines ${MACHINES} --units ${UNITS}\`, its own process on loopback, no added latency), on ${process.version}. A scrape is answered from the last refresh: it sends no request to the portal.${over}

${markdownTable(['', ''], rows)}`;
  const file = writeBenchmarkSection(
    'cli-exporter',
    '@cloutapi/cli: the exporter over 10,000 machines',
    text,
  );
  process.stdout.write(`${text}\n\nwrote ${file}\n`);
} finally {
  exporter.child.kill('SIGTERM');
  sim.run.child.kill('SIGTERM');
  await Promise.all([exporter.exited, sim.run.exited]);
}
