import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '@cloutapi/simulator';
import { CHROMIUM, CHROMIUM_FLAGS } from '@cloutapi/vitest-config/chromium';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  cli,
  cliOnTerminal,
  hasEscapes,
  requestCount,
  simEnv,
  tempDir,
  useSimulator,
} from './helpers.js';

/*
 * The simulator runs on the real clock, as the CLI does: the demo machines keep their health at
 * any date and hour of it, so the expectations hold on any day.
 */
const { sim, env } = useSimulator();
const dir = tempDir('cloutapi-status-');
const PROMTOOL = '/usr/bin/promtool';
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('cloutapi status', () => {
  it('summarises every unit and lists the machines needing attention worst first; exits 2', async () => {
    const r = await cli(['status'], { env: env() });
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stdout.split('\n');
    const acme = lines.find((l) => /^\s+Acme Finance\s/.test(l));
    expect(acme).toMatch(/Acme Finance\s+2\s+1\s/);
    const attention = lines.slice(lines.findIndex((l) => l.startsWith('Needing attention')) + 2);
    expect(attention[0]).toMatch(
      /^FAILED\s+Acme Finance\s+fin-db01\s+\d+ (hours|days) ago\s+Failed backup/,
    );
    expect(attention[1]).toMatch(/^NEVER\s+Initech\s+initech-ci01\s+never\s/);
    expect(attention[2]).toMatch(/^AT RISK\s+Globex Industries\s+globex-web01\s+[34] days ago\s/);
    expect(r.stdout).toMatch(/^WARNING\s+Acme Corporation\s+acme-sql01\s/m);
    expect(r.stdout).toMatch(/^NOT ACTIVATED\s+Acme Engineering\s+eng-mac-studio\s+never\s/m);
    expect(r.stdout).toMatch(
      /CRITICAL: 19 machines, 1 failed, 1 never, 1 at-risk, 3 warning, 3 not-activated, 10 ok/,
    );
    expect(hasEscapes(r.stdout)).toBe(false);
  });

  it.each([
    ['OK', 0, ['--bunit', 'Initech Labs', '--no-sub-units']],
    ['WARNING', 1, ['--bunit', 'Acme Engineering']],
    ['CRITICAL', 2, ['--bunit', 'Acme Finance']],
  ])(
    'exits as a Nagios plugin: %s is %i, with the one-line output and perfdata',
    async (state, code, args) => {
      const r = await cli(['status', ...args, '--format', 'nagios'], { env: env() });
      expect(r.code, r.stderr).toBe(code);
      const out = r.stdout.trimEnd();
      expect(out.split('\n')).toHaveLength(1);
      expect(out).toMatch(new RegExp(`^BACKUP ${state} - \\d+ machines?: `));
      const [, perf] = out.split(' | ');
      expect(perf?.split(' ')).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^failed=\d+;;;0$/),
          expect.stringMatching(/^ok=\d+;;;0$/),
          expect.stringMatching(/^stored=\d+MB;;;0$/),
        ]),
      );
    },
  );

  it('exits 3 (UNKNOWN) when a machine cannot be read, and when the check cannot run', async () => {
    const s = sim();
    const labs = s.state.businessUnits.find((u) => u.name === 'Initech Labs')!.id;
    const gpu = s.state.consumers.find((c) => c.name === 'labs-gpu01')!.id;
    const id = s.faults.add({
      path: `/v1/bunits/${labs}/consumers/${gpu}/reports/latest`,
      status: 500,
    });
    try {
      const r = await cli(
        ['status', '--bunit', String(labs), '--no-sub-units', '--format', 'nagios'],
        {
          env: env(),
        },
      );
      expect(r.code, r.stderr).toBe(3);
      expect(r.stdout).toMatch(/^BACKUP UNKNOWN - 1 machine: 1 unknown/);
    } finally {
      s.faults.remove(id);
    }
    const down = await cli(['status', '--format', 'nagios'], {
      env: env({ CLOUTAPI_URL: 'http://127.0.0.1:9' }),
    });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/no response \(ECONNREFUSED\)/);
    const bad = await cli(['status', '--at-risk', 'soon'], { env: env() });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/--at-risk: expected a duration/);
    const older = await cli(['status', '--stale', 'soon'], { env: env() });
    expect(older.stderr).toMatch(/--stale: expected a duration/);
    const pair = await cli(['status', '--at-risk-for', 'Windows'], { env: env() });
    expect(pair.stderr).toMatch(/--at-risk-for: expected TYPE=DURATION/);
  });

  it('--json prints the whole result', async () => {
    const r = await cli(['status', '--json'], { env: env() });
    expect(r.code, r.stderr).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.status).toBe('critical');
    expect(json.counts).toMatchObject({ failed: 1, never: 1, 'at-risk': 1, excluded: 0 });
    expect(json.machines[0]).toMatchObject({ name: 'fin-db01', category: 'failed' });
  });

  it('shows a progress bar on a terminal while it checks', async () => {
    const out = await cliOnTerminal('status', env());
    expect(out, 'needs `script` (util-linux) to make a terminal').toBeDefined();
    expect(out).toMatch(/checking \[[^\]]*\] \d+\/\d+/);
    expect(out).toMatch(/CRITICAL: 19 machines/);
  });

  it.skipIf(!existsSync(PROMTOOL))(
    '--format openmetrics passes `promtool check metrics` (skipped without /usr/bin/promtool)',
    async () => {
      const r = await cli(['status', '--format', 'openmetrics'], { env: env() });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout.endsWith('# EOF\n')).toBe(true);
      expect(r.stdout).toMatch(
        /^cloutapi_backup_status\{unit="Acme Finance",machine="fin-db01",bunit_id="\d+",consumer_id="\d+",node="FIN-DB01",category="failed"\} 2$/m,
      );
      expect(r.stdout).toMatch(
        /^cloutapi_backup_last_success_timestamp_seconds\{.*machine="acme-dc01".*\} \d+(\.\d+)?$/m,
      );
      expect(r.stdout).toMatch(/^cloutapi_backup_stored_bytes\{.*machine="acme-dc01".*\} \d+$/m);
      const check = spawnSync(PROMTOOL, ['check', 'metrics'], {
        input: r.stdout,
        encoding: 'utf8',
      });
      expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
    },
  );
});

describe('cloutapi status against a hostile server', () => {
  const hostile = 'evil|\u001b[2J\u001b]0;owned\u0007"quote"\\back\nline<script>alert(1)</script>';

  it('never lets server strings reach the terminal, the plugin line, the metrics or the HTML raw', async () => {
    const s = await startSimulator();
    try {
      const fin = s.state.consumers.find((c) => c.name === 'fin-db01')!;
      fin.name = hostile;
      s.state.businessUnits.find((u) => u.name === 'Acme Finance')!.name = `Fin${hostile}`;
      const e = simEnv(s, join(dir, 'hostile-cache'));

      const text = await cli(['status'], { env: e });
      expect(text.code, text.stderr).toBe(2);
      expect(text.stdout).not.toMatch(RAW_CONTROL);
      // The CLI's sanitizer shows control characters as their pictures.
      expect(text.stdout).toContain('evil|␛[2J␛]0;owned␇"quote"');

      const nagios = await cli(['status', '--format', 'nagios'], { env: e });
      const line = nagios.stdout.trimEnd();
      expect(line.split('\n')).toHaveLength(1);
      expect(line.split(' | ')).toHaveLength(2);
      expect(line).not.toMatch(RAW_CONTROL);

      const metrics = await cli(['status', '--format', 'openmetrics'], { env: e });
      expect(metrics.stdout).toContain(
        'machine="evil|\u001b[2J\u001b]0;owned\u0007\\"quote\\"\\\\back\\nline<script>alert(1)</script>"',
      );
      if (existsSync(PROMTOOL)) {
        const check = spawnSync(PROMTOOL, ['check', 'metrics'], {
          input: metrics.stdout,
          encoding: 'utf8',
        });
        expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
      }

      const file = join(dir, 'hostile.html');
      const html = await cli(['status', '--html', file, '--format', 'nagios'], { env: e });
      expect(html.code, html.stderr).toBe(2);
      const page = readFileSync(file, 'utf8');
      expect(page).not.toContain('<script>alert(1)</script>');
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.match(/<script/g)).toHaveLength(2);
    } finally {
      await s.stop();
    }
  });
});

describe('cloutapi status --html', () => {
  it.skipIf(!existsSync(CHROMIUM))(
    'writes one self-contained page that draws its charts offline in Chromium without errors (skipped without /usr/bin/chromium)',
    async () => {
      const file = join(dir, 'report.html');
      const before = requestCount(sim());
      const r = await cli(['status', '--html', file], { env: env() });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`Wrote the report to ${file}`);
      // One reports list per activated machine for the 30 days, on top of the check.
      expect(requestCount(sim()) - before).toBeLessThan(80);
      const page = readFileSync(file, 'utf8');
      expect(page).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
      expect(page).toContain("default-src 'none'");

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [...CHROMIUM_FLAGS],
      });
      try {
        const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const requests: string[] = [];
        const errors: string[] = [];
        tab.on('request', (req) => requests.push(req.url()));
        tab.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        tab.on('pageerror', (err) => errors.push(String(err)));
        await tab.goto(`file://${file}`);
        await tab.waitForSelector('body[data-charts="drawn"]', { timeout: 60_000 });
        expect(await tab.locator('#stored rect.bar').count()).toBeGreaterThanOrEqual(7);
        // 30 days, each with at least one stacked bar.
        expect(await tab.locator('#daily rect.bar').count()).toBeGreaterThanOrEqual(30);
        const stored = await tab.locator('#stored rect.bar').first().boundingBox();
        expect(stored?.width).toBeGreaterThan(50);
        expect(await tab.locator('details').count()).toBeGreaterThanOrEqual(8);
        expect(await tab.textContent('body')).toContain('fin-db01');
        // Each unit's last 7 days: a row per unit with machines, a share per day that reported.
        const trend = tab.locator('table.trend');
        expect(await trend.locator('tr').first().locator('th').count()).toBe(1 + 7);
        expect(await trend.locator('tr').count()).toBeGreaterThanOrEqual(8);
        expect(
          await trend
            .locator('td.trend')
            .filter({ hasText: /^\d+%$/ })
            .count(),
        ).toBeGreaterThan(0);
        const finance = trend.locator('tr', { hasText: 'Acme Finance' });
        expect(await finance.locator('td.trend').count()).toBe(7);
        await tab.screenshot({
          path: join(process.env.STATUS_SCREENSHOT_DIR ?? dir, 'status-report.png'),
        });
        expect(requests).toEqual([`file://${file}`]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
