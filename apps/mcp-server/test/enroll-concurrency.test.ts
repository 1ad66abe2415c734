import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, seedIds } from './support.js';

// The enroll tool's lock files go to a cache folder of this test file's own.
const cache = mkdtempSync(join(tmpdir(), 'cloutapi-mcp-enroll-'));
process.env.CLOUTAPI_CACHE_DIR = cache;

let h: Harness;
let acme: number;

beforeAll(async () => {
  h = await harness({ allowSecrets: true });
  acme = seedIds(h.sim).acme;
});
afterAll(async () => {
  await h.close();
  rmSync(cache, { recursive: true, force: true });
});

/** The consumption units named exactly `name` in Acme, from the simulator's state. */
const unitsNamed = (name: string) =>
  h.sim.state.consumers.filter((c) => c.businessUnitId === acme && c.name === name);

describe('enroll_machine called many times at once', () => {
  it('20 parallel calls for one machine make one consumption unit and one node; every call answers with it', async () => {
    const name = 'mcp-parallel-01';
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.call('enroll_machine', { bunitId: acme, name, operatingSystem: 'Linux' }),
      ),
    );
    for (const a of answers) expect(a.isError, a.text).toBe(false);
    expect(unitsNamed(name)).toHaveLength(1);
    const consumerId = unitsNamed(name)[0]?.id;
    expect(h.sim.state.nodes.filter((n) => n.consumerId === consumerId)).toHaveLength(1);
    const statuses = answers.map((a) => a.structured.status);
    expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'already-enrolled')).toHaveLength(19);
    expect(new Set(answers.map((a) => a.structured.consumerId))).toEqual(new Set([consumerId]));
    expect(new Set(answers.map((a) => a.structured.nodeName)).size).toBe(1);
    expect(new Set(answers.map((a) => a.structured.password)).size).toBe(1);
  });

  it('20 parallel calls over 5 machines (4 calls each) make one unit per machine', async () => {
    const machines = Array.from({ length: 5 }, (_, i) => `mcp-mixed-${i}`);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.call('enroll_machine', {
          bunitId: acme,
          name: machines[i % 5],
          operatingSystem: 'Linux',
        }),
      ),
    );
    for (const a of answers) expect(a.isError, a.text).toBe(false);
    for (const name of machines) expect(unitsNamed(name), name).toHaveLength(1);
  });

  it('a name that differs only by case is not handed back: the tool asks, without the other machine’s password', async () => {
    const first = await h.call('enroll_machine', {
      bunitId: acme,
      name: 'Mcp-Case',
      operatingSystem: 'Linux',
    });
    expect(first.isError, first.text).toBe(false);
    const other = await h.call('enroll_machine', {
      bunitId: acme,
      name: 'MCP-CASE',
      operatingSystem: 'Linux',
    });
    expect(other.isError).toBe(true);
    expect(other.text).toContain('differ only by letter case');
    expect(other.text).not.toContain(first.structured.password as string);
    expect(unitsNamed('MCP-CASE')).toHaveLength(0);
  });
});
