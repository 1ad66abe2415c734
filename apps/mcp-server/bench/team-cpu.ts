/**
 * Where the CPU goes during a run of the team benchmark: CPU seconds (user + system) of each
 * process, read from /proc (Linux only), so a run can say which of the processes sharing the
 * machine's cores spent them.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux Node supports). */
const TICKS = 100;

/** A process's state, parent and CPU ticks from /proc/PID/stat; undefined when it is gone. */
function stat(pid: number) {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may hold spaces: the fields are what follows it.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (n: number) => Number(fields[n - 3]);
  return { ppid: at(4), own: at(14) + at(15), children: at(16) + at(17) };
}

/** CPU seconds of `pid`, and of its children that ended and were waited for. */
export function cpuSeconds(pid: number): number {
  const s = stat(pid);
  return s ? (s.own + s.children) / TICKS : 0;
}

/** The processes whose parent is `parent`. */
export function childrenOf(parent: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (Number.isInteger(pid) && stat(pid)?.ppid === parent) found.push(pid);
  }
  return found;
}

/** The PostgreSQL server listening on `port`: its postmaster's pid. */
export function postmasterOf(port: number): number | undefined {
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('/postgres') && argv.join(' ').includes(`-p ${port} `)) return pid;
    } catch {}
  }
  return undefined;
}

/** CPU seconds of a PostgreSQL server: the postmaster and every backend, live or ended. */
export function postgresCpuSeconds(postmaster: number | undefined): number {
  if (postmaster === undefined) return 0;
  return childrenOf(postmaster).reduce((sum, pid) => sum + cpuSeconds(pid), cpuSeconds(postmaster));
}

/** CPU seconds every process of the machine has spent so far (/proc/stat's user, nice, system, irq, softirq). */
export function machineCpuSeconds(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = ticks.map(Number);
  return (user + nice + system + irq + softirq) / TICKS;
}
