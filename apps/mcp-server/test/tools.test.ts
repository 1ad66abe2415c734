import { type Operation, operations } from '@cloutapi/resources';
import {
  type ExampleContext,
  type ExampleRun,
  exampleContext,
  exampleOrder,
} from '@cloutapi/simulator/examples';
import { beforeAll, describe, expect, it } from 'vitest';
import { allTools, type ToolDefinition, toolNameOf } from '../src/index.js';
import { ERAS, seedIds, useHarness } from './support.js';

/**
 * Every tool is called once against the simulator with its example: an operation tool's is the
 * example its registry declaration brings (the resources scenario test runs the same ones), a
 * workflow tool's sits next to it. They run in example order (as listed, destructive last), so
 * the writes set up what the destructive tools later remove. Each result must be a success whose
 * text is non-empty and whose structured content matches the tool's output schema.
 */
const tools = allTools();
const isDestructive = (t: ToolDefinition) => t.annotations.destructiveHint;
/** The operation a tool runs, whose name examples use for what it made. */
const opNameOf = (tool: string) => operations.find((op) => toolNameOf(op) === tool)?.name ?? tool;

type Example = (x: ExampleContext) => unknown;
/**
 * A workflow tool's example, or an operation tool's: its declaration's, which the registry keeps
 * at run time but out of its published types (a test fixture).
 */
const exampleOf = (t: ToolDefinition): Example | undefined =>
  t.example ??
  (
    operations.find((op) => toolNameOf(op) === t.name) as
      | (Operation & { example?: Example })
      | undefined
  )?.example;

describe.each(ERAS)('every tool against the simulator (%s client)', (era) => {
  const h = useHarness({ era });
  let x: ExampleRun;
  const results = new Map<string, Record<string, unknown>>();
  beforeAll(async () => {
    x = await exampleContext(h.clout);
  });

  it('every tool has an example', () => {
    expect(tools.filter((t) => !exampleOf(t)).map((t) => t.name)).toEqual([]);
  });

  for (const tool of exampleOrder(tools, isDestructive)) {
    it(tool.name, async () => {
      const args = (await exampleOf(tool)?.(x)) as Record<string, unknown>;
      // A destructive call goes the way a model must make it: the preview, then its token.
      const result = isDestructive(tool)
        ? await h.confirmed(tool.name, args)
        : await h.call(tool.name, args);
      expect(result.isError, result.text).toBe(false);
      expect(result.text.length).toBeGreaterThan(0);
      expect(result.text).not.toMatch(/"\$type"|"href":|\bactions\b: /);
      results.set(tool.name, result.structured);
      x.record(opNameOf(tool.name), result.structured.item);
    });
  }

  it('the writes took effect and the deletes removed what they said', () => {
    const state = h.sim.state;
    const made = (name: string) => x.made(name);

    expect(state.consumers.some((c) => c.name === 'mcp-enrolled')).toBe(true);
    expect(state.consumers.some((c) => c.id === made('consumers.create'))).toBe(false); // delete_node removes the unit too
    expect(state.consumers.some((c) => c.name === 'example-spare')).toBe(false);
    expect(state.businessUnits.some((u) => u.id === made('bunits.create'))).toBe(false);
    expect(results.get('delete_business_unit')).toMatchObject({ done: true });
  });
});

describe('collection text', () => {
  const h = useHarness();

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
