import { operations } from '@cloutapi/resources';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import {
  allTools,
  createMcpServer,
  listedTools,
  selectTools,
  setupFromTools,
  TOOLSETS,
  toolNameOf,
  unservedTools,
  VERSION,
} from '../src/index.js';

const tools = allTools();

/** What tools/list sends for these toolsets, through an MCP client. */
async function served(toolsets: string[] | undefined) {
  const selection = { toolsets };
  const server = createMcpServer(
    setupFromTools(selectTools(tools, selection), {
      version: VERSION,
      context: { connect: () => Promise.reject(new Error('no portal here')), allowSecrets: false },
      instructions: '',
      unserved: unservedTools(tools, selection),
    }),
  );
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(b);
  const client = new Client({ name: 'budget', version: '1' });
  await client.connect(a);
  const { tools: list } = await client.listTools();
  await client.close();
  return list;
}
const listed = listedTools(tools);
const tokens = (list: unknown) => Math.ceil(JSON.stringify({ tools: list }).length / 4);
/** The most one tool may cost in tools/list, in tokens (characters / 4). */
const TOOL_MAX = 600;
/** The most a set of tools may cost per tool, on average. */
const TOOL_AVERAGE = 300;

function walk(value: unknown, visit: (key: string, v: unknown) => void) {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

describe('tool invariants, for every tool', () => {
  it('every registry operation is a tool', () => {
    const names = new Set(tools.map((t) => t.name));
    for (const op of operations) expect(names, op.name).toContain(toolNameOf(op));
    // one per operation, plus the hand-written tools, and nothing else
    const written = tools.filter((t) => t.toolset === 'workflows' || t.toolset === 'bulk');
    expect(tools.length).toBe(operations.length + written.length);
  });

  it('names are unique, snake_case, verb first and at most 40 characters', () => {
    const names = tools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    const verbs =
      /^(list|get|create|update|delete|query|activate|suggest|change|add|remove|upload|enroll|whoami|find|describe|jobs|backup|normalize)(_|$)/;
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(name.length).toBeLessThanOrEqual(40);
      expect(name, 'verb first').toMatch(verbs);
    }
  });

  it.each(listed.map((t) => [t.name, t] as const))('%s', (_, t) => {
    const tool = tools.find((x) => x.name === t.name)!;
    expect(t.title.length).toBeGreaterThan(5);
    expect(t.description.length).toBeGreaterThan(30);
    expect(t.description.length).toBeLessThanOrEqual(1024);
    expect(t.description).not.toMatch(/\b(bunits|consumers|nodes|catalog|servers|billing)\.[a-z]/); // tool names, not registry names
    // all four annotations, explicit, and consistent with what the tool does
    for (const hint of [
      'readOnlyHint',
      'destructiveHint',
      'idempotentHint',
      'openWorldHint',
    ] as const) {
      expect(typeof t.annotations[hint], hint).toBe('boolean');
    }
    expect(t.annotations.readOnlyHint && t.annotations.destructiveHint).toBe(false);
    expect(t.annotations.readOnlyHint).toBe(!tool.writes);
    // flat JSON Schemas with every field described and nothing a client may choke on
    expect(t.inputSchema.type).toBe('object');
    expect(t.outputSchema.type).toBe('object');
    walk([t.inputSchema, t.outputSchema], (key) =>
      expect(['anyOf', 'oneOf', 'allOf', '$ref', '$defs', '$schema']).not.toContain(key),
    );
    for (const [field, schema] of Object.entries(
      (t.inputSchema.properties ?? {}) as Record<string, { description?: string; type?: string }>,
    )) {
      expect(schema.description, `${t.name}.${field}`).toBeTruthy();
      expect(schema.type, `${t.name}.${field} is flat`).not.toBe('object');
    }
    if (t.annotations.destructiveHint)
      expect(Object.keys(t.inputSchema.properties as object)).toContain('confirm');
  });

  it('destructive tools are exactly the deletes and the password change', () => {
    expect(
      listed
        .filter((t) => t.annotations.destructiveHint)
        .map((t) => t.name)
        .sort(),
    ).toEqual([
      'change_node_password',
      'delete_business_unit',
      'delete_consumer',
      'delete_node',
      'remove_proxy_agent',
      'remove_proxy_target',
    ]);
  });

  it('every tool belongs to a known toolset and every toolset has tools', () => {
    for (const set of TOOLSETS)
      expect(
        tools.some((t) => t.toolset === set),
        set,
      ).toBe(true);
  });

  // The budget is per tool, so that the next endpoint fits by design: no tool may cost more
  // than TOOL_MAX, and a set of tools no more than TOOL_AVERAGE per tool (about 260 today: an
  // operation's description, its flat input and the typed fields of what it returns). Measured
  // on what tools/list sends, whose descriptions name only the tools served.
  it(`tools/list fits the budget: each tool <= ${TOOL_MAX} tokens, any set <= ${TOOL_AVERAGE} per tool`, async () => {
    for (const tool of listed) expect(tokens([tool]), tool.name).toBeLessThanOrEqual(TOOL_MAX);
    for (const toolsets of [undefined, ['all'], ['catalog'], ['workflows']]) {
      const list = await served(toolsets);
      expect(tokens(list), String(toolsets ?? 'default')).toBeLessThanOrEqual(
        TOOL_AVERAGE * list.length,
      );
    }
    // the default set stays small and still covers the common tasks
    const defaults = listedTools(selectTools(tools));
    expect(defaults.length).toBeLessThanOrEqual(20);
    for (const name of [
      'whoami',
      'find_business_unit',
      'enroll_machine',
      'backup_health',
      'list_consumers',
      'get_latest_report',
    ]) {
      expect(defaults.map((t) => t.name)).toContain(name);
    }
  });

  it('a field means one thing under one name: the proxy tools name agent and target alike', () => {
    const fields = (name: string) => {
      const schema = listed.find((t) => t.name === name)?.inputSchema as
        | { properties?: object }
        | undefined;
      return Object.keys(schema?.properties ?? {});
    };
    for (const name of [
      'add_proxy_agent',
      'remove_proxy_agent',
      'add_proxy_target',
      'remove_proxy_target',
    ])
      expect(fields(name), name).toEqual(
        expect.arrayContaining(['agentConsumerId', 'targetConsumerId']),
      );
    const all = listed.flatMap((t) => fields(t.name));
    expect(all).not.toContain('proxyAgentId');
    expect(all).not.toContain('proxyTargetId');
  });

  it('read-only mode removes every tool that writes', () => {
    const readOnly = selectTools(tools, { toolsets: ['all'], readOnly: true });
    expect(readOnly.every((t) => !t.writes && t.annotations.readOnlyHint)).toBe(true);
    expect(readOnly.length).toBe(tools.filter((t) => !t.writes).length);
    expect(() => selectTools(tools, { toolsets: ['nope'] })).toThrow(
      /unknown toolset nope; choose from/,
    );
  });
});

describe('output schemas describe the output', () => {
  it.each(listed.map((t) => [t.name, t] as const))('%s: no opaque item or items', (_, t) => {
    const properties = (t.outputSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const item = properties.item;
    if (item) expect(item.properties ?? item.description, 'item').toBeTruthy();
    const items = properties.items;
    if (items) {
      const row = items.items as { properties?: object; required?: string[] } | undefined;
      expect(row?.properties, 'items.items.properties').toBeTruthy();
      expect(row?.required?.length, 'items.items.required').toBeGreaterThan(0);
    }
  });
});
