import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess } from '@cloutapi/vitest-config/processes';
import { describe, expect, it } from 'vitest';
import {
  CLI,
  cli,
  cliEnv,
  requestCount,
  resultRows as results,
  tempDir,
  useSimulator,
} from './helpers.js';

const { sim, env } = useSimulator();
const dir = tempDir();

describe('enroll --from: the files', () => {
  it('--reveal-passwords over an existing 0644 results file leaves a 0600 file', async () => {
    const csv = join(dir, 'reveal.csv');
    writeFileSync(csv, 'name,bunit,os\nreveal-01,13,Linux\n');
    const out = join(dir, 'reveal.results.csv');
    writeFileSync(out, 'old results, readable by all\n');
    chmodSync(out, 0o644);
    const run = await cli(['enroll', '--from', csv, '--reveal-passwords'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(results(out)[0]?.password).toBeTruthy();
  });

  it('a # inside a value is data; a line starting with # is a comment', async () => {
    const csv = join(dir, 'hash.csv');
    writeFileSync(csv, '# machines of the web team\nname,bunit,os\nhashweb#1,13,Linux\n');
    const run = await cli(['enroll', '--from', csv, '--json'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as { name: string; status: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'hashweb#1', status: 'enrolled' });
  });

  it('a file that is not UTF-8 (Latin-1) is refused, naming the line; nothing is sent', async () => {
    const csv = join(dir, 'latin1.csv');
    writeFileSync(
      csv,
      Buffer.concat([
        Buffer.from('name,bunit,os\nplain-01,13,Linux\ncaf'),
        Buffer.from([0xe9]),
        Buffer.from('-01,13,Linux\n'),
      ]),
    );
    const before = requestCount(sim());
    const run = await cli(['enroll', '--from', csv], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not UTF-8 text \(line 3\)/);
    expect(requestCount(sim())).toBe(before);
  });

  it('two rows that make the same node name are refused before anything is sent', async () => {
    const csv = join(dir, 'same.csv');
    writeFileSync(csv, 'name,bunit,os\nweb 01,13,Linux\nother,13,Linux\nWEB-01,11,Linux\n');
    const before = requestCount(sim());
    const run = await cli(['enroll', '--from', csv], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rows 1 and 3 both become node WEB-01/);
    expect(requestCount(sim())).toBe(before);
  });
});

describe('enroll --from: Ctrl-C', () => {
  it('stops taking rows, lets those in flight settle, writes every row and exits 130', async () => {
    const machines = Array.from(
      { length: 12 },
      (_, i) => `sigint-${String(i + 1).padStart(2, '0')}`,
    );
    const csv = join(dir, 'sigint.csv');
    writeFileSync(csv, ['name,bunit,os', ...machines.map((m) => `${m},13,Linux`)].join('\n'));
    // Every write is slow, so rows are in flight when Ctrl-C comes.
    const createdBefore = sim().stats.requests['POST /v1/bunits/{bunitId}/consumers'] ?? 0;
    sim().faults.add({ id: 'slow-writes', method: 'POST', path: '*', latencyMs: 400 });
    try {
      const args = [CLI, 'enroll', '--from', csv, '--concurrency', '2'];
      const run = startProcess(process.execPath, args, { env: cliEnv(env()) });
      // Ctrl-C once the first consumption unit was created: two rows are in flight then.
      const created = () =>
        (sim().stats.requests['POST /v1/bunits/{bunitId}/consumers'] ?? 0) - createdBefore;
      const until = Date.now() + 60_000;
      while (created() < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      run.child.kill('SIGINT');
      expect(await run.exited, run.stderr()).toBe(130);
      expect(run.stderr()).toContain('stopping: no new machines');
      const rows = results(join(dir, 'sigint.results.csv'));
      expect(rows.map((r) => r.name)).toEqual(machines);
      const statuses = rows.map((r) => r.status);
      // Rows in flight settled (none half-done, none failed); the rest were not started.
      expect(statuses.filter((s) => s === 'failed')).toEqual([]);
      expect(statuses.filter((s) => s === 'enrolled').length).toBeGreaterThanOrEqual(1);
      expect(statuses.filter((s) => s === 'not-started').length).toBeGreaterThanOrEqual(1);
      expect(run.stdout()).toMatch(
        /12 machines: \d+ enrolled, 0 already enrolled, 0 failed, \d+ not started/,
      );
    } finally {
      sim().faults.remove('slow-writes');
    }
  }, 120_000);
});
