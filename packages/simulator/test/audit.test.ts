import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../src/index.js';
import { type client, demo, startSignedIn, T0 } from './helpers.js';

describe('audit log', () => {
  let sim: RunningSimulator;
  let api: ReturnType<typeof client>;
  let unit: number;
  let consumerPath: string;
  let consumerId: number;
  beforeAll(async () => {
    ({ sim, api } = await startSignedIn({ tokenTtlSeconds: 3600 }));
    unit = demo(sim).unit('Umbrella Health');
    // A little history on a fresh consumer, a minute apart.
    const created = await api.post(`/v1/bunits/${unit}/consumers`, { name: 'audit-me' });
    consumerId = created.body.id;
    consumerPath = `/v1/bunits/${unit}/consumers/${consumerId}`;
    sim.clock.advance(60_000);
    await api.put(consumerPath, { note: 'changed' });
    sim.clock.advance(60_000);
    await api.post(`${consumerPath}/node`, { operatingSystem: { id: 3 }, type: { id: 1 } });
    sim.clock.advance(60_000);
    await api.get(`${consumerPath}/node/activate?tsmName=${encodeURIComponent('bad name!')}`);
    sim.clock.advance(60_000);
    await api.get(`${consumerPath}/node/activate?tsmName=AUDIT-ME`);
    sim.clock.advance(60_000);
    await api.put(consumerPath, { name: 42 });
  });
  afterAll(() => sim.stop());

  const log = (query = '') => api.get(`${consumerPath}/auditlogs${query}`);

  it('records writes and rejected writes with user, time and object', async () => {
    const res = await log('?includeDescendants=true');
    expect(res.body.items.map((e: { type: number }) => e.type)).toEqual([
      100, 200, 100, 400, 200, 400,
    ]);
    expect(res.body.items[0]).toEqual({
      id: expect.any(Number),
      type: 100,
      createdDate: T0,
      message: "Consumption unit 'audit-me' created",
      user: { id: 50, name: 'demo@reseller.example' },
      businessUnit: { id: unit, name: 'Umbrella Health' },
      consumer: { id: consumerId, name: 'audit-me' },
    });
    expect(res.body.items[3].message).toMatch(
      /^Rejected GET .*\/node\/activate: Node name 'BAD NAME!' is not valid/,
    );
    expect(res.body.items[5].message).toContain("Field 'name' must be a string");
  });

  it('without includeDescendants leaves out the entries about the node', async () => {
    const res = await log();
    expect(res.body.items.map((e: { type: number }) => e.type)).toEqual([100, 200, 400]);
  });

  it('filters by repeated types', async () => {
    const res = await log('?includeDescendants=true&types=100&types=400');
    expect(res.body.items.map((e: { type: number }) => e.type)).toEqual([100, 100, 400, 400]);
    expect((await log('?types=250')).status).toBe(400);
  });

  it('filters by startTime and endTime', async () => {
    const start = new Date(Date.parse(T0) + 60_000).toISOString();
    const end = new Date(Date.parse(T0) + 180_000).toISOString();
    const res = await log(`?includeDescendants=true&startTime=${start}&endTime=${end}`);
    expect(res.body.items.map((e: { createdDate: string }) => e.createdDate)).toEqual([
      start,
      new Date(Date.parse(T0) + 120_000).toISOString(),
      end,
    ]);
  });

  it('pages with limit and offset, keeping the total, newest first with orderDesc', async () => {
    const res = await log('?includeDescendants=true&orderDesc=true&limit=2&offset=1');
    expect(res.body.total).toBe(6);
    expect(res.body.offset).toBe(1);
    expect(res.body.items.map((e: { type: number }) => e.type)).toEqual([200, 400]);
  });

  it("keeps a deleted consumer's log readable", async () => {
    await api.del(`${consumerPath}/node`);
    const res = await log('?includeDescendants=true&types=300');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].message).toContain("consumption unit 'audit-me' deleted");
  });

  it('has seeded history, and a unit-level log over the subtree', async () => {
    const root = demo(sim).root;
    const own = await api.get(`/v1/bunits/${root}/auditlogs`);
    const all = await api.get(`/v1/bunits/${root}/auditlogs?includeDescendants=true&types=0`);
    expect(own.body.total).toBeGreaterThan(0);
    expect(all.body.total).toBeGreaterThan(5);
    expect(all.body.items.every((e: { type: number }) => e.type === 0)).toBe(true);
  });
});
