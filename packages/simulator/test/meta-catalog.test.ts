import { describe, expect, it } from 'vitest';
import { demo, T0, useSignedIn } from './helpers.js';

describe('meta, time zones, catalog and servers', () => {
  const t = useSignedIn();

  it('E01 returns the full version as a JSON string', async () => {
    const res = await t.api.get('/v1/fullVersion');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toBe('1.0.4480.0');
  });

  it('E02 returns the signed-in user with the home unit', async () => {
    const res = await t.api.get('/v1/me');
    expect(res.body).toMatchObject({
      name: 'demo@reseller.example',
      displayName: 'Demo Reseller Admin',
      role: { id: 1, name: 'Administrator' },
      businessUnit: { id: 10, name: 'Example Reseller' },
      businessUnitId: 10,
      lastLoginDate: T0,
    });
    expect(res.body.phone).toBeUndefined();
  });

  it('E03/E04 list and read actions', async () => {
    const list = await t.api.get('/v1/actions');
    expect(list.body.total).toBeGreaterThan(5);
    expect(list.body.items[0]).toEqual({
      href: `${t.sim.url}/v1/actions/1`,
      name: 'View business units',
      id: 1,
      createdDate: expect.any(String),
    });
    expect((await t.api.get('/v1/actions/2')).body.name).toBe('Create business unit');
    expect((await t.api.get('/v1/actions/999')).status).toBe(404);
  });

  it('E12/E13 list and read time zones with Windows ids', async () => {
    const list = await t.api.get('/v1/timezones');
    expect(list.body.total).toBeGreaterThan(20);
    expect(
      list.body.items.every((tz: { windowsId: string; id: number }) => tz.windowsId && tz.id),
    ).toBe(true);
    const stockholm = await t.api.get('/v1/timezones/4');
    expect(stockholm.body).toMatchObject({
      name: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
      windowsId: 'W. Europe Standard Time',
      actions: [{ name: 'Calculate UTC offset', method: 'GET' }],
    });
    expect((await t.api.get('/v1/timezones/0')).status).toBe(404);
  });

  it('E28-E31 list operating systems with supported node types, and node types', async () => {
    const oses = await t.api.get('/v1/nodeoperatingsystems');
    expect(oses.body.items.map((o: { name: string }) => o.name)).toEqual(
      expect.arrayContaining(['Windows', 'Windows Server', 'Linux', 'macOS']),
    );
    const server = await t.api.get('/v1/nodeoperatingsystems/3');
    expect(server.body.supportedNodeTypes.map((t: { shortName: string }) => t.shortName)).toEqual([
      'FILE',
      'SQL',
      'VMWARE',
      'EXCHANGE',
      'HYPERV',
    ]);
    const types = await t.api.get('/v1/nodetypes');
    expect(types.body.total).toBe(7);
    expect((await t.api.get('/v1/nodetypes/3')).body).toMatchObject({
      name: 'VMware',
      href: `${t.sim.url}/v1/nodetypes/3`,
    });
    expect((await t.api.get('/v1/nodetypes/77')).status).toBe(404);
  });

  it('E25-E27 give each unit its default server with domains and option sets', async () => {
    const globex = demo(t.sim).unit('Globex Industries');
    expect((await t.api.get('/v1/bunits/10/defaultserver')).body).toEqual({
      href: `${t.sim.url}/v1/bunits/10/defaultserver`,
      id: 1,
      name: 'SP-STO1',
    });
    expect((await t.api.get(`/v1/bunits/${globex}/defaultserver`)).body.name).toBe('SP-STO2');
    // Sub-units inherit the default server.
    expect(
      (await t.api.get(`/v1/bunits/${demo(t.sim).unit('Acme Finance')}/defaultserver`)).body.name,
    ).toBe('SP-STO1');
    const domains = await t.api.get(`/v1/bunits/${globex}/defaultserver/domains`);
    expect(domains.body.items.map((d: { name: string }) => d.name)).toEqual([
      'STANDARD',
      'WORKSTATIONS',
    ]);
    expect(domains.body.items[0]).toMatchObject({ backupRetention: 30, server: { id: 2 } });
    const sets = await t.api.get('/v1/bunits/10/defaultserver/clientoptionsets');
    expect(sets.body.items.map((o: { name: string }) => o.name)).toEqual([
      'DEFAULT',
      'WINDOWS',
      'LINUX',
    ]);
  });
});
