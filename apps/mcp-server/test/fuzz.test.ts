import { describe, expect, it } from 'vitest';
import { allTools, listedTools } from '../src/index.js';
import { useHarness } from './support.js';

type Prop = {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maxLength?: number;
  format?: string;
};

/** Values of the wrong kind for a property of this JSON Schema type. */
function wrongValues(prop: Prop): unknown[] {
  const common = [null, { nested: true }, [1, 2]];
  switch (prop.type) {
    case 'integer':
      return [...common, 'seven', 1.5, -1, true];
    case 'number':
      return [...common, 'seven', true];
    case 'boolean':
      return [...common, 'yes', 1];
    case 'array':
      return [null, 'a,b', 7, [{ x: 1 }], ['not-one-of-the-values']];
    default:
      return [
        ...common,
        42,
        false,
        ...(prop.format ? ['not a date'] : []),
        ...(prop.enum ? ['bogus'] : []),
      ];
  }
}

/** Many invalid argument objects for one tool, each starting from a valid-looking base. */
function invalidInputs(schema: {
  properties?: Record<string, Prop>;
  required?: string[];
}): Record<string, unknown>[] {
  const props = schema.properties ?? {};
  const base: Record<string, unknown> = {};
  for (const name of schema.required ?? [])
    base[name] = props[name]?.type === 'integer' ? 1 : props[name]?.type === 'boolean' ? true : 'x';
  const cases: Record<string, unknown>[] = [{ ...base, unexpectedField: 'surprise' }];
  for (const name of schema.required ?? []) {
    const { [name]: _dropped, ...rest } = base;
    cases.push(rest);
  }
  for (const [name, prop] of Object.entries(props)) {
    for (const value of wrongValues(prop)) cases.push({ ...base, [name]: value });
  }
  return cases;
}

describe('fuzz: invalid input for every tool', () => {
  const h = useHarness();

  const tools = listedTools(allTools());
  it.each(tools.map((t) => [t.name, t] as const))(
    '%s: every invalid input is a tool error and nothing is sent',
    async (name, tool) => {
      const inputs = invalidInputs(tool.inputSchema as never);
      expect(inputs.length).toBeGreaterThan(0);
      for (const args of inputs) {
        const result = await h.call(name, args);
        expect(result.isError, `${name} accepted ${JSON.stringify(args)}`).toBe(true);
        expect(result.text).toMatch(/^Invalid input for /);
      }
      expect(h.sim.stats.log, 'no request may reach the portal').toHaveLength(0);
    },
  );

  it('the server still answers afterwards', async () => {
    expect((await h.call('get_api_version')).text).toBe('1.0.4480.0');
  });
});
