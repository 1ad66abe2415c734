import { describe, expect, it } from 'vitest';
import { snapshot, useSignedIn } from './helpers.js';

describe('backup nodes', () => {
  const t = useSignedIn();

  /** A fresh consumer in Acme Engineering (default server SP-STO1). */
  async function newConsumer(name: string) {
    const unit = t.ids.unit('Acme Engineering');
    const res = await t.api.post(`/v1/bunits/${unit}/consumers`, { name });
    return `/v1/bunits/${unit}/consumers/${res.body.id}`;
  }

  it('E32 reads an activated node with its catalog references', async () => {
    const res = await t.api.get(`${t.ids.consumer('acme-sql01').path}/node`);
    expect(res.body).toMatchObject({
      tsmName: 'ACME-SQL01',
      tsmPassword: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
      operatingSystem: { id: 4, name: 'Windows Server' },
      type: { id: 2, shortName: 'SQL' },
      domain: { name: 'DATABASES' },
      server: { id: 1, name: 'SP-STO1' },
      dataSourceState: { name: 'Active' },
      proxyAgents: [{ tsmName: 'ACME-DC01' }],
      consumer: { name: 'acme-sql01' },
    });
    expect((await t.api.get(`${t.ids.consumer('Laptop - Jenny').path}/node`)).status).toBe(404);
  });

  it('E33 creates a node from the Go client body and E38/E37 activate it with a quoted name', async () => {
    const path = await newConsumer('Acme Web01');
    const created = await t.api.post(`${path}/node`, {
      OperatingSystem: { id: 3 },
      Type: { id: 1 },
      Domain: { id: 1 },
      ClientOptionSet: { id: 4 },
      Server: { id: 1 },
      CpuCount: 2,
      Contact: 'ops@acme.example',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      cpuCount: 2,
      contact: 'ops@acme.example',
      dataSourceState: { name: 'Created' },
    });
    expect(created.body.tsmName).toBeUndefined();

    const spname = await t.api.get(`${path}/node/spname`);
    expect(spname.body).toBe('ACME-WEB01');
    // The Go client sends the spname body verbatim, JSON quotes included.
    const quoted = encodeURIComponent(JSON.stringify(spname.body));
    const activated = await t.api.get(`${path}/node/activate?tsmName=${quoted}`);
    expect(activated.status).toBe(200);
    expect(activated.body).toBe('ACME-WEB01');
    const node = (await t.api.get(`${path}/node`)).body;
    expect(node).toMatchObject({
      tsmName: 'ACME-WEB01',
      activatedDate: '2025-03-14T12:00:00.000Z',
      dataSourceState: { name: 'Active' },
    });
    expect(node.tsmPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    const again = await t.api.get(`${path}/node/activate?tsmName=OTHER`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain("already activated as 'ACME-WEB01'");
  });

  it('E38 suggests a unique name when the obvious one is taken', async () => {
    const path = await newConsumer('acme-dc01');
    await t.api.post(`${path}/node`, { operatingSystem: { id: 3 }, type: { id: 1 } });
    expect((await t.api.get(`${path}/node/spname`)).body).toBe('ACME-DC01-2');
  });

  it('E33 checks every reference against the catalog, naming the field', async () => {
    const path = await newConsumer('catalog-check');
    const before = snapshot(t.sim);
    const base = { operatingSystem: { id: 3 }, type: { id: 1 }, domain: { id: 1 } };
    const cases: [object, RegExp][] = [
      [{ ...base, operatingSystem: { id: 99 } }, /'operatingSystem' refers to operating system 99/],
      [{ ...base, type: { id: 99 } }, /'type' refers to node type 99/],
      [{ ...base, domain: { id: 99 } }, /'domain' refers to policy domain 99/],
      [
        { ...base, clientOptionSet: { id: 99 } },
        /'clientOptionSet' refers to client option set 99/,
      ],
      [{ ...base, server: { id: 9 } }, /'server' refers to backup server 9/],
      [{ ...base, domain: { id: 4 } }, /policy domain 4, which is not on backup server SP-STO1/],
      [{ ...base, operatingSystem: 3 }, /'operatingSystem' must be a reference object/],
      [{ type: { id: 1 } }, /'operatingSystem' is required/],
      [{ ...base, cpuCount: 0 }, /'cpuCount' must be at least 1/],
      [{ ...base, cpuCount: 1.5 }, /'cpuCount' must be an integer/],
    ];
    for (const [body, message] of cases) {
      const res = await t.api.post(`${path}/node`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    const unsupported = await t.api.post(`${path}/node`, {
      operatingSystem: { id: 2 },
      type: { id: 2 },
    });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.message).toBe(
      "Operating system 'macOS' (2) does not support node type 'Microsoft SQL Server' (2); it supports 'File' (1)",
    );
    expect(snapshot(t.sim)).toEqual(before);
  });

  it('E33 allows one node per consumer', async () => {
    const res = await t.api.post(`${t.ids.consumer('acme-dc01').path}/node`, {
      operatingSystem: { id: 3 },
      type: { id: 1 },
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('already has a backup node');
  });

  it('E37 enforces the IBM naming rules, one message per broken rule', async () => {
    const path = await newConsumer('naming');
    await t.api.post(`${path}/node`, { operatingSystem: { id: 4 }, type: { id: 1 } });
    const activate = (name: string) =>
      t.api.get(`${path}/node/activate?tsmName=${encodeURIComponent(name)}`);

    const tooLong = await activate('A'.repeat(65));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toContain('must be 1 to 64 characters long (it has 65)');
    const empty = await activate('""');
    expect(empty.body.message).toContain('(it has 0)');
    const chars = await activate('web 01!');
    expect(chars.body.message).toContain("not allowed (' ', '!')");
    const taken = await activate('acme-dc01');
    expect(taken.body.message).toContain('already used on backup server SP-STO1');
    const all = await activate(`${'x'.repeat(70)}#`);
    expect(all.body.message).toMatch(/64 characters.*not allowed \('#'\)/);
    expect((await t.api.get(`${path}/node/activate`)).body.message).toContain(
      "'tsmName' is required",
    );
    expect(t.sim.state.nodes.find((n) => n.tsmName?.startsWith('WEB'))).toBeUndefined();

    const ok = await activate('web_01.a-b+c&d');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('WEB_01.A-B+C&D');
  });

  it('E37 allows the same name on another backup server', async () => {
    const unit = t.ids.unit('Globex Industries');
    const created = await t.api.post(`/v1/bunits/${unit}/consumers`, { name: 'twin' });
    const path = `/v1/bunits/${unit}/consumers/${created.body.id}`;
    await t.api.post(`${path}/node`, { operatingSystem: { id: 4 }, type: { id: 1 } });
    expect((await t.api.get(`${path}/node`)).body.server.name).toBe('SP-STO2');
    expect((await t.api.get(`${path}/node/activate?tsmName=ACME-DC01`)).status).toBe(200);
  });

  it('E34 updates a node and keeps the OS/type rule', async () => {
    const path = `${t.ids.consumer('eng-mac-studio').path}/node`;
    const res = await t.api.put(path, { CpuCount: 10, Contact: 'studio@acme.example' });
    expect(res.body).toMatchObject({ cpuCount: 10, contact: 'studio@acme.example' });
    const bad = await t.api.put(path, { type: { id: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("does not support node type 'VMware'");
  });

  it('E35 changes the password of an activated node (8 to 64 characters)', async () => {
    const path = `${t.ids.consumer('fin-app01').path}/node/password`;
    const short = await t.api.post(path, { tsmPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.message).toBe("Field 'tsmPassword' must be 8 to 64 characters long, got 5");
    const ok = await t.api.post(path, { TsmPassword: 'Correct-Horse-9' });
    expect(ok.status).toBe(200);
    expect(ok.body.tsmPassword).toBe('Correct-Horse-9');
    const notActive = await t.api.post(`${t.ids.consumer('eng-mac-studio').path}/node/password`, {
      tsmPassword: 'long-enough',
    });
    expect(notActive.status).toBe(409);
  });

  it('E36 deleting the node removes the consumer too', async () => {
    const build = t.ids.consumer('eng-build01');
    expect((await t.api.del(`${build.path}/node`)).status).toBe(204);
    expect((await t.api.get(build.path)).status).toBe(404);
    expect(t.sim.state.filespaces.some((f) => f.consumerId === build.id)).toBe(false);
  });

  it('E39 lists the filespaces of an activated node, tsmSync or not', async () => {
    const path = `${t.ids.consumer('fin-app01').path}/node/filespaces`;
    const res = await t.api.get(`${path}?tsmSync=true`);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((f: { name: string }) => f.name)).toEqual(['/', '/home', '/var']);
    expect(res.body.items[0]).toMatchObject({
      type: 'XFS',
      lastBackupEnd: expect.stringMatching(/Z$/),
      occupancies: [{ storagePool: { name: 'DEDUPPOOL' } }],
    });
    const one = await t.api.get(new URL(res.body.items[1].href).pathname);
    expect(one.body.name).toBe('/home');
    expect(
      (await t.api.get(`${t.ids.consumer('eng-mac-studio').path}/node/filespaces`)).body.total,
    ).toBe(0);
    expect((await t.api.get(`${path}?tsmSync=yes`)).status).toBe(400);
  });
});
