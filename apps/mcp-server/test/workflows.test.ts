import { ValidationError } from '@cloutapi/resources';
import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toolOutputJsonSchema } from '../src/tools/json-schema.js';
import { workflowTools } from '../src/tools/workflows/index.js';
import { seedIds, useHarness } from './support.js';

const h = useHarness();

describe('workflow tools', () => {
  it('each declares an example (tools.test.ts calls every tool with its own)', () => {
    for (const tool of workflowTools()) expect(tool.example, tool.name).toBeTypeOf('function');
  });

  it('refuse bad input with the field and what is wrong, before the handler runs', async () => {
    const missing = await h.call('jobs_since', { bunitId: seedIds(h.sim).acme, since: 'never' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/^Invalid input for jobs_since; nothing was sent\./);
    expect(missing.text).toMatch(/- consumerId: required/);
    expect(missing.text).toMatch(/- since: /);
    const unknown = await h.call('find_business_unit', { query: 'acme', depth: 2 });
    expect(unknown.text).toMatch(/- depth: unknown field; expected one of: query/);
  });

  it('refuse a handler call with bad input the same way (a ValidationError naming the field)', async () => {
    const tool = workflowTools().find((t) => t.name === 'normalize_node_name')!;
    const error = await rejectionOf<ValidationError>(
      tool.handler({ hostName: 7 }, {} as Parameters<typeof tool.handler>[1]),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(['hostName']);
  });

  it("describe_consumer: the SDK workflow's refusals reach the model as input errors", async () => {
    const { acme } = seedIds(h.sim);
    const neither = await h.call('describe_consumer', { bunitId: acme });
    expect(neither.isError).toBe(true);
    expect(neither.text).toContain('- consumerId: give consumerId or name, one of them');
    const several = await h.call('describe_consumer', { bunitId: acme, name: 'acme-' });
    expect(several.text).toMatch(/- name: "acme-" matches 3 consumption units/);
    // The name was looked up first: reads went out, so the refusal says nothing was changed.
    expect(several.text).toMatch(/^Invalid input for describe_consumer; nothing was changed\./);
    const days = await h.call('describe_consumer', { bunitId: acme, name: 'dc01', days: 30 });
    expect(days.text).toMatch(/- days: unknown field/);
    const part = await h.call('describe_consumer', { bunitId: acme, name: 'dc01' });
    expect(part.isError).toBe(false);
    expect(part.text).toMatch(/^Consumer\n.*acme-dc01/s);
    expect(part.text).toContain('Last jobs (7 days)');
    expect(part.structured.node).toMatchObject({ tsmName: expect.any(String) });
  });
});

describe('enroll_machine', () => {
  it('remembers the lookups for the server process: the second machine reads none', async () => {
    const { acme } = seedIds(h.sim);
    const enroll = (name: string) =>
      h.call('enroll_machine', { bunitId: acme, name, operatingSystem: 'Linux' });
    expect((await enroll('mcp-lookups-01')).isError).toBe(false);
    h.sim.stats.reset();
    expect((await enroll('mcp-lookups-02')).isError).toBe(false);
    const lookups = Object.keys(h.sim.stats.requests).filter((r) =>
      /nodeoperatingsystems|nodetypes|defaultserver/.test(r),
    );
    expect(lookups).toEqual([]);
  });
});

describe('output schemas from zod', () => {
  it('are flat and small: open objects bare, only ids required, no bounds', () => {
    const schema = z.object({
      status: z.enum(['ok', 'bad']),
      total: z.number().int(),
      user: z.record(z.string(), z.unknown()),
      rows: z.array(z.record(z.string(), z.unknown())),
      notes: z.array(z.string()),
      counts: z.record(z.string(), z.number().int()),
      machines: z.array(
        z.looseObject({ consumerId: z.number().int(), name: z.string().optional() }),
      ),
      next: z.number().int().optional(),
    });
    expect(toolOutputJsonSchema(schema)).toEqual({
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['ok', 'bad'] },
        total: { type: 'integer' },
        user: { type: 'object' },
        rows: { type: 'array' },
        notes: { type: 'array', items: { type: 'string' } },
        counts: { type: 'object', additionalProperties: { type: 'integer' } },
        machines: {
          type: 'array',
          items: {
            type: 'object',
            properties: { consumerId: { type: 'integer' }, name: { type: 'string' } },
            required: ['consumerId'],
          },
        },
        next: { type: 'integer' },
      },
    });
  });
});
