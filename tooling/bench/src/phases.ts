/**
 * The phase trace of one command, seen from outside: this process spawns it and sees it exit,
 * and the delay proxy (in this process, same clock) records when its connections and requests
 * happened at the client's end of the emulated link.
 */
import { startProcess } from '@cloutapi/vitest-config/processes';
import type { DelayProxy, ProxyEvent, ProxyStats } from './delay-proxy.js';
import { median } from './timing.js';

/** Where one command's wall time went, in ms (see the README for what each column holds). */
export interface Phases {
  /** Spawn to the first TCP connect: Node's boot and the loading of the CLI (Go: its start). */
  toConnect: number;
  /** First TCP connect to the first request's first byte: one round trip for TCP, one for TLS 1.3. */
  toRequest: number;
  /** First request's first byte out to the last response's last byte in. */
  requests: number;
  /** How many HTTP requests the command made. */
  count: number;
  /** Last response's last byte in to the process's exit. */
  toExit: number;
}

/** A command run to its end with its phases and the proxy's counters. */
export interface TracedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  stats: ProxyStats;
  /** Undefined when the command made no request. */
  phases: Phases | undefined;
}

/**
 * Runs `command` alone against `proxy` (its counters and trace are reset first, so they are this
 * command's) and returns its phases. Fails when it exits otherwise than `expectedCode`.
 */
export async function runTraced(
  proxy: DelayProxy,
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; expectedCode?: number } = {},
): Promise<TracedRun> {
  proxy.reset();
  const spawnedAt = performance.now();
  const run = startProcess(command, args, options);
  let exitedAt = Number.NaN;
  run.child.on('exit', () => {
    exitedAt = performance.now();
  });
  run.child.stdin.end();
  const code = await run.exited;
  const result = { code, stdout: run.stdout(), stderr: run.stderr(), ms: exitedAt - spawnedAt };
  if (code !== (options.expectedCode ?? 0))
    throw new Error(`${command} ${args.join(' ')} exited ${code}: ${result.stderr.slice(0, 2000)}`);
  const trace = proxy.trace();
  return { ...result, stats: proxy.stats(), phases: phasesOf(spawnedAt, exitedAt, trace) };
}

function phasesOf(spawnedAt: number, exitedAt: number, trace: ProxyEvent[]): Phases | undefined {
  const first = (kind: ProxyEvent['kind']) => trace.find((e) => e.kind === kind)?.at;
  const connect = first('connect');
  const request = first('request');
  const response = trace.findLast((e) => e.kind === 'response')?.at;
  if (connect === undefined || request === undefined || response === undefined) return undefined;
  return {
    toConnect: connect - spawnedAt,
    toRequest: request - connect,
    requests: response - request,
    count: trace.filter((e) => e.kind === 'request').length,
    toExit: exitedAt - response,
  };
}

/** The median of each phase over several runs of one command. */
export function medianPhases(runs: readonly TracedRun[]): Phases {
  const all = runs.flatMap((r) => (r.phases ? [r.phases] : []));
  const of = (key: keyof Phases) => median(all.map((p) => p[key]));
  return {
    toConnect: of('toConnect'),
    toRequest: of('toRequest'),
    requests: of('requests'),
    count: of('count'),
    toExit: of('toExit'),
  };
}
