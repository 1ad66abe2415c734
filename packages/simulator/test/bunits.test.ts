import { describe, expect, it } from 'vitest';
import { readOnlyCredentials } from '../src/index.js';
import { client, signIn, snapshot, start, useSignedIn } from './helpers.js';

describe('business units', () => {
  const t = useSignedIn();

  it('E05 returns one summary tree rooted at the home unit', async () => {
    const res = await t.api.get('/v1/bunits');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(false);
    expect(res.body).toMatchObject({
      id: t.ids.root,
      name: 'Example Reseller',
      groupName: 'Reseller',
      invoiceDay: 1,
    });
    expect(res.body.parentId).toBeUndefined();
    const acme = res.body.businessUnits.find(
      (u: { name: string }) => u.name === 'Acme Corporation',
    );
    expect(acme).toMatchObject({ parentId: t.ids.root, groupName: 'Customer' });
    expect(acme.businessUnits.map((u: { name: string }) => u.name)).toEqual([
      'Acme Finance',
      'Acme Engineering',
    ]);
    const initech = res.body.businessUnits.find((u: { name: string }) => u.name === 'Initech');
    expect(initech.businessUnits[0].businessUnits[0].name).toBe('Initech Labs Berlin');
  });

  it('E05 starts at ?bunitId when given', async () => {
    const res = await t.api.get(`/v1/bunits?bunitId=${t.ids.unit('Initech')}`);
    expect(res.body).toMatchObject({
      id: t.ids.unit('Initech'),
      parentId: t.ids.root,
      name: 'Initech',
    });
    expect(res.body.businessUnits).toHaveLength(1);
  });

  it('E06 returns a BusinessUnit with absolute hrefs, time zone and parent', async () => {
    const acme = t.ids.unit('Acme Corporation');
    const res = await t.api.get(`/v1/bunits/${acme}`);
    expect(res.body).toMatchObject({
      href: `${t.sim.url}/v1/bunits/${acme}`,
      name: 'Acme Corporation',
      parentBusinessUnit: { id: t.ids.root, name: 'Example Reseller' },
      timeZone: {
        id: 4,
        windowsId: 'W. Europe Standard Time',
        href: `${t.sim.url}/v1/timezones/4`,
      },
      users: { href: `${t.sim.url}/v1/bunits/${acme}/users` },
      businessUnits: { href: `${t.sim.url}/v1/bunits/${acme}/bunits` },
      id: acme,
    });
    expect(res.body.createdDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await t.api.get(`/v1/bunits/${t.ids.root}`)).body.parentBusinessUnit).toBeUndefined();
  });

  it('E07 lists the direct children as a collection', async () => {
    const res = await t.api.get(`/v1/bunits/${t.ids.root}/bunits`);
    expect(res.body).toMatchObject({
      href: `${t.sim.url}/v1/bunits/${t.ids.root}/bunits`,
      total: 5,
      offset: 0,
    });
    expect(res.body.first).toBe(res.body.href);
    expect(res.body.items.map((u: { name: string }) => u.name)).toContain('Stark Logistics');
  });

  it('E08 creates a child from a Go-style PascalCase body', async () => {
    const res = await t.api.post(`/v1/bunits/${t.ids.unit('Globex Industries')}/bunits`, {
      Name: 'Globex Research',
      RegistrationNumber: 'GB123',
      TimeZone: { Id: 11, Name: 'ignored' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Globex Research',
      registrationNumber: 'GB123',
      timeZone: { id: 11 },
      parentBusinessUnit: { name: 'Globex Industries' },
    });
    expect(t.sim.state.businessUnits.find((b) => b.id === res.body.id)?.parentId).toBe(
      t.ids.unit('Globex Industries'),
    );
  });

  it('E08 rejects a missing name and an unknown time zone, changing nothing', async () => {
    const before = snapshot(t.sim);
    const noName = await t.api.post(`/v1/bunits/${t.ids.root}/bunits`, { registrationNumber: 'x' });
    expect(noName.status).toBe(400);
    expect(noName.body).toMatchObject({ code: 'ValidationFailed', status: 400 });
    expect(noName.body.message).toContain("'name'");
    const badTz = await t.api.post(`/v1/bunits/${t.ids.root}/bunits`, {
      name: 'X',
      timeZone: { id: 999 },
    });
    expect(badTz.status).toBe(400);
    expect(badTz.body.message).toContain('time zone 999');
    const wrongType = await t.api.post(`/v1/bunits/${t.ids.root}/bunits`, { name: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toContain('must be a string');
    expect(snapshot(t.sim)).toEqual(before);
  });

  it('E09 accepts a unit read with GET back, changed', async () => {
    const path = `/v1/bunits/${t.ids.unit('Umbrella Health')}`;
    const unit = (await t.api.get(path)).body;
    const res = await t.api.put(path, {
      ...unit,
      name: 'Umbrella Health AB',
      note: 'renamed',
      invoiceDay: 15,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Umbrella Health AB',
      note: 'renamed',
      invoiceDay: 15,
      id: unit.id,
    });
    expect((await t.api.get(path)).body.name).toBe('Umbrella Health AB');
    const bad = await t.api.put(path, { invoiceDay: 40 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("'invoiceDay'");
  });

  it('E10 refuses to delete a unit with children or consumers unless the flags say so', async () => {
    const initech = t.ids.unit('Initech');
    const before = snapshot(t.sim);
    const children = await t.api.del(`/v1/bunits/${initech}`);
    expect(children.status).toBe(409);
    expect(children.body.code).toBe('Conflict');
    expect(children.body.message).toContain("'Initech Labs'");
    expect(children.body.message).toContain('deleteChildren=true');
    const consumers = await t.api.del(`/v1/bunits/${initech}?deleteChildren=true`);
    expect(consumers.status).toBe(409);
    expect(consumers.body.message).toMatch(/6 consumer\(s\).*deleteConsumers=true/);
    const leaf = await t.api.del(`/v1/bunits/${t.ids.unit('Initech Labs Berlin')}`);
    expect(leaf.status).toBe(409);
    expect(leaf.body.message).toContain('deleteConsumers=true');
    expect(snapshot(t.sim)).toEqual(before);

    const ok = await t.api.del(
      `/v1/bunits/${initech}?deleteChildren=true&deleteConsumers=true&deleteServers=false`,
    );
    expect(ok.status).toBe(204);
    expect(t.sim.state.businessUnits.some((b) => b.name.startsWith('Initech'))).toBe(false);
    expect(
      t.sim.state.consumers.some((c) => c.name.startsWith('initech-') || c.name.startsWith('ber-')),
    ).toBe(false);
    expect((await t.api.get(`/v1/bunits/${initech}`)).status).toBe(404);
  });

  it('E10 deletes an empty unit and refuses the home unit', async () => {
    expect((await t.api.del(`/v1/bunits/${t.ids.unit('Stark Logistics')}`)).status).toBe(204);
    const home = await t.api.del(
      `/v1/bunits/${t.ids.root}?deleteChildren=true&deleteConsumers=true`,
    );
    expect(home.status).toBe(403);
    expect(home.body.message).toContain('home business unit');
  });

  it('E11 lists the users of a unit', async () => {
    const res = await t.api.get(`/v1/bunits/${t.ids.root}/users`);
    expect(res.body.items.map((u: { name: string }) => u.name)).toEqual([
      'demo@reseller.example',
      'readonly@reseller.example',
    ]);
    expect(res.body.items[0]).toMatchObject({
      role: { name: 'Administrator' },
      businessUnit: { id: t.ids.root },
    });
    const acmeUsers = await t.api.get(`/v1/bunits/${t.ids.unit('Acme Corporation')}/users`);
    expect(acmeUsers.body.total).toBe(2);
  });

  it('answers 404 for unknown units and 400 for ids that are not numbers', async () => {
    const missing = await t.api.get('/v1/bunits/99999');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      code: 'NotFound',
      message: 'Business unit 99999 was not found',
      status: 404,
    });
    const word = await t.api.get('/v1/bunits/abc');
    expect(word.status).toBe(400);
    expect(word.body.message).toContain("'abc'");
  });
});

describe('permissions', () => {
  it('limits a user to the home unit and below (403 elsewhere)', async () => {
    const sim = await start({
      users: [{ username: 'acme-admin', password: 'pw-acme-1', bunitId: 11 }],
    });
    try {
      const api = client(
        sim,
        (await signIn(sim, { username: 'acme-admin', password: 'pw-acme-1' })).access_token,
      );
      const tree = await api.get('/v1/bunits');
      expect(tree.body).toMatchObject({ id: 11, name: 'Acme Corporation', parentId: 10 });
      expect((await api.get('/v1/bunits/12')).status).toBe(200);
      const outside = await api.get('/v1/bunits/14/consumers');
      expect(outside.status).toBe(403);
      expect(outside.body.code).toBe('Forbidden');
      expect((await api.get('/v1/bunits?bunitId=10')).status).toBe(403);
      expect((await api.get('/v1/me')).body.businessUnit).toEqual({
        id: 11,
        name: 'Acme Corporation',
      });
    } finally {
      await sim.stop();
    }
  });

  it('gives the read-only user 403 on every write, and audits the refusal', async () => {
    const sim = await start();
    try {
      const api = client(
        sim,
        (
          await signIn(sim, {
            username: 'readonly@reseller.example',
            password: readOnlyCredentials.password,
          })
        ).access_token,
      );
      expect((await api.get('/v1/bunits/11/consumers')).status).toBe(200);
      const before = snapshot(sim);
      const create = await api.post('/v1/bunits/11/consumers', { name: 'nope' });
      expect(create.status).toBe(403);
      expect(create.body.message).toContain('read-only');
      expect((await api.del('/v1/bunits/19')).status).toBe(403);
      expect((await api.get('/v1/bunits/13/consumers/408/node/activate?tsmName=X')).status).toBe(
        403,
      );
      expect(snapshot(sim)).toEqual(before);
      const rejected = sim.state.auditLog.filter(
        (e) => e.type === 400 && e.userName === 'readonly@reseller.example',
      );
      expect(rejected).toHaveLength(3);
    } finally {
      await sim.stop();
    }
  });
});
