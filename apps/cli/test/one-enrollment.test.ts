import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enrollLockKey } from '@cloutapi/resources';
import { fileEnrollLock } from '@cloutapi/resources/enroll-file-lock';
import { printedMatch, startProcess } from '@cloutapi/vitest-config/processes';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { CLI, cli, cliEnv, statusesOf, tempDir, useSimulator } from './helpers.js';

/**
 * `enroll`, `enroll --from` and `consumer create` are one enrollment: run at once from processes
 * that share nothing but the user (cache folders, URL spellings), they leave one consumption unit
 * per name. Each scenario runs 20 trials on one simulator, with names of their own; every trial
 * checks the simulator's state and the exit codes. The lock is what makes the later processes
 * find the machine done (so exactly one enrolls); the check for a twin after creating is tested in
 * resources, with processes that share no lock.
 */

const { sim, env } = useSimulator();
const dir = tempDir();
const TRIALS = 20;
/**
 * About this many CLI processes run at once (each trial has names of its own): the processes, not
 * the waits, take the time, and a trial starts as soon as another ends.
 */
const PROCESSES_AT_ONCE = 16;
/** 20 trials of 2 to 5 processes each take minutes on a loaded machine; nothing here is timed. */
const TIMEOUT = 900_000;
const UNIT = '12';

/** Runs `trial(0..TRIALS-1)` in a pool, as many at once as keeps PROCESSES_AT_ONCE running. */
async function trials(processes: number, trial: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < TRIALS) await trial(next++);
  };
  await Promise.all(Array.from({ length: Math.ceil(PROCESSES_AT_ONCE / processes) }, worker));
}

/** The consumption units named exactly `name`, and their nodes, from the simulator's state. */
function machinesNamed(name: string) {
  const consumers = sim().state.consumers.filter((c) => c.name === name);
  const ids = new Set(consumers.map((c) => c.id));
  return { consumers, nodes: sim().state.nodes.filter((n) => ids.has(n.consumerId)) };
}

const create = (name: string) => [
  'consumer',
  'create',
  '--name',
  name,
  '--bunit-id',
  UNIT,
  '--os-type',
  '3',
  '--client-type',
  '1',
  '--activate',
];

/** The URL of the simulator as another process may spell it. */
const spelled = (host: 'localhost' | '127.0.0.1') => sim().url.replace('127.0.0.1', host);

/**
 * Environments made once and reused by every trial (a token cached after the first sign-in): one
 * for each kind of process, two cache folders, and two URL spellings with a cache folder each.
 */
const envs = new Map<string, NodeJS.ProcessEnv>();
function envOf(key: string, extra: () => NodeJS.ProcessEnv = () => ({})): NodeJS.ProcessEnv {
  // A loaded machine may keep a lock holder busy for long: its waiters wait as long as it takes.
  const e = envs.get(key) ?? env({ CLOUTAPI_TIMEOUT: '10m', ...extra() });
  envs.set(key, e);
  return e;
}

describe('one enrollment, whoever runs it (20 trials each)', () => {
  it(
    'five `consumer create --activate` of one name at once: one unit, one activated node; one exits 0, the others 5',
    async () => {
      await trials(5, async (trial) => {
        const name = `five-${trial}`;
        const runs = await Promise.all(
          Array.from({ length: 5 }, () => cli(create(name), { env: envOf('create') })),
        );
        const { consumers, nodes } = machinesNamed(name);
        expect(consumers, name).toHaveLength(1);
        expect(
          nodes.map((n) => n.tsmName),
          name,
        ).toEqual([name.toUpperCase()]);
        expect(runs.map((r) => r.code).sort(), runs.map((r) => r.stderr).join('\n')).toEqual([
          EXIT.ok,
          EXIT.conflict,
          EXIT.conflict,
          EXIT.conflict,
          EXIT.conflict,
        ]);
      });
    },
    TIMEOUT,
  );

  it(
    '`enroll` and `consumer create --activate` of one name at once: one unit; enroll exits 0, consumer create 0 or 5',
    async () => {
      await trials(2, async (trial) => {
        const name = `pair-${trial}`;
        const [enrolled, created] = await Promise.all([
          cli(['enroll', '--bunit', UNIT, '--name', name, '--os', 'Linux', '--json'], {
            env: envOf('enroll'),
          }),
          cli(create(name), { env: envOf('create') }),
        ]);
        expect(machinesNamed(name).consumers, name).toHaveLength(1);
        expect(machinesNamed(name).nodes, name).toHaveLength(1);
        expect(enrolled.code, enrolled.stderr).toBe(EXIT.ok);
        expect([EXIT.ok, EXIT.conflict], created.stderr).toContain(created.code);
        // Whoever came second found the first one's node.
        const second = created.code === EXIT.ok ? 'already-enrolled' : 'enrolled';
        expect(JSON.parse(enrolled.stdout).status, name).toBe(second);
      });
    },
    TIMEOUT,
  );

  it.each([
    ['cache', 'different cache folders', () => [envOf('cache-a'), envOf('cache-b')]],
    [
      'url',
      'different URL spellings',
      () => [
        envOf('localhost', () => ({ CLOUTAPI_URL: spelled('localhost') })),
        envOf('127.0.0.1', () => ({ CLOUTAPI_URL: spelled('127.0.0.1') })),
      ],
    ],
  ] as const)(
    'two `enroll --from` runs of the same rows at once (%s: %s): one unit per row; each enrolled by one run, found by the other',
    async (tag, _, pair) => {
      await trials(2, async (trial) => {
        const names = [0, 1, 2].map((row) => `bulk-${tag}-${trial}-${row}`);
        const csv = join(dir, `${names[0]}.csv`);
        writeFileSync(csv, `name,bunit,os\n${names.map((n) => `${n},${UNIT},Linux`).join('\n')}\n`);
        const results = (run: number) => join(dir, `${names[0]}.${run}.results.csv`);
        const runs = await Promise.all(
          pair().map((e, run) =>
            cli(['enroll', '--from', csv, '--results', results(run)], { env: e }),
          ),
        );
        for (const run of runs) expect(run.code, run.stderr).toBe(EXIT.ok);
        for (const name of names) {
          expect(machinesNamed(name).consumers, name).toHaveLength(1);
          expect(statusesOf(name, [results(0), results(1)]), name).toEqual([
            'already-enrolled',
            'enrolled',
          ]);
        }
      });
    },
    TIMEOUT,
  );
});

describe('an enrollment waiting for another', () => {
  it('stops at --timeout (exit 6), and at Ctrl-C, having written nothing', async () => {
    const name = 'waits-01';
    const held = await fileEnrollLock().acquire(enrollLockKey(Number(UNIT), name), {});
    try {
      const args = ['enroll', '--bunit', UNIT, '--name', name, '--os', 'Linux'];
      const timedOut = await cli(['--timeout', '1s', ...args], { env: env() });
      expect(timedOut.code, timedOut.stderr).toBe(EXIT.unreachable);
      expect(timedOut.stderr).toContain(
        `another enrollment of the same machine holds its lock (process ${process.pid}): waited 1 s`,
      );
      const waiting = startProcess(process.execPath, [CLI, ...args], { env: cliEnv(env()) });
      await printedMatch(waiting, /lock: another enrollment/, 'stderr');
      waiting.child.kill('SIGINT');
      expect(await waiting.exited, waiting.stderr()).toBe(EXIT.interrupted);
      expect(machinesNamed(name).consumers).toHaveLength(0);
    } finally {
      await held.release();
    }
  });

  it('a lock kept fresh by its holder still ends at --timeout (exit 6), naming the holder; nothing is written', async () => {
    const name = 'kept-fresh-01';
    // Refreshed every second until the test ends: only --timeout can end the wait.
    const held = await fileEnrollLock({ staleMs: 2000 }).acquire(
      enrollLockKey(Number(UNIT), name),
      {},
    );
    try {
      const before = sim().stats.log.length;
      const args = ['enroll', '--bunit', UNIT, '--name', name, '--os', 'Linux', '--timeout', '2s'];
      const run = await cli(args, { env: env() });
      expect(run.code, run.stderr).toBe(EXIT.unreachable);
      expect(run.stderr).toContain(`holds its lock (process ${process.pid})`);
      expect(run.stderr).toContain('nothing was created');
      expect(
        sim()
          .stats.log.slice(before)
          .filter((e) => e.method !== 'GET' && e.route !== '/v1/oauth'),
      ).toEqual([]);
    } finally {
      await held.release();
    }
  });
});

describe('the lock folder', () => {
  it('is never a cache folder others may write to: CLOUTAPI_CACHE_DIR 0777 gets no locks/, and says why it is not used', async () => {
    const open = join(dir, 'open-cache');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const name = 'open-cache-01';
    const run = await cli(['enroll', '--bunit', UNIT, '--name', name, '--os', 'Linux'], {
      env: env({ CLOUTAPI_CACHE_DIR: open }),
    });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stderr).toContain(`not using the token cache folder ${open}: others may write in`);
    expect(readdirSync(open)).toEqual([]);
    expect(machinesNamed(name).consumers).toHaveLength(1);
  });
});
