import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '@cloutapi/vitest-config/processes';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

/*
 * The alert rules and the dashboard shipped in prometheus/, checked with Debian's promtool. No
 * skip when it is missing: the rules would then ship untested.
 */
const PROMTOOL = '/usr/bin/promtool';
const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../prometheus');
const dir = tempDir('cloutapi-prometheus-');

/** The metrics `cloutapi status serve` serves: the contract the rules and panels are held to. */
const METRICS = new Set([
  'cloutapi_backup_last_success_timestamp_seconds',
  'cloutapi_backup_status',
  'cloutapi_backup_transferred_bytes',
  'cloutapi_backup_stored_bytes',
  'cloutapi_backup_machines',
  'cloutapi_refresh_success',
  'cloutapi_refresh_duration_seconds',
  'cloutapi_refresh_requests',
  'cloutapi_data_age_seconds',
  'cloutapi_backup_check_timestamp_seconds',
  'cloutapi_refresh_interval_seconds',
]);

const metricNames = (text: string) => [...new Set(text.match(/cloutapi_[a-z_]+/g) ?? [])];

const promtool = (...args: string[]) => runProcess(PROMTOOL, args, { cwd: DIR });

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every query of the dashboard's panels, those inside collapsed rows too. */
function panelQueries(panels: Panel[]): { title: string; expr: string }[] {
  return panels.flatMap((p) => [
    ...(p.targets ?? []).flatMap((t) => (t.expr ? [{ title: p.title ?? '', expr: t.expr }] : [])),
    ...panelQueries(p.panels ?? []),
  ]);
}

describe('the Prometheus alert rules', () => {
  it('pass `promtool check rules`', async () => {
    const r = await promtool('check', 'rules', 'alerts.yml');
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('pass their unit tests, `promtool test rules`', async () => {
    const r = await promtool('test', 'rules', 'alerts.test.yml');
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('SUCCESS');
  });

  // The tests feed the rules the series they name, so a misspelt metric would pass both.
  it.each(['alerts.yml', 'alerts.test.yml'])(
    '%s names only metrics the exporter serves',
    (file) => {
      const names = metricNames(readFileSync(join(DIR, file), 'utf8'));
      expect(names).toContain('cloutapi_backup_status');
      expect(names.filter((n) => !METRICS.has(n))).toEqual([]);
    },
  );
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(join(DIR, 'grafana-dashboard.json'), 'utf8'));
  const queries = panelQueries(dashboard.panels);

  it('is JSON with panels and queries', () => {
    expect(Array.isArray(dashboard.panels)).toBe(true);
    expect(dashboard.panels.length).toBeGreaterThan(0);
    expect(queries.length).toBeGreaterThan(0);
  });

  it('queries only metrics the exporter serves (and up)', () => {
    const unknown = queries.flatMap(({ title, expr }) =>
      metricNames(expr)
        .filter((n) => !METRICS.has(n))
        .map((n) => `${title}: ${n}`),
    );
    expect(unknown).toEqual([]);
    const variables = JSON.stringify(dashboard.templating.list);
    expect(metricNames(variables).filter((n) => !METRICS.has(n))).toEqual([]);
  });

  // promtool has no parse command: each query becomes a recording rule of a file it checks (JSON
  // is YAML), with the unit variable as Grafana sends "All".
  it('has queries Prometheus parses', async () => {
    const rules = {
      groups: [
        {
          name: 'dashboard',
          rules: queries.map(({ expr }, i) => ({
            record: `dashboard_query_${i}`,
            expr: expr.replaceAll('$unit', '.*'),
          })),
        },
      ],
    };
    const file = join(dir, 'dashboard-queries.yml');
    writeFileSync(file, JSON.stringify(rules));
    const r = await promtool('check', 'rules', file);
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
  });
});
