import { describe, expect, it } from 'vitest';
import { demo, startSignedIn, T0, useSignedIn } from './helpers.js';

const HOUR = 3_600_000;

describe('jobs', () => {
  const t = useSignedIn();

  it('E23 returns the first job with only completed meaningful', async () => {
    const vcenter = t.ids.consumer('eng-vcenter');
    const res = await t.api.get(`${vcenter.path}/jobs/first`);
    expect(res.status).toBe(200);
    const first = t.sim.state.jobs.filter((j) => j.consumerId === vcenter.id)[0]!;
    expect(res.body).toMatchObject({
      completed: first.completed,
      id: 0,
      name: '',
      transferredMegaBytes: 0,
      result: 0,
    });
    // eng-vcenter was activated 10 days before the clock.
    expect(Date.parse(T0) - Date.parse(first.completed)).toBeLessThan(10 * 24 * HOUR);
    expect((await t.api.get(`${t.ids.consumer('Laptop - Jenny').path}/jobs/first`)).status).toBe(
      404,
    );
  });

  it('E24 lists the last 24 hours of the simulator clock without times', async () => {
    const dc = t.ids.consumer('acme-dc01');
    const res = await t.api.get(`${dc.path}/jobs`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    for (const job of res.body.items) {
      const t = Date.parse(job.completed);
      expect(t).toBeGreaterThanOrEqual(Date.parse(T0) - 24 * HOUR);
      expect(t).toBeLessThanOrEqual(Date.parse(T0));
    }
    expect(res.body.items[0]).toMatchObject({
      consumerId: dc.id,
      type: { name: expect.any(String) },
      href: expect.stringContaining('/jobs/'),
    });
    const one = await t.api.get(new URL(res.body.items[0].href).pathname);
    expect(one.body.id).toBe(res.body.items[0].id);
  });

  it('E24 follows the clock: two days later the default window is empty', async () => {
    const other = await startSignedIn({ tokenTtlSeconds: 7 * 24 * 3600 });
    try {
      other.sim.clock.advance(48 * HOUR);
      const res = await other.api.get(`${demo(other.sim).consumer('acme-dc01').path}/jobs`);
      expect(res.body.total).toBe(0);
    } finally {
      await other.sim.stop();
    }
  });

  it('E24 enforces the first-job rule and names the earliest allowed startTime', async () => {
    const vcenter = t.ids.consumer('eng-vcenter');
    const first = (await t.api.get(`${vcenter.path}/jobs/first`)).body.completed as string;
    const early = new Date(Date.parse(first) - 1000).toISOString();
    const refused = await t.api.get(`${vcenter.path}/jobs?startTime=${early}&endTime=${T0}`);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('ValidationFailed');
    expect(refused.body.message).toContain(`the earliest allowed startTime is ${first}`);
    const ok = await t.api.get(`${vcenter.path}/jobs?startTime=${first}&endTime=${T0}`);
    expect(ok.status).toBe(200);
    expect(ok.body.total).toBe(t.sim.state.jobs.filter((j) => j.consumerId === vcenter.id).length);
    expect(ok.body.items[0].completed).toBe(first);
  });

  it('E24 also answers at jobs/first when times are given, as the guide documents', async () => {
    const vcenter = t.ids.consumer('eng-vcenter');
    const first = (await t.api.get(`${vcenter.path}/jobs/first`)).body.completed as string;
    const list = await t.api.get(`${vcenter.path}/jobs/first?startTime=${first}&endTime=${T0}`);
    expect(list.body).toMatchObject({ total: expect.any(Number), items: expect.any(Array) });
    expect(list.body.total).toBeGreaterThan(5);
    const endOnly = await t.api.get(`${vcenter.path}/jobs/first?endTime=${T0}`);
    expect(endOnly.body.items).toBeDefined();
    const early = await t.api.get(`${vcenter.path}/jobs/first?startTime=2020-01-01T00:00:00Z`);
    expect(early.status).toBe(400);
  });

  it('E24 validates its dates', async () => {
    const path = t.ids.consumer('acme-dc01').path;
    const bad = await t.api.get(`${path}/jobs?startTime=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("'startTime' must be an ISO 8601 date");
    const reversed = await t.api.get(`${path}/jobs?startTime=${T0}&endTime=2025-03-01T00:00:00Z`);
    expect(reversed.status).toBe(400);
  });

  it('has failed jobs and jobs with warnings in the demo data', () => {
    expect(t.sim.state.jobs.some((j) => j.status.name === 'Failed')).toBe(true);
    expect(t.sim.state.jobs.some((j) => j.severity === 1 && j.failedFiles > 0)).toBe(true);
    expect(t.sim.state.jobs.some((j) => j.status.name === 'Missed')).toBe(true);
    const days = new Set(t.sim.state.jobs.map((j) => j.completed.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(30);
  });
});

describe('reports', () => {
  const t = useSignedIn();

  it('E20 lists reports in a date range, with status and warnings only on request', async () => {
    const path = `${t.ids.consumer('fin-db01').path}/reports`;
    const plain = await t.api.get(
      `${path}?startDate=2025-03-10T00:00:00Z&endDate=2025-03-14T00:00:00Z`,
    );
    expect(plain.body.total).toBe(4);
    expect(plain.body.items[0].status).toBeUndefined();
    expect(plain.body.items[0].warnings).toBeUndefined();
    const full = await t.api.get(
      `${path}?startDate=2025-03-10T00:00:00Z&status=true&warnings=true`,
    );
    const latest = full.body.items.at(-1);
    expect(latest).toMatchObject({
      status: 'Error',
      tsmName: 'FIN-DB01',
      warnings: [{ type: 2, status: 2, days: 1 }],
    });
    expect((await t.api.get(`${path}`)).body.total).toBeGreaterThanOrEqual(29);
  });

  it('E21 returns the latest report with its warnings', async () => {
    const idle = await t.api.get(`${t.ids.consumer('globex-web01').path}/reports/latest`);
    expect(idle.body).toMatchObject({
      status: 'Warning',
      warnings: [{ type: 1, days: 3, limit: 3 }],
      reportDate: '2025-03-14T06:00:00.000Z',
    });
    const storage = await t.api.get(`${t.ids.consumer('ber-nas01').path}/reports/latest?userId=50`);
    expect(storage.body.warnings).toContainEqual(expect.objectContaining({ type: 3, limit: 1500 }));
    expect(
      (await t.api.get(`${t.ids.consumer('ber-nas01').path}/reports/latest?userId=9999`)).status,
    ).toBe(400);
    expect((await t.api.get(`${t.ids.consumer('Reception PC').path}/reports/latest`)).status).toBe(
      404,
    );
  });

  it('E22 lists the node warning types', async () => {
    const res = await t.api.get('/v1/nodewarningtypes');
    expect(res.body.items).toContainEqual({ name: 'No activity', usesLimit: true, id: 1 });
    expect(res.body.items).toContainEqual({ name: 'Failed backup', usesLimit: false, id: 2 });
  });
});
