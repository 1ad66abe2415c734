import { describe, expect, it } from 'vitest';
import { snapshot, useSignedIn } from './helpers.js';

describe('consumers', () => {
  const t = useSignedIn();

  it('E14 lists the consumers of a unit with their states', async () => {
    const unit = t.ids.unit('Acme Finance');
    const res = await t.api.get(`/v1/bunits/${unit}/consumers`);
    expect(res.body.total).toBe(3);
    const byName = Object.fromEntries(res.body.items.map((c: { name: string }) => [c.name, c]));
    expect(byName['fin-app01']).toMatchObject({
      dataSourceType: { id: 1, name: 'SP Backup node' },
      dataSourceState: { name: 'Active' },
      businessUnit: { id: unit, name: 'Acme Finance', href: `${t.sim.url}/v1/bunits/${unit}` },
      node: { tsmName: 'FIN-APP01' },
    });
    expect(byName['fin-app01'].latestRestorePoint).toMatch(/Z$/);
    expect(byName['Laptop - Jenny'].dataSourceState.name).toBe('New');
    expect(byName['Laptop - Jenny'].node).toBeUndefined();
  });

  it('E15 reads one consumer; a consumer of another unit is 404', async () => {
    const dc = t.ids.consumer('acme-dc01');
    const res = await t.api.get(dc.path);
    expect(res.body).toMatchObject({
      id: dc.id,
      name: 'acme-dc01',
      href: `${t.sim.url}${dc.path}`,
    });
    const elsewhere = await t.api.get(
      `/v1/bunits/${t.ids.unit('Globex Industries')}/consumers/${dc.id}`,
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.message).toContain(`Consumer ${dc.id} was not found`);
  });

  it('E16 creates a consumer from just a name, in any letter case', async () => {
    const unit = t.ids.unit('Globex Industries');
    const res = await t.api.post(`/v1/bunits/${unit}/consumers`, { Name: 'globex-new01' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'globex-new01',
      dataSourceState: { name: 'New' },
      billingStartDate: '2025-03-14T00:00:00.000Z',
      createdDate: '2025-03-14T12:00:00.000Z',
    });
    const withDate = await t.api.post(`/v1/bunits/${unit}/consumers`, {
      NAME: 'globex-new02',
      billingstartdate: '2025-04-01',
      Note: 'from Go',
    });
    expect(withDate.body).toMatchObject({
      billingStartDate: '2025-04-01T00:00:00.000Z',
      note: 'from Go',
    });
  });

  it('E16 rejects bad bodies with 400 and changes nothing', async () => {
    const unit = t.ids.unit('Globex Industries');
    const before = snapshot(t.sim);
    const cases: [unknown, RegExp][] = [
      ['{"name": ', /not valid JSON/],
      ['[]', /must be a JSON object/],
      ['', /empty/],
      [{}, /'name' is required/],
      [{ name: '   ' }, /must not be empty/],
      [{ name: ['a'] }, /must be a string, got an array/],
      [{ name: 'x', billingStartDate: 'yesterday' }, /ISO 8601/],
      [{ name: 'x', limitHighStorage: 'lots' }, /must be a number/],
      [{ name: 'x'.repeat(101) }, /at most 100 characters/],
    ];
    for (const [body, message] of cases) {
      const res = await t.api.post(`/v1/bunits/${unit}/consumers`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toMatch(message);
      expect(res.body).toMatchObject({ status: 400, developerMessage: expect.any(String) });
    }
    expect(snapshot(t.sim)).toEqual(before);
  });

  it('E17 updates the fields sent', async () => {
    const web = t.ids.consumer('globex-web01');
    const res = await t.api.put(web.path, { Note: 'on holiday', AllowNoActivity: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'globex-web01',
      note: 'on holiday',
      allowNoActivity: true,
    });
  });

  it('E18 refuses to delete a consumer with proxy relationships unless deleteAssociations', async () => {
    const sql = t.ids.consumer('acme-sql01');
    const refused = await t.api.del(sql.path);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain("'acme-dc01'");
    expect(refused.body.message).toContain('deleteAssociations=true');
    const ok = await t.api.del(
      `${sql.path}?deleteAssociations=true&deletionComment=decommissioned`,
    );
    expect(ok.status).toBe(204);
    expect((await t.api.get(sql.path)).status).toBe(404);
    expect(t.sim.state.proxies).toHaveLength(0);
    expect(t.sim.state.jobs.some((j) => j.consumerId === sql.id)).toBe(false);
    const entry = t.sim.state.auditLog.at(-1);
    expect(entry).toMatchObject({
      type: 300,
      consumerId: sql.id,
      message: "Consumption unit 'acme-sql01' deleted: decommissioned",
    });
  });

  it('E18 validates its boolean flag', async () => {
    const res = await t.api.del(`${t.ids.consumer('Reception PC').path}?deleteAssociations=maybe`);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("'deleteAssociations' must be true or false");
  });

  it('pages collections with offset and limit, keeping the full total', async () => {
    const unit = t.ids.unit('Umbrella Health');
    const all = await t.api.get(`/v1/bunits/${unit}/consumers`);
    const page = await t.api.get(`/v1/bunits/${unit}/consumers?offset=1&limit=2`);
    expect(page.body).toMatchObject({ total: all.body.total, offset: 1 });
    expect(page.body.items.map((c: { id: number }) => c.id)).toEqual(
      all.body.items.slice(1, 3).map((c: { id: number }) => c.id),
    );
    expect(page.body.first).toBe(`${t.sim.url}/v1/bunits/${unit}/consumers?offset=0&limit=2`);
    expect((await t.api.get(`/v1/bunits/${unit}/consumers?limit=-1`)).status).toBe(400);
  });
});

describe('a simulator that pages by default (pageSize)', () => {
  const t = useSignedIn({ pageSize: 2 });

  it('answers a collection without limit with one page; total counts all, offset reads on', async () => {
    const unit = t.ids.unit('Acme Finance');
    const first = await t.api.get(`/v1/bunits/${unit}/consumers`);
    expect(first.body.total).toBe(3);
    expect(first.body.items).toHaveLength(2);
    const second = await t.api.get(`/v1/bunits/${unit}/consumers?offset=2`);
    expect(second.body).toMatchObject({ total: 3, offset: 2 });
    expect(second.body.items).toHaveLength(1);
    const names = [...first.body.items, ...second.body.items].map((c: { name: string }) => c.name);
    expect(new Set(names).size).toBe(3);
    // An explicit limit still wins.
    const all = await t.api.get(`/v1/bunits/${unit}/consumers?limit=10`);
    expect(all.body.items).toHaveLength(3);
  });
});
