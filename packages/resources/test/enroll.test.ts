import type { FaultMode, RunningSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import {
  type Cloutility,
  type EnrollInput,
  EnrollmentError,
  type EnrollResult,
  enrollMachine,
  enrollWithPolicy,
  ValidationError,
} from '../src/index.js';
import { useDemo } from './support.js';

const CONSUMERS = '/v1/bunits/{bunitId}/consumers';
const NODE = '/v1/bunits/{bunitId}/consumers/{consumerId}/node';
const ACTIVATE = '/v1/bunits/{bunitId}/consumers/{consumerId}/node/activate';

let sim: RunningSimulator;
let clout: Cloutility;
let acme: number;
useDemo((demo) => ({ sim, clout, acme } = demo));

/** Enrolls the Linux machine `name` in Acme. */
const enrollLinux = (name: string, more: Partial<EnrollInput> = {}) =>
  enrollMachine(clout, { bunitId: acme, name, operatingSystem: 'Linux', ...more });

/** The consumption units named `name` in Acme, and their nodes, read through the API. */
async function machinesNamed(name: string) {
  const consumers = (await clout.consumers.list(acme)).items.filter((c) => c.name === name);
  const nodes = await Promise.all(
    consumers.map((c) => clout.nodes.get(acme, c.id!).catch(() => undefined)),
  );
  return { consumers, nodes };
}

const writes = () =>
  Object.entries(sim.stats.requests)
    .filter(([route]) => /^(POST|PUT|DELETE) /.test(route) || route.startsWith(`GET ${ACTIVATE}`))
    .reduce((n, [, count]) => n + count, 0);

describe('enroll a machine', () => {
  it('creates the consumption unit and node, activates it, and returns name, server and password', async () => {
    const steps: string[] = [];
    const result = await enrollMachine(
      clout,
      { bunitId: acme, name: 'web-07', operatingSystem: 'linux' },
      { onStep: (s) => steps.push(`${s.step}:${s.outcome}`) },
    );
    expect(result).toMatchObject({ status: 'enrolled', bunitId: acme, consumerName: 'web-07' });
    expect(result.nodeName).toMatch(/^[A-Z0-9_.\-+&]{1,64}$/);
    expect(result.password).toEqual(expect.any(String));
    expect(result.server.name).toBeTruthy();
    expect(steps).toEqual([
      'catalog:checked',
      'consumer:created',
      'server:chosen',
      'server:chosen',
      'server:chosen',
      'node:created',
      'name:suggested',
      'activate:activated',
      'read:found',
    ]);
    const { consumers, nodes } = await machinesNamed('web-07');
    expect(consumers).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ tsmName: result.nodeName, tsmPassword: result.password });
  });

  it('reports an enrolled machine as such and writes nothing', async () => {
    const before = writes();
    const again = await enrollLinux('web-07');
    expect(again.status).toBe('already-enrolled');
    expect(again.steps.map((s) => s.outcome)).toEqual(['checked', 'found', 'already']);
    expect(writes()).toBe(before);
    expect((await machinesNamed('web-07')).consumers).toHaveLength(1);
  });

  it('uses a given node name, upper-cased', async () => {
    const result = await enrollLinux('db-09', { nodeName: 'acme-db09' });
    expect(result.nodeName).toBe('ACME-DB09');
    expect(result.steps.find((s) => s.step === 'name')).toMatchObject({
      outcome: 'given',
      detail: 'ACME-DB09',
    });
  });

  it('checks the OS and node type before writing anything', async () => {
    const before = writes();
    const os = (await clout.catalog.operatingSystems()).items.find((o) =>
      /mac/i.test(o.name ?? ''),
    )!;
    const unsupported = (await clout.catalog.nodeTypes()).items.find(
      (t) => !os.supportedNodeTypes?.some((s) => s.id === t.id),
    )!;
    const error = await rejectionOf<ValidationError>(
      enrollMachine(clout, {
        bunitId: acme,
        name: 'mac-01',
        operatingSystemId: os.id,
        nodeTypeId: unsupported.id,
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain(`does not support ${unsupported.name}`);
    const unknownOs = await rejectionOf<ValidationError>(
      enrollMachine(clout, { bunitId: acme, name: 'x', operatingSystem: 'Plan 9' }),
    );
    expect(unknownOs.message).toMatch(
      /no operatingSystems match "Plan 9"; catalog.operatingSystems lists/,
    );
    const noOs = await rejectionOf<ValidationError>(
      enrollMachine(clout, { bunitId: acme, name: 'x' }),
    );
    expect(noOs.issues[0]?.path).toBe('operatingSystem');
    expect(writes()).toBe(before);
  });

  it('rejects an invalid node name before sending anything', async () => {
    const before = sim.stats.log.length;
    const error = await rejectionOf<ValidationError>(enrollLinux('x', { nodeName: 'has space' }));
    expect(error.issues).toEqual([
      { path: 'nodeName', message: 'a node name may contain only A-Z, 0-9 and _ . - + &' },
    ]);
    expect(sim.stats.log.length).toBe(before);
  });

  it.each([
    ['a carriage return', 'web\r07'],
    ['a line feed', 'web\n07'],
    ['a tab', 'web\t07'],
    ['an escape', 'web\u001b[2J07'],
    ['a DEL', 'web\u007f07'],
    ['a trailing line feed', 'web-07\n'],
  ])('refuses a name with %s before sending anything', async (_, name) => {
    const before = sim.stats.log.length;
    const error = await rejectionOf<ValidationError>(enrollLinux(name));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      { path: 'name', message: 'a name may not contain control characters (tab, line breaks)' },
    ]);
    expect(sim.stats.log.length).toBe(before);
  });

  it('refuses control characters in the names other operations take', async () => {
    const before = sim.stats.log.length;
    const consumer = await rejectionOf<ValidationError>(
      clout.consumers.create({ bunitId: acme, name: 'db\n01' }),
    );
    expect(consumer.issues.map((i) => i.path)).toEqual(['name']);
    const unit = await rejectionOf<ValidationError>(
      clout.bunits.create({ bunitId: acme, name: 'Sales\tEast' }),
    );
    expect(unit.issues.map((i) => i.path)).toEqual(['name']);
    expect(sim.stats.log.length).toBe(before);
  });
});

describe('enrollment is resumable: a fault at any step, then a re-run, gives one consumer and one active node', () => {
  const steps: [string, string, string][] = [
    ['create the consumption unit', 'POST', CONSUMERS],
    ['create the node', 'POST', NODE],
    ['activate', 'GET', ACTIVATE],
  ];
  const modes: FaultMode[] = ['fail', 'drop', 'apply-then-fail', 'apply-then-drop'];
  const cases = steps.flatMap(([step, method, path]) =>
    modes.map((mode) => [step, mode, method, path] as const),
  );

  it.each(cases)('%s, fault "%s"', async (step, mode, method, path) => {
    const name = `resume-${step.split(' ').at(-1)}-${mode}`;
    sim.faults.add({ method, path, mode, status: 503, times: 1 });
    let first: EnrollResult | EnrollmentError;
    try {
      first = await enrollLinux(name);
    } catch (error) {
      expect(error).toBeInstanceOf(EnrollmentError);
      first = error as EnrollmentError;
      // the error says what was done and that a re-run continues
      expect(first.message).toContain('Run the same enrollment again to continue');
      expect(first.message).not.toMatch(/tsmPassword|password=/i);
    }
    if (mode.startsWith('apply')) {
      // the write was applied: the run settled it by reading and went on
      expect(first).not.toBeInstanceOf(EnrollmentError);
      expect(
        (first as EnrollResult).steps.some(
          (s) => s.outcome === 'verified' || s.outcome === 'created',
        ),
      ).toBe(true);
    } else {
      expect(first).toBeInstanceOf(EnrollmentError);
    }
    const second = await enrollLinux(name);
    expect(second.nodeName).toBeTruthy();
    const { consumers, nodes } = await machinesNamed(name);
    expect(consumers).toHaveLength(1);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]?.tsmName).toBe(second.nodeName);
    expect(second.status).toBe(first instanceof EnrollmentError ? 'enrolled' : 'already-enrolled');
  });
});

describe('enrollment errors', () => {
  it('keep their cause, so a lost connection can be told from a refusal', async () => {
    const { ConnectionError } = await import('../src/index.js');
    sim.faults.add({ method: 'GET', path: ACTIVATE, mode: 'drop', times: 1 });
    const error = await rejectionOf<EnrollmentError>(enrollLinux('cause-test'));
    expect(error).toBeInstanceOf(EnrollmentError);
    expect(error.step).toBe('activate');
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect(error.mayHaveBeenApplied).toBe(true);
  });
});

describe('enrollment under a policy', () => {
  it("takes the domain and option set by name, matched against the default server's lists; an unknown one is refused before writing", async () => {
    const result = await enrollLinux('named-01', { domain: 'longterm', clientOptionSet: 'LINUX' });
    const node = await clout.nodes.get(acme, result.consumerId);
    expect(node.domain?.name).toBe('LONGTERM');
    expect(node.clientOptionSet?.name).toBe('LINUX');
    const before = writes();
    const error = await rejectionOf<ValidationError>(
      enrollLinux('named-02', { domain: 'nowhere' }),
    );
    expect(error.issues).toEqual([
      {
        path: 'domain',
        message: expect.stringMatching(
          /^no domains match "nowhere"; the default server lists STANDARD \(#\d+\)/,
        ),
      },
    ]);
    expect(writes()).toBe(before);
  });

  it('goes as far as the policy says, with its defaults, and calls a unit that is that far already-enrolled', async () => {
    const policy = {
      defaults: { contact: 'Safespring', clientOptionSetId: 2 },
      pick: 'first',
    } as const;
    const unit = await enrollWithPolicy(
      clout,
      { bunitId: acme, name: 'policy-01' },
      { ...policy, until: 'consumer' },
    );
    expect(unit).toMatchObject({ status: 'enrolled', node: undefined });
    const again = await enrollWithPolicy(
      clout,
      { bunitId: acme, name: 'policy-01' },
      { ...policy, until: 'consumer' },
    );
    expect(again).toMatchObject({ status: 'already-enrolled', consumer: { id: unit.consumer.id } });
    const input = { bunitId: acme, name: 'policy-01', operatingSystemId: 3, nodeTypeId: 1 };
    const node = await enrollWithPolicy(clout, input, { ...policy, until: 'node' });
    expect(node.status).toBe('enrolled');
    expect(node.node?.tsmName).toBeUndefined();
    expect(await clout.nodes.get(acme, unit.consumer.id as number)).toMatchObject({
      contact: 'Safespring',
      clientOptionSet: { id: 2 },
      domain: { id: 1 },
    });
    const activated = await enrollWithPolicy(clout, input, policy);
    expect(activated.node?.tsmName).toBe('POLICY-01');
    expect((await machinesNamed('policy-01')).consumers).toHaveLength(1);
  });
});

describe('enroll many', () => {
  it('enrolls a list with bounded concurrency, reports each row, and re-runs without duplicates', async () => {
    const { enrollMany } = await import('../src/index.js');
    const rows = Array.from({ length: 12 }, (_, i) => ({
      bunitId: acme,
      name: `bulk-${i}`,
      operatingSystem: 'Linux',
    }));
    rows.push({ bunitId: acme, name: 'BULK-3', operatingSystem: 'Linux' }); // same machine as row 4
    sim.faults.add({ method: 'POST', path: NODE, mode: 'fail', status: 503, times: 2 });
    const seen: number[] = [];
    const first = await enrollMany(clout, rows, {
      concurrency: 4,
      onResult: (o) => seen.push(o.index),
    });
    expect(seen.sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
    expect(first.filter((o) => !o.ok)).toHaveLength(3);
    expect(first[12]).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('row 4') },
    });
    const again = await enrollMany(clout, rows.slice(0, 12), { concurrency: 4 });
    expect(again.every((o) => o.ok)).toBe(true);
    for (let i = 0; i < 12; i++)
      expect((await machinesNamed(`bulk-${i}`)).consumers).toHaveLength(1);
  });
});
