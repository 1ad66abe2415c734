import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '@cloutapi/vitest-config/processes';

/** GNU time (Debian package `time`): the user and system CPU of exactly one child. */
export const TIME = '/usr/bin/time';

/**
 * The CPU (user + system, ms, 10 ms resolution) `command` used, measured by GNU time's
 * getrusage of its child (this process's own counters would mix in the proxy's work). Fails when
 * the command fails.
 */
export async function cpuMs(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cloutapi-cpu-'));
  try {
    const out = join(dir, 'time');
    const run = await runProcess(TIME, ['-f', '%U %S', '-o', out, command, ...args], options);
    if (run.code !== 0)
      throw new Error(`${command} ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    const [user = Number.NaN, system = Number.NaN] = readFileSync(out, 'utf8')
      .trim()
      .split(/\s+/)
      .slice(-2)
      .map(Number);
    return (user + system) * 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
