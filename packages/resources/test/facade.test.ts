import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cloutility,
  createCloutility,
  NotApiResponseError,
  NotFoundError,
  ResponseValidationError,
  ValidationError,
} from '../src/index.js';
import { hits, useDemo } from './support.js';

describe('the facade against the simulator', () => {
  let sim: RunningSimulator;
  let clout: Cloutility;
  let acme: number;
  let dc01: number;
  useDemo((demo) => ({ sim, clout, acme, dc01 } = demo));

  it('takes path parameters positionally or in one object, with the same result', async () => {
    const positional = await clout.consumers.get(acme, dc01);
    const object = await clout.consumers.get({ bunitId: acme, consumerId: dc01 });
    expect(positional).toEqual(object);
    expect(positional.name).toBe('acme-dc01');
    const created = await clout.consumers.create(acme, { name: 'facade-positional' });
    expect(created.name).toBe('facade-positional');
  });

  it('rejects bad input naming every field, and sends nothing', async () => {
    const before = sim.stats.log.length;
    const error = await rejectionOf<ValidationError>(
      clout.consumers.create({ bunitId: -3, name: '   ', color: 'blue' } as never),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBeUndefined();
    expect(error.issues.map((i) => i.path).sort()).toEqual(['bunitId', 'color', 'name']);
    expect(error.message).toContain('bunitId: expected the business unit id (a positive integer)');
    expect(error.message).toContain('name: the consumption unit name must not be empty');
    expect(error.message).toContain('color: unknown field; expected one of: bunitId, name');
    expect(sim.stats.log.length).toBe(before);
  });

  it('says which field is required and what it expects', async () => {
    const error = await rejectionOf<ValidationError>(
      clout.nodes.activate({ bunitId: acme, consumerId: dc01 } as never),
    );
    expect(error.issues).toEqual([
      { path: 'tsmName', message: 'required: expected a node name (text)' },
    ]);
    const badName = await rejectionOf<ValidationError>(
      clout.nodes.activate(acme, dc01, { tsmName: 'web 07!' }),
    );
    expect(badName.issues[0]?.message).toBe('a node name may contain only A-Z, 0-9 and _ . - + &');
  });

  it('sends audit types as repeated numeric codes', async () => {
    const page = await clout.audit.query(acme, dc01, {
      types: ['create', 'delete'],
      orderDesc: true,
    });
    for (const entry of page.items) expect([100, 300]).toContain(entry.type);
    const sent = sim.stats.log.filter((e) => e.path.endsWith('/auditlogs')).at(-1);
    expect(sent?.query.filter(([k]) => k === 'types')).toEqual([
      ['types', '100'],
      ['types', '300'],
    ]);
  });

  it('sends node references as {id} objects', async () => {
    const consumer = await clout.consumers.create(acme, { name: 'facade-node' });
    const os = (await clout.catalog.operatingSystems()).items.find((o) =>
      /linux/i.test(o.name ?? ''),
    )!;
    const node = await clout.nodes.create(acme, consumer.id!, {
      operatingSystemId: os.id!,
      nodeTypeId: os.supportedNodeTypes![0]!.id!,
      domainId: (await clout.servers.domains(acme)).items[0]!.id!,
      clientOptionSetId: (await clout.servers.clientOptionSets(acme)).items[0]!.id!,
      serverId: (await clout.servers.default(acme)).id!,
    });
    expect(node.operatingSystem?.id).toBe(os.id);
    expect(node.type?.id).toBe(os.supportedNodeTypes![0]!.id);
  });

  it('iterates a paged collection with .iterate()', async () => {
    const all = await clout.audit.query(acme, dc01);
    const seen: number[] = [];
    for await (const entry of clout.audit.query.iterate(acme, dc01, {}, {})) seen.push(entry.id!);
    expect(seen).toEqual(all.items.map((e) => e.id));
    const units: string[] = [];
    for await (const unit of clout.bunits.children.iterate(acme)) units.push(unit.name!);
    expect(units).toEqual(['Acme Finance', 'Acme Engineering']);
  });

  it('falls back to the documented jobs/first form when a server has no jobs list route', async () => {
    sim.faults.add({
      method: 'GET',
      path: '/v1/bunits/{bunitId}/consumers/{consumerId}/jobs',
      status: 404,
    });
    const first = await clout.jobs.first(acme, dc01);
    const jobs = await clout.jobs.list(acme, dc01, { startTime: first.completed });
    expect(jobs.items.length).toBeGreaterThan(0);
    expect(
      hits(sim, 'GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs/first'),
    ).toBeGreaterThanOrEqual(2);
  });

  it('a missing object is a NotFoundError naming the operation path', async () => {
    const error = await rejectionOf<NotFoundError>(clout.consumers.get(acme, 999_999));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.path).toBe('/v1/bunits/{bunitId}/consumers/{consumerId}');
  });
});

/**
 * A server that answers the way an ASP.NET backend may: PascalCase names, nulls, a quoted string
 * as text/plain, and one field of an unexpected type.
 */
describe('responses from a PascalCase server', () => {
  let server: Server;
  let url: string;
  const consumers = {
    Href: '/v1/bunits/1/consumers',
    Total: 2,
    Items: [
      { Id: 7, Name: 'web-07', Note: null, DataSourceState: { Id: 3, Name: 'Active' } },
      { Id: 8, Name: 'db-01', CreatedDate: '2026-11-01T00:00:00Z' },
    ],
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const send = (status: number, body: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (req.url === '/v1/oauth')
        return send(200, { access_token: 'pascal-token-1', expires_in: 299, token_type: 'bearer' });
      if (req.url === '/v1/bunits/1/consumers') return send(200, consumers);
      if (req.url === '/v1/bunits/1/consumers/7') return send(200, { Id: 'seven', Name: 'web-07' });
      if (req.url === '/v1/bunits/1/consumers/7/node/spname')
        return send(200, '"WEB-07"', 'text/plain');
      // A web server, not the API, at the configured URL.
      if (req.url === '/v1/bunits/2/consumers')
        return send(200, '<!DOCTYPE html><html><body>\x1b[2JWelcome</body></html>', 'text/html');
      if (req.url === '/v1/bunits/3/consumers') return send(200, 'OK', 'text/plain');
      if (req.url === '/v1/bunits/4/consumers') return send(200, [{ Id: 1 }]);
      if (req.url === '/v1/bunits/5/consumers') return send(200, { Status: 'up' });
      if (req.url === '/v1/bunits/6/consumers') return send(200, 'null');
      if (req.url === '/v1/me') return send(200, 'bytes', 'application/octet-stream');
      if (req.url === '/v1/fullVersion')
        return send(200, '<html><p>portal</p></html>', 'text/html');
      send(404, { code: 'NotFound', message: 'no such route', status: 404 });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  const facade = (
    responseValidation: 'strict' | 'lenient' | 'off',
    onSchemaMismatch?: () => void,
  ) =>
    createCloutility({
      baseUrl: url,
      clientId: 'pascal',
      origin: 'https://ops.example',
      credentials: { username: 'u', password: 'pascal-password' },
      responseValidation,
      onSchemaMismatch,
    });

  it('camel-cases names and drops nulls before parsing', async () => {
    const list = await facade('strict').consumers.list(1);
    expect(list.total).toBe(2);
    expect(list.items[0]).toEqual({
      id: 7,
      name: 'web-07',
      dataSourceState: { id: 3, name: 'Active' },
    });
    const names: string[] = [];
    for await (const c of facade('strict').consumers.list.iterate(1)) names.push(c.name!);
    expect(names).toEqual(['web-07', 'db-01']);
  });

  it('unquotes the suggested node name', async () => {
    expect(await facade('strict').nodes.suggestName(1, 7)).toBe('WEB-07');
  });

  it('strict throws, lenient reports and returns, off returns', async () => {
    const error = await rejectionOf<ResponseValidationError>(facade('strict').consumers.get(1, 7));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues[0]?.path).toBe('id');
    let reported = 0;
    const lenient = await facade('lenient', () => reported++).consumers.get(1, 7);
    expect(lenient).toEqual({ id: 'seven', name: 'web-07' });
    expect(reported).toBe(1);
    expect(await facade('off').consumers.get(1, 7)).toEqual({ id: 'seven', name: 'web-07' });
  });

  it('an answer that is not the API JSON is an error in lenient and strict mode, naming what came', async () => {
    // Thunks: a call started early would reject unobserved while an earlier one is awaited.
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => facade('lenient').consumers.list(2), /it sent an HTML page$/],
      [() => facade('strict').consumers.list(2), /it sent an HTML page$/],
      [
        () => facade('lenient').consumers.list(3),
        /it sent text that is not JSON \(text\/plain, 2 bytes\)$/,
      ],
      [
        () => facade('lenient').consumers.list(4),
        /it sent a JSON array where an object was expected$/,
      ],
      [
        () => facade('lenient').consumers.list(5),
        /it sent a JSON object without the expected fields$/,
      ],
      [() => facade('lenient').meta.version(), /it sent an HTML page$/],
      [() => facade('lenient').consumers.list(6), /it sent JSON null$/],
      [() => facade('lenient').meta.me(), /it sent a 5-byte application\/octet-stream body$/],
    ];
    for (const [call, message] of cases) {
      const error = await rejectionOf<NotApiResponseError>(call());
      expect(error).toBeInstanceOf(NotApiResponseError);
      expect(error.message).toMatch(/the server did not answer with the API's JSON/);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('\x1b');
    }
    // Checking off is off: what came is returned.
    expect(await facade('off').consumers.list(3)).toBe('OK');
  });

  it('rejects an unknown validation mode at construction', () => {
    expect(() => facade('loose' as never)).toThrow(/responseValidation/);
  });
});

describe('response normalisation', () => {
  it('drops a "__proto__" key from a response instead of setting a prototype', async () => {
    const { normalizeResponse } = await import('../src/index.js');
    const parsed = JSON.parse(
      '{"Name":"x","__proto__":{"polluted":true},"Items":[{"__proto__":{"bad":1},"Id":1}]}',
    );
    const out = normalizeResponse(parsed) as { name: string; items: { id: number }[] } & Record<
      string,
      unknown
    >;
    expect(out).toEqual({ name: 'x', items: [{ id: 1 }] });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
