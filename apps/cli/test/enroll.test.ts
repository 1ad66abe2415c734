import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cli,
  cliJson,
  cliOnTerminal,
  requestCount,
  resultRows,
  tempDir,
  useSimulator,
} from './helpers.js';

const { sim, env } = useSimulator();
const dir = tempDir();

type Enrolled = {
  status: string;
  nodeName: string;
  password: string;
  consumerId: number;
  server: { name: string };
};

/** The consumption units of a unit, by name (to count duplicates). */
async function consumerNames(bunitId: number, e: NodeJS.ProcessEnv): Promise<string[]> {
  const list = await cliJson<{ items: { name: string }[] }>(
    ['consumers', 'list', '--bunit', String(bunitId)],
    { env: e },
  );
  return list.items.map((c) => c.name);
}

describe('cloutapi enroll', () => {
  it('enrolls a machine and prints node name, server and password', async () => {
    const result = await cli(
      ['enroll', '--bunit', 'Acme Corporation', '--name', 'web_07.example', '--os', 'Linux'],
      {
        env: env(),
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Enrolled web_07\.example/);
    expect(result.stdout).toMatch(/node name\s+WEB_07\.EXAMPLE/);
    expect(result.stdout).toMatch(/server\s+SP-STO1/);
    expect(result.stdout).toMatch(/password\s+\S{8,}/);
    // The default node name is the machine name made valid, and says what changed.
    expect(result.stderr).toMatch(
      /node name WEB_07\.EXAMPLE \(from "web_07\.example": upper-cased\)/,
    );
  });

  it('--json gives the result with the password; a second run reports it already enrolled', async () => {
    const e = env();
    const args = [
      'enroll',
      '--bunit',
      '12',
      '--name',
      'db 01',
      '--os',
      'Windows Server',
      '--node-type',
      'Microsoft SQL Server',
    ];
    const first = await cliJson<Enrolled>(args, { env: e });
    expect(first).toMatchObject({ status: 'enrolled', nodeName: 'DB-01' });
    expect(first.password.length).toBeGreaterThan(7);
    const again = await cliJson<Enrolled>(args, { env: e });
    expect(again).toMatchObject({
      status: 'already-enrolled',
      consumerId: first.consumerId,
      nodeName: 'DB-01',
    });
    expect((await consumerNames(12, e)).filter((n) => n === 'db 01')).toHaveLength(1);
  });

  it('defaults the machine name to this host and refuses bad input before sending (exit 2)', async () => {
    const e = env();
    const here = await cliJson<Enrolled & { consumerName: string }>(
      ['enroll', '--bunit', 'Stark Logistics', '--os', 'Linux'],
      { env: e },
    );
    expect(here.consumerName).toBe(hostname());
    const before = requestCount(sim());
    const noUnit = await cli(['enroll', '--os', 'Linux'], { env: e });
    expect(noUnit.code).toBe(2);
    expect(noUnit.stderr).toMatch(/--bunit: required/);
    expect(requestCount(sim())).toBe(before);
    const badName = await cli(
      ['enroll', '--bunit', '11', '--name', 'x', '--node-name', 'not valid!'],
      { env: e },
    );
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/--node-name: a node name may contain only/);
    const badCpus = await cli(['enroll', '--bunit', '11', '--name', 'x', '--cpus', '-3'], {
      env: e,
    });
    expect(badCpus.code).toBe(2);
    expect(badCpus.stderr).toMatch(/--cpus: expected a CPU count: a whole number from 1 to 1024/);
    const unknownUnit = await cli(['enroll', '--bunit', 'Nowhere Inc', '--name', 'x'], { env: e });
    expect(unknownUnit.code).toBe(2);
    expect(unknownUnit.stderr).toMatch(/--bunit: no business unit is named "Nowhere Inc"/);
    const badOs = await cli(['enroll', '--bunit', '11', '--name', 'x', '--os', 'BeOS'], { env: e });
    expect(badOs.code).toBe(2);
    expect(badOs.stderr).toMatch(/--os: .*BeOS/);
  });

  it('stopped once its consumption unit exists: exits 7 (partly done), and the re-run finishes it', async () => {
    const e = env();
    const args = ['enroll', '--bunit', '11', '--name', 'half-enroll', '--os', 'Linux'];
    // Before anything exists, a failure exits as its cause: 1 for the portal's 503.
    const failOnce = (path: string) =>
      sim().faults.add({ method: 'POST', path, status: 503, times: 1 });
    failOnce('/v1/bunits/{bunitId}/consumers');
    const nothing = await cli(args, { env: e });
    expect(nothing.code, nothing.stderr).toBe(1);
    expect(nothing.stderr).toMatch(/stopped at "consumer"/);
    failOnce('/v1/bunits/{bunitId}/consumers/{consumerId}/node');
    const failed = await cli(args, { env: e });
    expect(failed.code, failed.stderr).toBe(7);
    expect(failed.stderr).toMatch(/stopped at "node".*Done so far: .*consumer: /);
    const again = await cli(args, { env: e });
    expect(again.code, again.stderr).toBe(0);
    expect((await consumerNames(11, e)).filter((n) => n === 'half-enroll')).toHaveLength(1);
  });
});

describe('cloutapi enroll --from machines.csv', () => {
  const machines = Array.from({ length: 12 }, (_, i) => `bulk-${String(i + 1).padStart(2, '0')}`);
  const csv = join(dir, 'machines.csv');
  writeFileSync(
    csv,
    [
      'Name,BUnit,OS,node-name',
      ...machines.map(
        (name, i) =>
          `${name},${i % 2 ? 'Acme Engineering' : '13'},Linux,${i === 0 ? 'FIRST-ONE' : ''}`,
      ),
    ].join('\n'),
  );

  it('enrolls every row, survives failures mid-way, and a re-run completes without duplicates', async () => {
    const e = env();
    sim().faults.add({
      method: 'POST',
      path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node',
      status: 503,
      times: 2,
    });
    const first = await cli(['enroll', '--from', csv, '--concurrency', '4'], { env: e });
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/12 machines: 10 enrolled, 0 already enrolled, 2 failed/);
    const resultsFile = join(dir, 'machines.results.csv');
    const rows = resultRows(resultsFile);
    expect(rows).toHaveLength(12);
    expect(Object.keys(rows[0] ?? {})).not.toContain('password');
    expect(rows.filter((r) => r.status === 'failed')).toHaveLength(2);
    expect(rows.find((r) => r.name === 'bulk-01')?.node_name).toMatch(/FIRST-ONE|^$/);
    expect(readFileSync(resultsFile, 'utf8')).not.toMatch(/password/i);

    const second = await cli(
      ['enroll', '--from', csv, '--reveal-passwords', '--results', join(dir, 'second.csv')],
      { env: e },
    );
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/12 machines: 2 enrolled, 10 already enrolled, 0 failed/);
    const again = resultRows(join(dir, 'second.csv'));
    expect(again.every((r) => r.status !== 'failed' && r.password && r.node_name)).toBe(true);
    expect(again.find((r) => r.name === 'bulk-01')?.node_name).toBe('FIRST-ONE');
    expect(statSync(join(dir, 'second.csv')).mode & 0o777).toBe(0o600);

    const names = [...(await consumerNames(13, e))];
    for (const machine of machines)
      expect(
        names.filter((n) => n === machine),
        machine,
      ).toHaveLength(1);
  });

  it('shows a progress bar on a terminal only', async () => {
    const e = env();
    const piped = await cli(['enroll', '--from', csv, '--results', join(dir, 'piped.csv')], {
      env: e,
    });
    expect(piped.stderr).not.toContain('enrolling [');
    const onTerminal = await cliOnTerminal(
      `enroll --from "${csv}" --results "${join(dir, 'tty.csv')}"`,
      e,
    );
    if (onTerminal === undefined) return; // no `script`: no terminal to test on
    expect(onTerminal).toMatch(/enrolling \[.*\] \d+\/12 machines/);
    expect(onTerminal).toMatch(/12 machines: 0 enrolled, 12 already enrolled, 0 failed/);
  });

  it('--json lists one outcome per row, and a bad column is a usage error', async () => {
    const e = env();
    const result = await cliJson<{ row: number; status: string; password?: string }[]>(
      ['enroll', '--from', csv, '--results', join(dir, 'third.csv')],
      { env: e },
    );
    expect(result).toHaveLength(12);
    expect(result.every((r) => r.password === undefined)).toBe(true);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'name,colour\nx,blue\n');
    const refused = await cli(['enroll', '--from', bad], { env: e });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/unknown column "colour"/);
  });
});
