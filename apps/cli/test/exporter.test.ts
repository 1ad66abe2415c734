import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupHealth, createCloutility } from '@cloutapi/resources';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { printedMatch, runProcess, startProcess } from '@cloutapi/vitest-config/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporter } from '../src/status/exporter.js';
import { CLI, cliEnv, requestCount, simEnv, tempDir } from './helpers.js';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const ALERTS = fileURLToPath(new URL('../prometheus/alerts.yml', import.meta.url));

let sim: RunningSimulator;
beforeAll(async () => {
  // A generated fleet: failed, at-risk and never backed up machines among hundreds.
  sim = await startSimulator({ fleet: { machines: 300, units: 15 } });
});
afterAll(async () => {
  await sim?.stop();
});

const clientOf = () =>
  createCloutility({
    baseUrl: sim.url,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    credentials: { username: demoCredentials.username, password: demoCredentials.password },
  });

/** An exporter on a free loopback port reading the fleet, refreshed once an hour unless told. */
function exporterOn(
  clout: ReturnType<typeof clientOf>,
  more: Partial<Parameters<typeof startExporter>[0]> = {},
) {
  return startExporter({
    read: (signal) => backupHealth(clout, {}, { signal, lastJobs: false }),
    intervalMs: 3_600_000,
    host: '127.0.0.1',
    port: 0,
    maxMachineSeries: 10_000,
    log: () => {},
    ...more,
  });
}

/** The exporter's answer to one scrape. */
async function scrape(url: string) {
  const res = await fetch(`${url}/metrics`);
  return { type: res.headers.get('content-type'), body: await res.text() };
}
const sample = (body: string, name: string) =>
  Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(body)?.[1]);

describe('the exporter', () => {
  it('answers every scrape from the last refresh: scrapers cost the portal nothing', async () => {
    const clout = clientOf();
    const exporter = await exporterOn(clout);
    try {
      await exporter.refreshed();
      const before = requestCount(sim);
      const scrapes = await Promise.all(Array.from({ length: 10 }, () => scrape(exporter.url)));
      expect(requestCount(sim)).toBe(before);
      const { type, body } = scrapes[0] as { type: string; body: string };
      expect(type).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
      expect(body.endsWith('# EOF\n')).toBe(true);
      expect(sample(body, 'cloutapi_refresh_success')).toBe(1);
      expect(body).toMatch(/^cloutapi_backup_status\{.*category="failed"\} 2$/m);
      expect(body).toMatch(/^cloutapi_backup_transferred_bytes\{.*\} \d+$/m);
      expect(body).toMatch(/^cloutapi_backup_at_risk_interval_seconds\{.*\} 86400$/m);
      // One request a machine plus one a unit, the tree and the warning names once; a machine the
      // list gives no last backup for costs two more (its first job and its jobs: never backed
      // up, or not for a month?). Machines never activated cost none.
      const requests = [
        ...body.matchAll(/^cloutapi_refresh_requests\{operation="[^"]+"\} (\d+)$/gm),
      ]
        .map((m) => Number(m[1]))
        .reduce((a, b) => a + b, 0);
      const units = sim.state.businessUnits.length;
      const machines = (body.match(/^cloutapi_backup_status\{/gm) ?? []).length;
      const never = (body.match(/^cloutapi_backup_status\{.*category="never"\}/gm) ?? []).length;
      expect(requests).toBeLessThanOrEqual(machines + units + 2 + 2 * never);
      const checked = await runProcess(PROMTOOL, ['check', 'metrics'], { input: body });
      expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    } finally {
      await exporter.close();
      await clout.client.close();
    }
  });

  it('keeps the last good values when a refresh fails, and says so', async () => {
    const clout = clientOf();
    let clock = Date.parse('2026-12-08T10:00:00Z');
    const exporter = await exporterOn(clout, {
      read: (signal) => backupHealth(clout, {}, { signal, lastJobs: false, now: new Date(clock) }),
      intervalMs: 50,
      now: () => clock,
    });
    try {
      await exporter.refreshed();
      const good = await scrape(exporter.url);
      expect(sample(good.body, 'cloutapi_refresh_success')).toBe(1);
      const fault = sim.faults.add({ path: '/v1/bunits', status: 503 });
      try {
        clock += 600_000;
        // The failing refresh ends (reads retry first), and the next one too.
        await exporter.refreshed();
        await exporter.refreshed();
        const kept = await scrape(exporter.url);
        expect(sample(kept.body, 'cloutapi_refresh_success')).toBe(0);
        expect(sample(kept.body, 'cloutapi_data_age_seconds')).toBeGreaterThanOrEqual(600);
        const series = (text: string) =>
          text.split('\n').filter((l) => l.startsWith('cloutapi_backup_status{'));
        expect(series(kept.body)).toEqual(series(good.body));
      } finally {
        sim.faults.remove(fault);
      }
      // The refresh under way may have started before the fault was lifted: the next one reads.
      await exporter.refreshed();
      await exporter.refreshed();
      expect(sample((await scrape(exporter.url)).body, 'cloutapi_refresh_success')).toBe(1);
    } finally {
      await exporter.close();
      await clout.client.close();
    }
  }, 60_000);

  it('serves per-unit series only past the machine limit', async () => {
    const clout = clientOf();
    const exporter = await exporterOn(clout, { maxMachineSeries: 100 });
    try {
      await exporter.refreshed();
      const { body } = await scrape(exporter.url);
      expect(body).not.toMatch(/^cloutapi_backup_status\{/m);
      expect(body).toMatch(/^cloutapi_backup_machines\{.*category="failed"\} \d+$/m);
      expect(sample(body, 'cloutapi_machine_series')).toBe(0);
      expect((await fetch(`${exporter.url}/nothing`)).status).toBe(404);
      expect((await fetch(`${exporter.url}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      await exporter.close();
      await clout.client.close();
    }
  });
});

/** A free port on 127.0.0.1 (for Prometheus, which takes no port 0 to report back). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `read` until it gives a value (Prometheus scrapes and evaluates on its own clock). */
async function eventually<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  let last: unknown;
  for (let i = 0; i < 600; i++) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not happen${last ? `: ${(last as Error).message}` : ''}`);
}

describe("scraped by Debian's Prometheus", () => {
  it('has the series, and the failed-backup alert fires', async () => {
    const dir = tempDir('cloutapi-prometheus-');
    const cache = mkdtempSync(join(tmpdir(), 'cloutapi-exporter-cache-'));
    const exporter = startProcess(
      process.execPath,
      [CLI, 'status', 'serve', '--port', '0', '--interval', '30s'],
      { env: cliEnv(simEnv(sim, cache)) },
    );
    const prometheus: { run?: ReturnType<typeof startProcess> } = {};
    try {
      const [, address] = await printedMatch(
        exporter,
        /metrics at http:\/\/(\S+)\/metrics/,
        'stderr',
      );
      const port = await freePort();
      const config = join(dir, 'prometheus.yml');
      writeFileSync(
        config,
        [
          'global:',
          '  scrape_interval: 1s',
          '  evaluation_interval: 1s',
          'rule_files:',
          `  - ${ALERTS}`,
          'scrape_configs:',
          '  - job_name: cloutapi',
          '    static_configs:',
          `      - targets: ['${address}']`,
          '',
        ].join('\n'),
      );
      prometheus.run = startProcess(PROMETHEUS, [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ]);
      const api = async (path: string) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/${path}`);
        return ((await res.json()) as { data: unknown }).data;
      };
      const failed = await eventually(async () => {
        const data = (await api(
          `query?query=${encodeURIComponent('cloutapi_backup_status{category="failed"}')}`,
        )) as { result: { metric: Record<string, string>; value: [number, string] }[] };
        return data.result.length ? data.result : undefined;
      }, 'a scrape with a failed machine');
      expect(failed[0]?.metric).toMatchObject({ job: 'cloutapi', category: 'failed' });
      expect(failed[0]?.value[1]).toBe('2');
      const alert = await eventually(async () => {
        const data = (await api('alerts')) as {
          alerts: { labels: Record<string, string>; state: string }[];
        };
        return data.alerts.find(
          (a) => a.labels.alertname === 'CloutapiBackupFailed' && a.state === 'firing',
        );
      }, 'the CloutapiBackupFailed alert firing');
      expect(failed.map((f) => f.metric.machine)).toContain(alert.labels.machine);
      const up = (await api(`query?query=${encodeURIComponent('cloutapi_refresh_success')}`)) as {
        result: { value: [number, string] }[];
      };
      expect(up.result[0]?.value[1]).toBe('1');
    } finally {
      prometheus.run?.child.kill('SIGTERM');
      exporter.child.kill('SIGTERM');
      await Promise.all([prometheus.run?.exited, exporter.exited]);
    }
  }, 180_000);
});
