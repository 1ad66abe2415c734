import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock, demoCredentials, type RunningSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BackupHealthResult,
  backupHealth,
  backupHistory,
  type Cloutility,
  createCloutility,
  formatAge,
  healthStatus,
  type MachineHealth,
  parseDuration,
  ValidationError,
} from '../src/index.js';
import { connect, consumerNamed, unitNamed } from './support.js';

/** The simulator clock stands here; the workflow gets the same `now`. */
const NOW = new Date('2026-03-14T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const startPinned = (options: Parameters<typeof connect>[0] = {}) =>
  connect({ clock: createClock({ now: NOW, frozen: true }), ...options });
const byName = (r: BackupHealthResult, name: string): MachineHealth => {
  const found = r.machines.find((m) => m.name === name);
  if (!found) throw new Error(`no machine ${name}`);
  return found;
};
const total = (sim: RunningSimulator) =>
  Object.values(sim.stats.requests).reduce((a, b) => a + b, 0);

describe('backupHealth on the demo', () => {
  let sim: RunningSimulator;
  let clout: Cloutility;
  let result: BackupHealthResult;
  let before: Record<string, number>;

  beforeAll(async () => {
    ({ sim, clout } = await startPinned());
    await clout.meta.me();
    before = { ...sim.stats.requests };
    result = await backupHealth(clout, {}, { now: NOW });
  }, 60_000);
  afterAll(async () => {
    await sim.stop();
  });

  it('puts each demo machine in its category, with the reason', () => {
    expect(byName(result, 'fin-db01')).toMatchObject({
      category: 'failed',
      reportStatus: 'Error',
      warnings: [{ typeId: 2, name: 'Failed backup', level: 2, days: 1 }],
      reason: 'Failed backup (1 day)',
      lastJob: { status: 'Failed', result: 12 },
      nodeName: 'FIN-DB01',
      activated: true,
    });
    const stale = byName(result, 'globex-web01');
    expect(stale.category).toBe('at-risk');
    expect(stale.lastSuccessAgeMs).toBeGreaterThan(3 * DAY);
    expect(stale.lastSuccessAgeMs).toBe(NOW.getTime() - Date.parse(stale.lastSuccess!));
    expect(stale.reason).toBe(`no successful backup for ${formatAge(stale.lastSuccessAgeMs!)}`);
    expect(byName(result, 'acme-sql01')).toMatchObject({
      category: 'warning',
      warnings: [{ typeId: 4, name: 'Backup completed with warnings', level: 1 }],
    });
    expect(byName(result, 'initech-ci01')).toMatchObject({
      category: 'never',
      activated: true,
      lastJob: { status: 'Failed' },
    });
    expect(byName(result, 'initech-ci01').lastSuccess).toBeUndefined();
    expect(byName(result, 'eng-mac-studio')).toMatchObject({
      category: 'not-activated',
      activated: false,
    });
    const ok = byName(result, 'acme-dc01');
    expect(ok).toMatchObject({ category: 'ok', reportStatus: 'OK', warnings: [] });
    expect(ok.lastSuccessAgeMs).toBeLessThan(36 * HOUR);
    expect(ok.storedMegaBytes).toBeGreaterThan(0);
    expect(typeof ok.changedMegaBytes).toBe('number');
    expect(ok.unitPath).toEqual(['Example Reseller', 'Acme Corporation']);
    expect(result.checkedAt).toBe(NOW.toISOString());
  });

  it('lists machines worst first and counts them per unit and in total', () => {
    const order = result.machines.map((m) => m.category);
    const rank = [
      'failed',
      'never',
      'at-risk',
      'unknown',
      'warning',
      'not-activated',
      'excluded',
      'ok',
    ];
    expect(order.map((c) => rank.indexOf(c))).toEqual(
      [...order.map((c) => rank.indexOf(c))].sort((a, b) => a - b),
    );
    expect(result.counts).toEqual({
      failed: 1,
      never: 1,
      'at-risk': 1,
      excluded: 0,
      unknown: 0,
      warning: 3,
      'not-activated': 3,
      ok: 10,
    });
    const finance = result.units.find((u) => u.name === 'Acme Finance')!;
    expect(finance).toMatchObject({ machines: 2, withoutNode: 1 });
    expect(finance.counts).toMatchObject({ failed: 1, ok: 1 });
    const summed = result.units.reduce((n, u) => n + u.machines, 0);
    expect(summed).toBe(result.machines.length);
  });

  it('sends one request per unit and per activated machine, more only for those needing attention', () => {
    const sent = Object.fromEntries(
      Object.entries(sim.stats.requests).map(([k, v]) => [k, v - (before[k] ?? 0)]),
    );
    const activated = result.machines.filter((m) => m.activated).length;
    expect(sent['GET /v1/bunits/{bunitId}/consumers']).toBe(result.units.length);
    expect(sent['GET /v1/bunits/{bunitId}/consumers/{consumerId}/reports/latest']).toBe(activated);
    expect(sent['GET /v1/nodewarningtypes']).toBe(1);
    // initech-ci01 has no last success: its first job and 30 days of jobs (which also say what
    // failed); fin-db01 failed: its last day's jobs.
    expect(sent['GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs/first']).toBe(1);
    expect(sent['GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs']).toBe(2);
    expect(result.requests['reports.latest']).toBe(activated);
  });
});

describe('backupHealth degrades, never fails for one machine', () => {
  it('shows warning ids when the server has no warning types, and says so', async () => {
    const { sim, clout } = await startPinned({
      faults: [{ path: '/v1/nodewarningtypes', status: 404 }],
    });
    try {
      const r = await backupHealth(clout, {}, { now: NOW });
      expect(byName(r, 'acme-sql01')).toMatchObject({
        category: 'warning',
        warnings: [{ typeId: 4, name: 'warning type 4' }],
      });
      expect(byName(r, 'fin-db01').category).toBe('failed');
      expect(r.notes.join('\n')).toMatch(/Warning types could not be read.*ids/);
    } finally {
      await sim.stop();
    }
  });

  it('judges by the last successful backup when the server has no reports', async () => {
    const { sim, clout } = await startPinned({
      faults: [{ path: '/v1/bunits/{bunitId}/consumers/{consumerId}/reports/latest', status: 404 }],
    });
    try {
      const r = await backupHealth(clout, {}, { now: NOW });
      const dc = byName(r, 'acme-dc01');
      expect(dc).toMatchObject({ category: 'ok', reason: 'backed up; no report yet' });
      expect(dc.reportStatus).toBeUndefined();
      expect(byName(r, 'globex-web01').category).toBe('at-risk');
      expect(byName(r, 'initech-ci01').category).toBe('never');
      expect(r.counts.unknown).toBe(0);
    } finally {
      await sim.stop();
    }
  });

  it('marks an unreadable machine unknown with the error and checks the rest', async () => {
    const { sim, clout } = await startPinned();
    try {
      const acme = await unitNamed(clout, 'Acme Corporation');
      const dc01 = await consumerNamed(clout, acme, 'acme-dc01');
      sim.faults.add({
        path: `/v1/bunits/${acme}/consumers/${dc01}/reports/latest`,
        status: 500,
      });
      const r = await backupHealth(clout, {}, { now: NOW });
      const dc = byName(r, 'acme-dc01');
      expect(dc.category).toBe('unknown');
      expect(dc.error).toMatch(/500|server/i);
      expect(r.counts.unknown).toBe(1);
      expect(byName(r, 'fin-db01').category).toBe('failed');
    } finally {
      await sim.stop();
    }
  });

  it('waits out a 429 with Retry-After and still reads every machine', async () => {
    const { sim, clout } = await startPinned({
      faults: [
        {
          path: '/v1/bunits/{bunitId}/consumers/{consumerId}/reports/latest',
          status: 429,
          headers: { 'Retry-After': '1' },
          times: 2,
        },
      ],
    });
    try {
      const r = await backupHealth(clout, {}, { now: NOW });
      expect(r.counts.unknown).toBe(0);
      expect(sim.stats.log.filter((e) => e.status === 429)).toHaveLength(2);
      expect(sim.faults.list()).toHaveLength(0);
    } finally {
      await sim.stop();
    }
  });
});

describe('backupHealth bounds, input and cancellation', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    const { sim } = await startPinned({
      faults: [{ path: '*', latencyMs: 20 }],
    });
    // A real proxy in front of the simulator counts the requests in flight.
    let inFlight = 0;
    let most = 0;
    const proxy = createServer((req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const target = new URL(req.url ?? '/', sim.url);
      const out = httpRequest(target, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', () => inFlight--);
      });
      req.pipe(out);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    try {
      const clout = createCloutility({
        baseUrl: `http://127.0.0.1:${port}`,
        clientId: demoCredentials.clientId,
        origin: demoCredentials.origin,
        credentials: { username: demoCredentials.username, password: demoCredentials.password },
      });
      const r = await backupHealth(clout, { concurrency: 3 }, { now: NOW });
      expect(r.machines.length).toBeGreaterThan(15);
      expect(most).toBeLessThanOrEqual(3);
      expect(most).toBeGreaterThanOrEqual(2);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
      await sim.stop();
    }
  });

  it('refuses bad input before sending anything', async () => {
    const { sim, clout } = await startPinned();
    try {
      const sent = total(sim);
      const error = await rejectionOf<ValidationError>(
        backupHealth(clout, { staleAfter: 'soon', concurrency: 0 }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toMatch(/concurrency/);
      const stale = await rejectionOf<ValidationError>(backupHealth(clout, { staleAfter: 'soon' }));
      expect(stale.message).toMatch(/staleAfter: expected a duration/);
      expect(total(sim)).toBe(sent);
    } finally {
      await sim.stop();
    }
  });

  it('stops when the signal aborts and sends nothing more', async () => {
    const { sim, clout } = await startPinned({ faults: [{ path: '*', latencyMs: 10 }] });
    try {
      const controller = new AbortController();
      const run = backupHealth(
        clout,
        { concurrency: 2 },
        {
          now: NOW,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.message.startsWith('checked')) controller.abort();
          },
        },
      );
      const error = await rejectionOf(run);
      expect(error.name).toMatch(/Abort/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = total(sim);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(total(sim)).toBe(after);
      expect(
        sim.stats.requests['GET /v1/bunits/{bunitId}/consumers/{consumerId}/reports/latest'],
      ).toBeLessThan(6);
    } finally {
      await sim.stop();
    }
  });
});

describe('durations and ages', () => {
  it.each([
    ['36h', 36 * HOUR],
    ['2d', 2 * DAY],
    ['90m', 90 * 60_000],
    ['1d12h', 36 * HOUR],
    ['1w', 7 * DAY],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it('refuses text that is not a duration', () => {
    for (const text of ['', 'soon', '36', 'h', '-1h', '3 parsecs'])
      expect(parseDuration(text)).toBeUndefined();
  });
  it('words ages by their largest unit', () => {
    expect(formatAge(30_000)).toBe('moments');
    expect(formatAge(45 * 60_000)).toBe('45 minutes');
    expect(formatAge(26 * HOUR)).toBe('26 hours');
    expect(formatAge(3 * DAY + 5 * HOUR)).toBe('3 days');
    expect(formatAge(DAY * 1)).toBe('24 hours');
  });
});

describe('healthStatus', () => {
  const counts = (over: Partial<BackupHealthResult['counts']>) => ({
    failed: 0,
    never: 0,
    'at-risk': 0,
    excluded: 0,
    unknown: 0,
    warning: 0,
    'not-activated': 0,
    ok: 3,
    ...over,
  });
  it.each([
    [{}, [], 'ok'],
    [{ warning: 1 }, [], 'warning'],
    [{ 'not-activated': 1 }, [], 'warning'],
    [{ unknown: 1, warning: 1 }, [], 'unknown'],
    [{}, [{ error: 'HTTP 500' }], 'unknown'],
    [{ 'at-risk': 1, unknown: 1 }, [], 'critical'],
    [{ failed: 1 }, [], 'critical'],
    [{ never: 1 }, [], 'critical'],
  ] as const)('%o with unit errors %o is %s', (over, units, expected) => {
    expect(
      healthStatus({
        counts: counts(over),
        units: units as unknown as BackupHealthResult['units'],
      }),
    ).toBe(expected);
  });
});

describe('backupHistory', () => {
  it('counts each day of the last 30 by its reports, with days before activation as none', async () => {
    const { sim, clout } = await startPinned();
    try {
      const health = await backupHealth(clout, {}, { now: NOW });
      const before =
        sim.stats.requests['GET /v1/bunits/{bunitId}/consumers/{consumerId}/reports'] ?? 0;
      const days = await backupHistory(clout, health.machines, { now: NOW, days: 30 });
      const activated = health.machines.filter((m) => m.activated).length;
      expect(
        sim.stats.requests['GET /v1/bunits/{bunitId}/consumers/{consumerId}/reports'] ?? 0,
      ).toBe(before + activated);
      expect(days).toHaveLength(30);
      expect(days.at(-1)?.date).toBe('2026-03-14');
      expect(days[0]?.date).toBe('2026-02-13');
      for (const d of days) expect(d.ok + d.warning + d.failed + d.none).toBe(activated);
      // Today's report: fin-db01 failed, initech-ci01 failed (never backed up).
      expect(days.at(-1)).toMatchObject({ failed: 2 });
      // initech-ci01 was activated four days ago: no reports before.
      expect(days[0]!.none).toBeGreaterThanOrEqual(1);
    } finally {
      await sim.stop();
    }
  });
});
