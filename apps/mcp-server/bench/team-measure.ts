/**
 * The measurements of the team benchmark: one deployment under load (rate, latency, failures,
 * where the CPU went, how HAProxy spread the requests), and an instance's memory.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TeamInstance } from '../test/team.js';
import type { Cluster } from './team-cluster.js';
import { cpuSeconds, machineCpuSeconds, postgresCpuSeconds } from './team-cpu.js';
import { callLoad, quantile, type SignedIn } from './team-load.js';
import type { BenchPortal } from './team-portal.js';

/** CPU seconds of each part of the deployment, and of the whole machine. */
export interface Cpu {
  instances: number;
  postgres: number;
  haproxy: number;
  portal: number;
  /** This process: the people's calls. */
  load: number;
  machine: number;
}

/** One deployment's measured run. */
export interface Measured {
  instances: number;
  calls: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** The median of calls made one at a time by one person, the deployment otherwise idle. */
  alone: number;
  failed: number;
  errors: Map<string, number>;
  warmupErrors: Map<string, number>;
  /** CPU seconds during the measured run. */
  cpu: Cpu;
  seconds: number;
  /** Requests HAProxy sent each instance in the deployment's life (sign-ins and warm-up included). */
  spread: number[];
}

function cpuOf(cluster: Cluster, postmaster: number | undefined, portal: BenchPortal): Cpu {
  const { user, system } = process.cpuUsage();
  return {
    instances: cluster.instances.reduce((s, i) => s + cpuSeconds(i.process.child.pid ?? 0), 0),
    postgres: postgresCpuSeconds(postmaster),
    haproxy: cluster.haproxyPid ? cpuSeconds(cluster.haproxyPid) : 0,
    portal: cpuSeconds(portal.run.child.pid ?? 0),
    load: (user + system) / 1e6,
    machine: machineCpuSeconds(),
  };
}

/** Calls made one at a time after the measured run. */
export const ALONE = 100;

/** Warms every instance of the deployment up alike, then runs the measured calls. */
export async function measureLoad(
  cluster: Cluster,
  setup: { portal: BenchPortal; postmaster: number | undefined },
  people: () => Promise<SignedIn[]>,
  settings: { loops: number; warmupPerInstance: number; calls: number },
): Promise<Measured> {
  const who = await people();
  const warmupCalls = settings.warmupPerInstance * cluster.instances.length;
  const warmup = await callLoad(cluster.url, who, settings.loops, warmupCalls);
  const before = cpuOf(cluster, setup.postmaster, setup.portal);
  const result = await callLoad(cluster.url, who, settings.loops, settings.calls);
  const after = cpuOf(cluster, setup.postmaster, setup.portal);
  const cpu = Object.fromEntries(
    Object.entries(after).map(([k, v]) => [k, v - before[k as keyof Cpu]]),
  ) as unknown as Cpu;
  const [first] = who;
  const alone = first ? await callLoad(cluster.url, [first], 1, ALONE) : undefined;
  const stats = await cluster.haproxy.stats();
  return {
    instances: cluster.instances.length,
    calls: result.calls,
    perSecond: (result.calls / result.ms) * 1000,
    p50: quantile(result.latencies, 0.5),
    p99: quantile(result.latencies, 0.99),
    alone: alone ? quantile(alone.latencies, 0.5) : 0,
    failed: [...result.errors.values()].reduce((a, b) => a + b, 0),
    errors: result.errors,
    warmupErrors: new Map([...warmup.errors, ...(alone?.errors ?? [])]),
    cpu,
    seconds: result.ms / 1000,
    spread: cluster.instances.map((_, i) => stats[`mcp${i + 1}`]?.sessions ?? 0),
  };
}

/** An instance's memory (MiB) with `people` signed in. */
export interface MemoryReading {
  people: number;
  /** VmRSS as it is. */
  rss: number;
  /** After a full garbage collection: the resident set, and the JavaScript heap in use. */
  rssAfterGc: number;
  heapAfterGc: number;
}

const MiB = 2 ** 20;

/**
 * Reads `VmRSS`, then has the instance collect its garbage and report its memory (it runs with
 * team-gc.cjs preloaded and --expose-gc).
 */
export async function readMemory(instance: TeamInstance, people: number): Promise<MemoryReading> {
  const pid = instance.process.child.pid ?? 0;
  const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  const reports = () => [...instance.process.stderr().matchAll(/^bench-memory (.*)$/gm)];
  const seen = reports().length;
  instance.process.child.kill('SIGUSR2');
  for (let waited = 0; reports().length === seen; waited += 20) {
    if (waited > 10_000) throw new Error('the instance did not report its memory (team-gc.cjs)');
    await sleep(20);
  }
  const { rss, heapUsed } = JSON.parse(reports()[seen]?.[1] ?? '{}') as Record<string, number>;
  return {
    people,
    rss: kib / 1024,
    rssAfterGc: (rss ?? 0) / MiB,
    heapAfterGc: (heapUsed ?? 0) / MiB,
  };
}
