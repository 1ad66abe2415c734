import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, requestCount, statusesOf, tempDir, useSimulator } from './helpers.js';

const { sim, env } = useSimulator();
const dir = tempDir();

/** The consumption units of a unit named `name`, through the CLI. */
async function unitsNamed(bunitId: number, name: string, e: NodeJS.ProcessEnv) {
  const list = await cliJson<{ items: { id: number; name: string }[] }>(
    ['consumers', 'list', '--bunit', String(bunitId)],
    { env: e },
  );
  return list.items.filter((c) => c.name === name);
}

describe('cloutapi enroll, several at once', () => {
  it('2 bulk runs over the same 40-row CSV at once (one cache folder) enroll each machine once', async () => {
    const e = env();
    const names = Array.from({ length: 40 }, (_, i) => `pair-${String(i).padStart(2, '0')}`);
    const csv = join(dir, 'pair.csv');
    writeFileSync(csv, `name,bunit,os\n${names.map((n) => `${n},12,Linux`).join('\n')}\n`);
    const runs = await Promise.all(
      ['a', 'b'].map((run) =>
        cli(
          [
            'enroll',
            '--from',
            csv,
            '--concurrency',
            '8',
            '--results',
            join(dir, `pair-${run}.csv`),
          ],
          { env: e },
        ),
      ),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const list = await cliJson<{ items: { name: string }[] }>(
      ['consumers', 'list', '--bunit', '12'],
      { env: e },
    );
    for (const name of names)
      expect(
        list.items.filter((c) => c.name === name),
        name,
      ).toHaveLength(1);
    // Between them, each machine was enrolled by one run and found by the other.
    const files = ['a', 'b'].map((run) => join(dir, `pair-${run}.csv`));
    for (const name of names)
      expect(statusesOf(name, files), name).toEqual(['already-enrolled', 'enrolled']);
  });

  it('2 single enrollments of one machine at once give one consumption unit', async () => {
    const e = env();
    const args = ['enroll', '--bunit', '12', '--name', 'pair-single', '--os', 'Linux', '--json'];
    const [a, b] = await Promise.all([cli(args, { env: e }), cli(args, { env: e })]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const statuses = [JSON.parse(a.stdout).status, JSON.parse(b.stdout).status].sort();
    expect(statuses).toEqual(['already-enrolled', 'enrolled']);
    expect(await unitsNamed(12, 'pair-single', e)).toHaveLength(1);
  });
});

describe('cloutapi enroll, round trips', () => {
  it('a new machine with a warm token: 9 requests (4 reads side by side, then 5 in sequence, the check for a twin beside the node creation, on the second connection it opened ahead); remembered lookups are not read again; a unit by name adds the tree', async () => {
    const e = env();
    await cli(['meta', 'version'], { env: e }); // signs in and caches the token
    let before = requestCount(sim());
    const byId = await cli(['enroll', '--bunit', '12', '--name', 'count-cli-1', '--os', 'Linux'], {
      env: e,
    });
    expect(byId.code, byId.stderr).toBe(0);
    expect(requestCount(sim()) - before).toBe(9);
    before = requestCount(sim());
    const byName = await cli(
      ['enroll', '--bunit', 'Acme Corporation', '--name', 'count-cli-2', '--os', 'Linux'],
      { env: e },
    );
    expect(byName.code, byName.stderr).toBe(0);
    // The tree, and this unit's domains and option sets; the operating systems are remembered.
    expect(requestCount(sim()) - before).toBe(9);
    before = requestCount(sim());
    const warm = await cli(['enroll', '--bunit', '12', '--name', 'count-cli-3', '--os', 'Linux'], {
      env: e,
    });
    expect(warm.code, warm.stderr).toBe(0);
    expect(requestCount(sim()) - before).toBe(6);
  });

  it('a bulk run of N machines with a warm token: catalog and server defaults once, then 6 requests per machine, 5 of them in sequence', async () => {
    const e = env();
    await cli(['meta', 'version'], { env: e });
    const N = 10;
    const csv = join(dir, 'count.csv');
    writeFileSync(
      csv,
      `name,bunit,os\n${Array.from({ length: N }, (_, i) => `count-bulk-${i},12,Linux`).join('\n')}\n`,
    );
    const before = requestCount(sim());
    const run = await cli(['enroll', '--from', csv, '--results', join(dir, 'count.results.csv')], {
      env: e,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(requestCount(sim()) - before).toBe(3 + 6 * N);
  });
});

describe('cloutapi enroll, duplicates made elsewhere', () => {
  it('names every unit and prints the exact commands that remove the empty ones; running them lets enroll succeed', async () => {
    const e = env();
    for (let i = 0; i < 3; i++) {
      const made = await cli(['consumers', 'create', '--bunit', '12', '--name', 'dup-cli'], {
        env: e,
      });
      expect(made.code, made.stderr).toBe(0);
    }
    const args = ['enroll', '--bunit', '12', '--name', 'dup-cli', '--os', 'Linux'];
    const refused = await cli(args, { env: e });
    expect(refused.code).not.toBe(0);
    const commands = [...refused.stderr.matchAll(/`(cloutapi consumers delete [^`]+)`/g)].map(
      (m) => m[1] as string,
    );
    expect(commands).toHaveLength(2);
    expect(refused.stderr).not.toMatch(/consumers\.delete\(/);
    // Run as a script runs them: without a terminal, a destructive command needs --yes.
    for (const command of commands) {
      const run = await cli([...command.split(' ').slice(1), '--yes'], { env: e });
      expect(run.code, run.stderr).toBe(0);
    }
    const enrolled = await cli(args, { env: e });
    expect(enrolled.code, enrolled.stderr).toBe(0);
    expect(await unitsNamed(12, 'dup-cli', e)).toHaveLength(1);
  });
});
