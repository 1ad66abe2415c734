import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTools } from '../src/index.js';
import { type Harness, harness, seedIds } from './support.js';

/**
 * Every tool is called once against the simulator, in an order where writes set up what the
 * destructive tools later remove. Each result must be a success whose text is non-empty and whose
 * structured content exists.
 */
type Fx = Record<string, number | string>;
const scenarios: [
  tool: string,
  args: (fx: Fx, h: Harness) => Record<string, unknown> | Promise<Record<string, unknown>>,
][] = [
  ['get_api_version', () => ({})],
  ['get_current_user', () => ({})],
  ['whoami', () => ({})],
  ['list_actions', () => ({})],
  [
    'get_action',
    async (_, h) => ({
      actionId: ((await h.call('list_actions')).structured.items as { id: number }[])[0]?.id,
    }),
  ],
  ['get_business_unit_tree', () => ({})],
  ['find_business_unit', () => ({ query: 'acme' })],
  ['get_business_unit', (fx) => ({ bunitId: fx.acme })],
  ['list_child_business_units', (fx) => ({ bunitId: fx.root })],
  ['list_business_unit_users', (fx) => ({ bunitId: fx.root })],
  ['list_time_zones', () => ({ limit: 5 })],
  ['get_time_zone', () => ({ timeZoneId: 1 })],
  ['create_business_unit', (fx) => ({ bunitId: fx.root, name: 'MCP Test AB' })],
  ['update_business_unit', (fx) => ({ bunitId: fx.newUnit, note: 'made by the MCP test' })],
  ['list_consumers', (fx) => ({ bunitId: fx.acme })],
  ['get_consumer', (fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 })],
  ['describe_consumer', (fx) => ({ bunitId: fx.acme, name: 'acme-dc01' })],
  ['create_consumer', (fx) => ({ bunitId: fx.acme, name: 'mcp-test-01' })],
  ['update_consumer', (fx) => ({ bunitId: fx.acme, consumerId: fx.newConsumer, note: 'test' })],
  [
    'query_audit_log',
    (fx) => ({ bunitId: fx.acme, consumerId: fx.newConsumer, types: ['create', 'modify'] }),
  ],
  [
    'list_reports',
    (fx) => ({ bunitId: fx.acme, consumerId: fx.sql01, status: true, warnings: true, limit: 5 }),
  ],
  ['get_latest_report', (fx) => ({ bunitId: fx.acme, consumerId: fx.sql01 })],
  ['list_node_warning_types', () => ({})],
  ['backup_health', (fx) => ({ bunitId: fx.root })],
  ['get_first_job', (fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 })],
  ['list_jobs', (fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 })],
  [
    'jobs_since',
    (fx) => ({ bunitId: fx.acme, consumerId: fx.dc01, since: '2000-01-01T00:00:00Z' }),
  ],
  ['get_default_server', (fx) => ({ bunitId: fx.acme })],
  ['list_policy_domains', (fx) => ({ bunitId: fx.acme })],
  ['list_client_option_sets', (fx) => ({ bunitId: fx.acme })],
  ['list_operating_systems', () => ({})],
  ['get_operating_system', () => ({ osId: 1 })],
  ['list_node_types', () => ({})],
  ['get_node_type', () => ({ nodeTypeId: 1 })],
  ['normalize_node_name', () => ({ hostName: "Jenny's Laptop" })],
  [
    'enroll_machine',
    (fx) => ({ bunitId: fx.acme, name: 'mcp-enrolled', operatingSystem: 'Linux' }),
  ],
  ['get_node', (fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 })],
  ['create_node', (fx, h) => nodeArgs(fx, h)],
  [
    'update_node',
    (fx) => ({ bunitId: fx.acme, consumerId: fx.newConsumer, contact: 'ops@example.net' }),
  ],
  ['suggest_node_name', (fx) => ({ bunitId: fx.acme, consumerId: fx.newConsumer })],
  [
    'activate_node',
    async (fx, h) => ({
      bunitId: fx.acme,
      consumerId: fx.newConsumer,
      tsmName: (await h.call('suggest_node_name', { bunitId: fx.acme, consumerId: fx.newConsumer }))
        .text,
    }),
  ],
  ['list_filespaces', (fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 })],
  [
    'change_node_password',
    (fx) => ({
      bunitId: fx.acme,
      consumerId: fx.newConsumer,
      tsmPassword: 'N3w-password!',
      confirm: true,
    }),
  ],
  ['list_possible_proxy_nodes', (fx) => ({ bunitId: fx.acme, consumerId: fx.dc01 })],
  [
    'add_proxy_agent',
    (fx) => ({ bunitId: fx.acme, targetConsumerId: fx.dc01, proxyAgentId: fx.exch01 }),
  ],
  [
    'add_proxy_target',
    (fx) => ({ bunitId: fx.acme, agentConsumerId: fx.exch01, proxyTargetId: fx.sql01 }),
  ],
  [
    'remove_proxy_agent',
    (fx) => ({
      bunitId: fx.acme,
      targetConsumerId: fx.dc01,
      agentConsumerId: fx.exch01,
      confirm: true,
    }),
  ],
  [
    'remove_proxy_target',
    (fx) => ({
      bunitId: fx.acme,
      agentConsumerId: fx.exch01,
      targetConsumerId: fx.sql01,
      confirm: true,
    }),
  ],
  ['get_contract', (fx) => ({ bunitId: fx.acme })],
  ['list_invoices', (fx) => ({ bunitId: fx.acme })],
  [
    'get_invoice',
    async (fx, h) => ({
      bunitId: fx.acme,
      invoiceDate: (
        (await h.call('list_invoices', { bunitId: fx.acme })).structured.items as {
          invoiceDate: string;
        }[]
      )[0]?.invoiceDate,
    }),
  ],
  ['list_invoice_files', (fx) => ({ bunitId: fx.acme })],
  [
    'upload_invoice_file',
    (fx) => ({ bunitId: fx.acme, contentBase64: Buffer.from('%PDF-1.4').toString('base64') }),
  ],
  ['list_billing_data', (fx) => ({ bunitId: fx.root })],
  [
    'get_billing_data',
    async (fx, h) => ({
      bunitId: fx.root,
      invoiceDate: (
        (await h.call('list_billing_data', { bunitId: fx.root })).structured.items as {
          invoiceDateStr: string;
        }[]
      )[0]?.invoiceDateStr,
    }),
  ],
  ['delete_node', (fx) => ({ bunitId: fx.acme, consumerId: fx.newConsumer, confirm: true })],
  [
    'delete_consumer',
    async (fx, h) => ({
      bunitId: fx.acme,
      consumerId: (
        (await h.call('create_consumer', { bunitId: fx.acme, name: 'mcp-spare' })).structured
          .item as { id: number }
      ).id,
      confirm: true,
    }),
  ],
  ['delete_business_unit', (fx) => ({ bunitId: fx.newUnit, confirm: true })],
];

async function nodeArgs(fx: Fx, h: Harness) {
  const os = (
    (await h.call('list_operating_systems')).structured.items as { id: number; name: string }[]
  ).find((o) => /linux/i.test(o.name))!;
  const first = async (tool: string) =>
    ((await h.call(tool, { bunitId: fx.acme })).structured.items as { id: number }[])[0]?.id;
  const server = (await h.call('get_default_server', { bunitId: fx.acme })).structured.item as {
    id: number;
  };
  const types = (await h.call('get_operating_system', { osId: os.id })).structured.item as {
    supportedNodeTypes: { id: number }[];
  };
  return {
    bunitId: fx.acme,
    consumerId: fx.newConsumer,
    operatingSystemId: os.id,
    nodeTypeId: types.supportedNodeTypes[0]?.id,
    domainId: await first('list_policy_domains'),
    clientOptionSetId: await first('list_client_option_sets'),
    serverId: server.id,
  };
}

describe('every tool against the simulator', () => {
  let h: Harness;
  const fx: Fx = {};
  beforeAll(async () => {
    h = await harness();
    Object.assign(fx, seedIds(h.sim));
  });
  afterAll(async () => {
    await h.close();
  });

  it('has a scenario for every tool', () => {
    expect(scenarios.map(([name]) => name).sort()).toEqual(
      allTools()
        .map((t) => t.name)
        .sort(),
    );
  });

  for (const [name, args] of scenarios) {
    it(name, async () => {
      // A destructive call goes the way a model must make it: the preview, then its token.
      const { confirm, ...given } = await args(fx, h);
      const result = confirm === true ? await h.confirmed(name, given) : await h.call(name, given);
      expect(result.isError, result.text).toBe(false);
      expect(result.text.length).toBeGreaterThan(0);
      expect(result.text).not.toMatch(/"\$type"|"href":|\bactions\b: /);
      if (name === 'create_business_unit')
        fx.newUnit = (result.structured.item as { id: number }).id;
      if (name === 'create_consumer' && !fx.newConsumer)
        fx.newConsumer = (result.structured.item as { id: number }).id;
    });
  }

  it('the writes took effect and the deletes removed what they said', () => {
    const state = h.sim.state;
    expect(state.consumers.some((c) => c.name === 'mcp-enrolled')).toBe(true);
    expect(state.consumers.some((c) => c.name === 'mcp-test-01')).toBe(false); // delete_node removes the unit too
    expect(state.consumers.some((c) => c.name === 'mcp-spare')).toBe(false);
    expect(state.businessUnits.some((u) => u.name === 'MCP Test AB')).toBe(false);
  });
});

describe('collection text', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('says once what every row shares (a value, the words a message starts with); the structured content keeps it all', async () => {
    const { acme, dc01 } = seedIds(h.sim);
    for (const note of ['a', 'b', 'c'])
      await h.call('update_consumer', { bunitId: acme, consumerId: dc01, note });
    const result = await h.call('query_audit_log', { bunitId: acme, consumerId: dc01 });
    expect(result.isError, result.text).toBe(false);
    const lines = result.text.split('\n');
    expect(lines).toContain('same in every row: user demo@reseller.example');
    expect(lines).toContain(`same start in every row: message "Consumption unit 'acme-dc01' …"`);
    expect(lines).toContain('id | createdDate | type | message');
    const rows = lines.filter((l) => /^\d+ \| /.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.some((r) => r.endsWith(' | modified (note)'))).toBe(true);
    expect(rows.every((r) => !r.includes('acme-dc01'))).toBe(true);
    const items = result.structured.items as { message: string }[];
    expect(items.every((i) => i.message.startsWith("Consumption unit 'acme-dc01' "))).toBe(true);
  });

  it('rows that share no whole words at their start keep their text whole', async () => {
    const result = await h.call('list_operating_systems', {});
    expect(result.text).not.toContain('same start in every row');
    const names = (result.structured.items as { name: string }[]).map((i) => i.name);
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(result.text).toContain(name);
  });
});
