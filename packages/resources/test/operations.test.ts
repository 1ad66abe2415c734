import { createSimulatorApp, type RunningSimulator } from '@cloutapi/simulator';
import { type ExampleRun, exampleContext, exampleOrder } from '@cloutapi/simulator/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOf } from '../src/define.js';
import { type Cloutility, callOperation, type Operation, operations } from '../src/index.js';
import { connect } from './support.js';

const isDestructive = (op: Operation) => op.safety === 'destructive';

/**
 * Every registry operation is called here against the simulator with the example its
 * declaration brings, in example order (catalog order, destructive last), its response checked in
 * `strict` mode (so it must parse with the operation's schema). The MCP scenario test runs the
 * same examples through the tools.
 */
describe('every registry operation against the simulator (strict response validation)', () => {
  let sim: RunningSimulator;
  let clout: Cloutility;
  let x: ExampleRun;
  const results = new Map<string, unknown>();

  beforeAll(async () => {
    ({ sim, clout } = await connect({}, { responseValidation: 'strict' }));
    x = await exampleContext(clout);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  for (const op of exampleOrder(operations as readonly Operation[], isDestructive)) {
    it(`${op.id} ${op.name}: ${op.method} ${op.path}`, async () => {
      const input = await exampleOf(op)(x);
      const before = sim.stats.requests[`${op.method} ${op.path}`] ?? 0;
      const result = await callOperation(clout.context, op, input as never);
      results.set(op.name, result);
      x.record(op.name, result);
      // the request reached the operation's own route (or its documented alternate)
      const routes = [
        `${op.method} ${op.path}`,
        ...(op.alternate ? [`${op.method} ${op.alternate.path}`] : []),
      ];
      const after = routes.reduce((n, r) => n + (sim.stats.requests[r] ?? 0), 0);
      expect(after).toBeGreaterThan(before);
      if (op.response.safeParse(undefined).success === false) expect(result).toBeDefined();
    });
  }

  it('the writes took effect', () => {
    expect(results.get('meta.version')).toBe('1.0.4480.0');
    expect(results.get('consumers.update')).toMatchObject({ note: 'test machine' });
    expect(results.get('nodes.update')).toMatchObject({ contact: 'backup-team@example.net' });
    expect(String(results.get('nodes.suggestName'))).toMatch(/^[A-Z0-9_.\-+&]{1,64}$/);
    expect(results.get('nodes.changePassword')).toBeDefined();
    const made = x.made('consumers.create');
    expect(sim.state.consumers.some((c) => c.id === made)).toBe(false); // nodes.delete took it
    expect(sim.state.businessUnits.some((u) => u.id === x.made('bunits.create'))).toBe(false);
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
