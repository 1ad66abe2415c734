import { createSimulatorApp, type RunningSimulator } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cloutility, callOperation, type Operation, operations } from '../src/index.js';
import { connect, consumerNamed, unitNamed } from './support.js';

/**
 * Every registry operation is called here against the simulator, in catalog order, with its
 * response checked in `strict` mode (so it must parse with the operation's schema). Scenarios
 * build their input from the seeded data, read through the API; writes set up what the
 * destructive operations later remove.
 */
type Fixture = Record<string, number | string>;
type Scenario = (clout: Cloutility, fx: Fixture) => Promise<Record<string, unknown>>;

const scenarios: Record<string, Scenario> = {
  'meta.version': async () => ({}),
  'meta.me': async () => ({}),
  'actions.list': async () => ({}),
  'actions.get': async (c) => ({ actionId: (await c.actions.list()).items[0]?.id }),
  'bunits.tree': async () => ({}),
  'bunits.get': async (_, fx) => ({ bunitId: fx.acme }),
  'bunits.children': async (_, fx) => ({ bunitId: fx.root }),
  'bunits.create': async (c, fx) => ({
    bunitId: fx.root,
    name: 'Operations Test AB',
    registrationNumber: 'SE556000-0001',
    timeZoneId: (await c.timezones.list()).items[0]?.id,
  }),
  'bunits.update': async (_, fx) => ({
    bunitId: fx.newUnit,
    note: 'updated by the operations test',
  }),
  'bunits.delete': async (_, fx) => ({ bunitId: fx.newUnit }),
  'bunits.users': async (_, fx) => ({ bunitId: fx.root }),
  'timezones.list': async () => ({}),
  'timezones.get': async (c) => ({ timeZoneId: (await c.timezones.list()).items[0]?.id }),
  'consumers.list': async (_, fx) => ({ bunitId: fx.acme }),
  'consumers.get': async (_, fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 }),
  'consumers.create': async (_, fx) => ({
    bunitId: fx.acme,
    name: 'ops-test-01',
    billingStartDate: '2026-11-01',
  }),
  'consumers.update': async (_, fx) => ({
    bunitId: fx.acme,
    consumerId: fx.newConsumer,
    note: 'test machine',
  }),
  'consumers.delete': async (c, fx) => {
    const spare = await c.consumers.create(fx.acme as number, { name: 'ops-test-spare' });
    return {
      bunitId: fx.acme,
      consumerId: spare.id,
      deleteAssociations: true,
      deletionComment: 'test',
    };
  },
  'audit.query': async (_, fx) => ({
    bunitId: fx.acme,
    consumerId: fx.newConsumer,
    types: ['create', 'modify'],
    limit: 10,
    orderDesc: true,
  }),
  'reports.list': async (_, fx) => ({
    bunitId: fx.acme,
    consumerId: fx.sql01,
    status: true,
    warnings: true,
  }),
  'reports.latest': async (_, fx) => ({ bunitId: fx.acme, consumerId: fx.sql01 }),
  'reports.warningTypes': async () => ({}),
  'jobs.first': async (_, fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 }),
  'jobs.list': async (c, fx) => {
    const first = await c.jobs.first(fx.acme as number, fx.dc01 as number);
    return {
      bunitId: fx.acme,
      consumerId: fx.dc01,
      startTime: first.completed,
      endTime: new Date().toISOString(),
    };
  },
  'servers.default': async (_, fx) => ({ bunitId: fx.acme }),
  'servers.domains': async (_, fx) => ({ bunitId: fx.acme }),
  'servers.clientOptionSets': async (_, fx) => ({ bunitId: fx.acme }),
  'catalog.operatingSystems': async () => ({}),
  'catalog.operatingSystem': async (c) => ({
    osId: (await c.catalog.operatingSystems()).items[0]?.id,
  }),
  'catalog.nodeTypes': async () => ({}),
  'catalog.nodeType': async (c) => ({ nodeTypeId: (await c.catalog.nodeTypes()).items[0]?.id }),
  'nodes.get': async (_, fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 }),
  'nodes.create': async (c, fx) => {
    const os = (await c.catalog.operatingSystems()).items.find((o) => o.supportedNodeTypes?.length);
    return {
      bunitId: fx.acme,
      consumerId: fx.newConsumer,
      operatingSystemId: os?.id,
      nodeTypeId: os?.supportedNodeTypes?.[0]?.id,
      domainId: (await c.servers.domains(fx.acme as number)).items[0]?.id,
      clientOptionSetId: (await c.servers.clientOptionSets(fx.acme as number)).items[0]?.id,
      serverId: (await c.servers.default(fx.acme as number)).id,
      contact: 'ops@example.net',
      cpuCount: 4,
    };
  },
  'nodes.update': async (_, fx) => ({
    bunitId: fx.acme,
    consumerId: fx.newConsumer,
    contact: 'backup-team@example.net',
  }),
  'nodes.changePassword': async (_, fx) => ({
    bunitId: fx.acme,
    consumerId: fx.newConsumer,
    tsmPassword: 'N3w-node-pass',
  }),
  'nodes.delete': async (_, fx) => ({ bunitId: fx.acme, consumerId: fx.newConsumer }),
  'nodes.activate': async (c, fx) => ({
    bunitId: fx.acme,
    consumerId: fx.newConsumer,
    tsmName: await c.nodes.suggestName(fx.acme as number, fx.newConsumer as number),
  }),
  'nodes.suggestName': async (_, fx) => ({ bunitId: fx.acme, consumerId: fx.newConsumer }),
  'nodes.filespaces': async (_, fx) => ({ bunitId: fx.acme, consumerId: fx.dc01, tsmSync: true }),
  'proxies.possibleNodes': async (_, fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 }),
  'proxies.addAgent': async (_, fx) => ({
    bunitId: fx.acme,
    targetConsumerId: fx.dc01,
    proxyAgentId: fx.exch01,
  }),
  'proxies.addTarget': async (_, fx) => ({
    bunitId: fx.acme,
    agentConsumerId: fx.exch01,
    proxyTargetId: fx.sql01,
  }),
  'proxies.removeAgent': async (_, fx) => ({
    bunitId: fx.acme,
    targetConsumerId: fx.dc01,
    agentConsumerId: fx.exch01,
  }),
  'proxies.removeTarget': async (_, fx) => ({
    bunitId: fx.acme,
    agentConsumerId: fx.exch01,
    targetConsumerId: fx.sql01,
  }),
  'billing.contract': async (_, fx) => ({ bunitId: fx.acme }),
  'billing.invoices': async (_, fx) => ({ bunitId: fx.acme }),
  'billing.invoice': async (c, fx) => {
    const href = (await c.billing.invoices(fx.acme as number)).items[0]?.href ?? '';
    return { bunitId: fx.acme, invoiceDate: href.match(/\d{4}-\d{2}-\d{2}/)?.[0] };
  },
  'billing.invoiceFiles': async (_, fx) => ({ bunitId: fx.acme }),
  'billing.uploadInvoiceFile': async (_, fx) => ({
    bunitId: fx.acme,
    contentBase64: Buffer.from('%PDF-1.4 test invoice').toString('base64'),
    erpReference: 'ERP-42',
    sendToBillingAddress: false,
  }),
  'billing.data': async (_, fx) => ({ bunitId: fx.root, includeNext: 1 }),
  'billing.dataFor': async (c, fx) => ({
    bunitId: fx.root,
    invoiceDate: (await c.billing.data(fx.root as number)).items[0]?.invoiceDateStr,
  }),
};

// Operations whose scenario needs state made by a later one run after it.
const ORDER_OVERRIDES: Record<string, string[]> = {
  'nodes.activate': ['nodes.suggestName', 'nodes.update'],
  'nodes.changePassword': ['nodes.activate'],
  'nodes.delete': ['nodes.changePassword', 'nodes.filespaces'],
};

function runOrder(): Operation[] {
  const ordered = [...operations] as Operation[];
  for (const [name, after] of Object.entries(ORDER_OVERRIDES)) {
    const op = ordered.splice(
      ordered.findIndex((o) => o.name === name),
      1,
    )[0] as Operation;
    const last = Math.max(...after.map((a) => ordered.findIndex((o) => o.name === a)));
    ordered.splice(last + 1, 0, op);
  }
  return ordered;
}

describe('every registry operation against the simulator (strict response validation)', () => {
  let sim: RunningSimulator;
  let clout: Cloutility;
  const fx: Fixture = {};
  const results = new Map<string, unknown>();

  beforeAll(async () => {
    ({ sim, clout } = await connect({}, { responseValidation: 'strict' }));
    fx.root = (await clout.meta.me()).businessUnit?.id as number;
    fx.acme = await unitNamed(clout, 'Acme Corporation');
    fx.dc01 = await consumerNamed(clout, fx.acme, 'acme-dc01');
    fx.sql01 = await consumerNamed(clout, fx.acme, 'acme-sql01');
    fx.exch01 = await consumerNamed(clout, fx.acme, 'acme-exch01');
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('has a scenario for every operation and no other', () => {
    expect(Object.keys(scenarios).sort()).toEqual(operations.map((op) => op.name).sort());
  });

  for (const op of runOrder()) {
    it(`${op.id} ${op.name}: ${op.method} ${op.path}`, async () => {
      const scenario = scenarios[op.name];
      expect(scenario, `no scenario for ${op.name}`).toBeDefined();
      const input = await scenario!(clout, fx);
      const before = sim.stats.requests[`${op.method} ${op.path}`] ?? 0;
      const result = await callOperation(clout.context, op, input as never);
      results.set(op.name, result);
      // the request reached the operation's own route (or its documented alternate)
      const routes = [
        `${op.method} ${op.path}`,
        ...(op.alternate ? [`${op.method} ${op.alternate.path}`] : []),
      ];
      const after = routes.reduce((n, r) => n + (sim.stats.requests[r] ?? 0), 0);
      expect(after).toBeGreaterThan(before);
      if (op.name === 'bunits.create') fx.newUnit = (result as { id: number }).id;
      if (op.name === 'consumers.create') fx.newConsumer = (result as { id: number }).id;
      if (op.response.safeParse(undefined).success === false) expect(result).toBeDefined();
    });
  }

  it('the writes took effect', () => {
    expect(results.get('meta.version')).toBe('1.0.4480.0');
    expect(results.get('consumers.update')).toMatchObject({ note: 'test machine' });
    expect(results.get('nodes.update')).toMatchObject({ contact: 'backup-team@example.net' });
    expect(String(results.get('nodes.suggestName'))).toMatch(/^[A-Z0-9_.\-+&]{1,64}$/);
    expect(results.get('nodes.changePassword')).toBeDefined();
  });
});

describe('the simulator serves every registry operation', () => {
  it('has a route for each method and path template, parameter names included', () => {
    const { app } = createSimulatorApp({ seed: 'empty' });
    const brace = (path: string) => path.replace(/:(\w+)(\{[^/]*\})?/g, '{$1}');
    const served = new Set(
      app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${brace(r.path)}`),
    );
    const missing = operations
      .map((op) => `${op.id} ${op.method} ${op.path}`)
      .filter((key) => !served.has(key.slice(4)));
    expect(missing).toEqual([]);
    expect(served.has('POST /v1/oauth')).toBe(true);
  });
});
