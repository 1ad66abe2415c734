/**
 * The portal of the team benchmark: a simulator with as many portal users as the benchmark has
 * people, in its own process (so its CPU is not the load generator's event loop). Run directly,
 * `tsx bench/team-portal.ts COUNT` starts it and prints its URL; the benchmark starts it with
 * {@link startBenchPortal}.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { demoCredentials, startSimulator } from '@cloutapi/simulator';
import { baseEnv } from '@cloutapi/vitest-config';
import { printedMatch, type Started, startProcess } from '@cloutapi/vitest-config/processes';

/** One person of the benchmark: a portal user of its own. */
export interface BenchPerson {
  username: string;
  password: string;
}

/** Person `index` (0-based) of the benchmark's portal. */
export const benchPerson = (index: number): BenchPerson => ({
  username: `person-${String(index).padStart(4, '0')}@bench.example`,
  password: `bench-password-${index}`,
});

/** The portal in its own process: its URL, and `stop` to end it. */
export interface BenchPortal {
  url: string;
  run: Started;
  stop(): Promise<void>;
}

/** Starts the simulator with `people` portal users (read-only: the benchmark only reads). */
export async function startBenchPortal(people: number): Promise<BenchPortal> {
  const run = startProcess(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), String(people)],
    { env: baseEnv() },
  );
  try {
    const [, url = ''] = await printedMatch(run, /portal at (\S+)/);
    return {
      url,
      run,
      async stop() {
        if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
        await run.exited.catch(() => {});
      },
    };
  } catch (error) {
    run.child.kill('SIGKILL');
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const people = Number(process.argv[2]);
  if (!Number.isInteger(people) || people < 1) throw new Error('usage: team-portal.ts COUNT');
  const sim = await startSimulator({
    users: Array.from({ length: people }, (_, i) => ({
      ...benchPerson(i),
      displayName: `Bench person ${i}`,
      role: 'readonly' as const,
    })),
  });
  process.stdout.write(
    `portal at ${sim.url} (client id ${demoCredentials.clientId}, ${people} users)\n`,
  );
  process.once('SIGTERM', () => {
    sim.stop().then(() => process.exit(0));
  });
}
