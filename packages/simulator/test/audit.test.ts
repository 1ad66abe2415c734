import { beforeAll, describe, expect, it } from 'vitest';
import { T0, useSignedIn } from './helpers.js';

describe('audit log', () => {
  const t = useSignedIn({ tokenTtlSeconds: 3600 });
  let unit: number;
  let consumerPath: string;
  let consumerId: number;
  beforeAll(async () => {
    unit = t.ids.unit('Umbrella Health');
    // A little history on a fresh consumer, a minute apart.
    const created = await t.api.post(`/v1/bunits/${unit}/consumers`, { name: 'audit-me' });
    consumerId = created.body.id;
    consumerPath = `/v1/bunits/${unit}/consumers/${consumerId}`;
    t.sim.clock.advance(60_000);
    await t.api.put(consumerPath, { note: 'changed' });
    t.sim.clock.advance(60_000);
    await t.api.post(`${consumerPath}/node`, { operatingSystem: { id: 3 }, type: { id: 1 } });
    t.sim.clock.advance(60_000);
    await t.api.get(`${consumerPath}/node/activate?tsmName=${encodeURIComponent('bad name!')}`);
    t.sim.clock.advance(60_000);
    await t.api.get(`${consumerPath}/node/activate?tsmName=AUDIT-ME`);
    t.sim.clock.advance(60_000);
    await t.api.put(consumerPath, { name: 42 });
  });

  const log = (query = '') => t.api.get(`${consumerPath}/auditlogs${query}`);

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
    await t.api.del(`${consumerPath}/node`);
    const res = await log('?includeDescendants=true&types=300');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].message).toContain("consumption unit 'audit-me' deleted");
  });

  it('has seeded history, and a unit-level log over the subtree', async () => {
    const root = t.ids.root;
    const own = await t.api.get(`/v1/bunits/${root}/auditlogs`);
    const all = await t.api.get(`/v1/bunits/${root}/auditlogs?includeDescendants=true&types=0`);
    expect(own.body.total).toBeGreaterThan(0);
    expect(all.body.total).toBeGreaterThan(5);
    expect(all.body.items.every((e: { type: number }) => e.type === 0)).toBe(true);
  });
});
