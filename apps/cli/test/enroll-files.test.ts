import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess } from '@cloutapi/vitest-config/processes';
import { stringify } from 'csv-stringify/sync';
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

describe('enroll --from: hostile names and headers', () => {
  const CONSUMERS = 'POST /v1/bunits/{bunitId}/consumers';
  const created = () => sim().stats.requests[CONSUMERS] ?? 0;

  it('the results file neutralises formula-leading cells; --json and the portal keep the raw names', async () => {
    const names = ['=HYPERLINK("http://e","x")', '+SUM(1+1)', '@SUM(A1)', '-2+3'];
    const csv = join(dir, 'formulas.csv');
    writeFileSync(csv, stringify([['name', 'bunit', 'os'], ...names.map((n) => [n, 13, 'Linux'])]));
    const out = join(dir, 'formulas.results.csv');
    const run = await cli(['enroll', '--from', csv, '--results', out, '--json'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { name: string; nodeName: string }[];
    expect(json.map((r) => r.name)).toEqual(names);
    expect(json[1]?.nodeName).toBe('+SUM-1+1');

    // Read back as the CLI writes it: each such cell starts with ' and is quoted.
    const rows = results(out);
    expect(rows.map((r) => r.name)).toEqual(names.map((n) => `'${n}`));
    expect(rows[1]?.node_name).toBe("'+SUM-1+1");
    const text = readFileSync(out, 'utf8');
    for (const name of names) expect(text).toContain(`"'${name.replaceAll('"', '""')}"`);
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);

    for (const name of names)
      expect(sim().state.consumers.filter((c) => c.name === name)).toHaveLength(1);
  });

  it.each([
    [
      'name,bunit,os,bunit',
      'dup-01,13,Linux,13',
      /line 2: the column bunit is given twice \(bunit, bunit\)/,
    ],
    [
      'name,bunit,CPUs,os,cpu-count',
      'dup-02,13,2,Linux,4',
      /line 2: the column cpus is given twice \(CPUs, cpu-count\)/,
    ],
  ])(
    'a duplicate header (%s) is refused, naming it and its line; nothing is sent',
    async (header, row, message) => {
      const csv = join(dir, 'dup.csv');
      writeFileSync(csv, `# machines\n${header}\n${row}\n`);
      const before = requestCount(sim());
      const run = await cli(['enroll', '--from', csv], { env: env() });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(requestCount(sim())).toBe(before);
    },
  );

  it('a name with CR, LF or tab is refused, naming its row and line; nothing is sent for it', async () => {
    const csv = join(dir, 'control.csv');
    const file = [
      'name,bunit,os',
      'plain-02,13,Linux',
      '"web\r\n07",13,Linux',
      'db\t01,13,Linux',
      '# a comment',
      '"app\n02",13,Linux',
      '',
    ].join('\n');
    writeFileSync(csv, file);
    const before = created();
    const out = join(dir, 'control.results.csv');
    const run = await cli(['enroll', '--from', csv, '--results', out], { env: env() });
    expect(run.code, run.stderr).toBe(1);
    const refused = 'name: a name may not contain control characters (tab, line breaks)';
    expect(run.stderr).toContain(`row 2 (line 3, web␍␊07): ${refused}`);
    expect(run.stderr).toContain(`row 3 (line 5, db␉01): ${refused}`);
    expect(run.stderr).toContain(`row 4 (line 7, app␊02): ${refused}`);
    const rows = results(out);
    expect(rows.map((r) => [r.line, r.status])).toEqual([
      ['2', 'enrolled'],
      ['3', 'failed'],
      ['5', 'failed'],
      ['7', 'failed'],
    ]);
    // Only the valid row reached the portal.
    expect(created() - before).toBe(1);
    expect(sim().state.consumers.filter((c) => /[\t\r\n]/.test(c.name ?? ''))).toEqual([]);
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
