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
    const server = await t.api.get('/v1/nodeoperatingsystems/4');
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
      'DEDUP_AND_COMPRESS',
      'WINDOWS',
      'LINUX',
    ]);
  });

  it("numbers the catalog from 1, as a fresh portal does: the Go enroll example's ids mean what it expects", async () => {
    // examples/enroll of the Go client: OS 3 (Linux), node type 1 (File), domain 1 (the standard
    // one), client option set 2 (deduplication and compression); its CLI always sends set 2.
    expect((await t.api.get('/v1/nodeoperatingsystems/3')).body).toMatchObject({
      name: 'Linux',
      supportedNodeTypes: expect.arrayContaining([
        expect.objectContaining({ id: 1, name: 'File' }),
      ]),
    });
    const domains = (await t.api.get('/v1/bunits/10/defaultserver/domains')).body.items;
    expect(domains[0]).toMatchObject({ id: 1, name: 'STANDARD' });
    const sets = (await t.api.get('/v1/bunits/10/defaultserver/clientoptionsets')).body.items;
    expect(sets.map((o: { id: number }) => o.id)).toEqual([1, 2, 3, 4]);
    expect(sets[1]).toMatchObject({ name: 'DEDUP_AND_COMPRESS' });

    const unit = demo(t.sim).unit('Acme Corporation');
    const consumer = await t.api.post(`/v1/bunits/${unit}/consumers`, { Name: 'go-enroll-01' });
    const path = `/v1/bunits/${unit}/consumers/${consumer.body.id}/node`;
    // The body exactly as the Go client's json.Marshal writes its NodeData: PascalCase fields
    // holding whole zero-valued structs (their own fields tagged lower-case) with only the id set.
    const zero = { createdDate: '0001-01-01T00:00:00Z', href: '', name: '' };
    const node = await t.api.post(path, {
      OperatingSystem: { ...zero, shortName: '', supportedNodeTypes: null, id: 3 },
      Type: { ...zero, shortName: '', id: 1 },
      Contact: 'Company IT Departement',
      ClientOptionSet: { ...zero, id: 2 },
      Domain: {
        ...zero,
        description: '',
        backupRetention: 0,
        archiveRetention: 0,
        id: 1,
        missingInTsm: false,
      },
      CpuCount: 1,
    });
    expect(node.status).toBe(201);
    expect(node.body).toMatchObject({
      operatingSystem: { id: 3, name: 'Linux' },
      domain: { id: 1, name: 'STANDARD' },
      clientOptionSet: { id: 2, name: 'DEDUP_AND_COMPRESS' },
    });
  });

  it('gives domains and option sets an href that resolves, like every other resource', async () => {
    const domains = (await t.api.get('/v1/bunits/10/defaultserver/domains')).body.items;
    const sets = (await t.api.get('/v1/bunits/10/defaultserver/clientoptionsets')).body.items;
    expect(domains[0].href).toBe(`${t.sim.url}/v1/servers/1/domains/1`);
    expect(sets[1].href).toBe(`${t.sim.url}/v1/servers/1/clientoptionsets/2`);
    for (const item of [...domains, ...sets]) {
      const res = await t.api.get(item.href.slice(t.sim.url.length));
      expect(res.status, item.href).toBe(200);
      expect(res.body).toEqual(item);
    }
    const node = (await t.api.get(`${t.ids.consumer('acme-dc01').path}/node`)).body;
    expect(node.domain.href).toMatch(/\/v1\/servers\/1\/domains\/1$/);
    expect(node.clientOptionSet.href).toMatch(/\/v1\/servers\/1\/clientoptionsets\/3$/);
    const missing = await t.api.get('/v1/servers/2/domains/1');
    expect(missing.status).toBe(404);
    expect(missing.body.developerMessage).toBe(
      'Policy domain 1 was not found on backup server 2. List them with GET /v1/bunits/{bunitId}/defaultserver/domains.',
    );
  });
});
