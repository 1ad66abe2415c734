import type { RunningSimulator } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type Cloutility,
  CloutilityError,
  callOperation,
  type Operation,
  operations,
  toRequest,
  ValidationError,
} from '../src/index.js';
import { connect } from './support.js';

/**
 * The SDK and the simulator are two independent implementations of one contract: every length
 * and range limit the SDK declares must be exactly the simulator's. For each limited field of
 * every operation this walks the boundary on both sides: the simulator accepts the SDK's maximum
 * (and minimum), refuses the next value, and the SDK refuses that value before sending anything.
 */
type Probe = { field: string; kind: 'length' | 'number'; bound: 'max' | 'min'; limit: number };

const SAFE = Number.MAX_SAFE_INTEGER;

function probesOf(op: Operation): Probe[] {
  const schema = z.toJSONSchema(op.inputSchema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  const probes: Probe[] = [];
  for (const [field, p] of Object.entries(schema.properties ?? {})) {
    if (op.pathParams.includes(field)) continue; // ids: existence, not a limit
    if (typeof p.maxLength === 'number')
      probes.push({ field, kind: 'length', bound: 'max', limit: p.maxLength });
    if (typeof p.minLength === 'number' && p.minLength > 0 && typeof p.maxLength === 'number')
      probes.push({ field, kind: 'length', bound: 'min', limit: p.minLength });
    if (typeof p.maximum === 'number' && p.maximum < SAFE)
      probes.push({ field, kind: 'number', bound: 'max', limit: p.maximum });
    if (typeof p.minimum === 'number')
      probes.push({ field, kind: 'number', bound: 'min', limit: p.minimum });
  }
  return probes;
}

/** Seeded ids the inputs below are built on, read from the simulator's state after each reset. */
type Ref = { bunitId: number; consumerId: number };
interface Seeded {
  root: number;
  acme: number;
  activated: Ref;
  /** A consumption unit whose node was created but never activated. */
  created: Ref;
  /** A consumption unit without a node (and so without proxy relationships). */
  bare: Ref;
}

/** A valid input for each operation that has a limited field, the probed field left out. */
const BASE: Record<string, (s: Seeded, clout: Cloutility) => Promise<Record<string, unknown>>> = {
  'bunits.create': async (s) => ({ bunitId: s.root, name: 'Limits AB' }),
  'bunits.update': async (s) => ({ bunitId: s.acme }),
  'consumers.create': async (s) => ({ bunitId: s.acme, name: 'limits-probe' }),
  'consumers.update': async (s) => ({ ...s.activated }),
  'consumers.delete': async (s) => ({ ...s.bare }),
  'audit.query': async (s) => ({ ...s.activated }),
  'nodes.create': async (s, clout) => {
    const os = (await clout.catalog.operatingSystems()).items.find(
      (o) => o.supportedNodeTypes?.length,
    );
    const { bunitId } = s.bare;
    return {
      ...s.bare,
      operatingSystemId: os?.id,
      nodeTypeId: os?.supportedNodeTypes?.[0]?.id,
      domainId: (await clout.servers.domains(bunitId)).items[0]?.id,
      clientOptionSetId: (await clout.servers.clientOptionSets(bunitId)).items[0]?.id,
      serverId: (await clout.servers.default(bunitId)).id,
    };
  },
  'nodes.update': async (s) => ({ ...s.activated }),
  'nodes.changePassword': async (s) => ({ ...s.activated }),
  'nodes.activate': async (s) => ({ ...s.created }),
  'billing.uploadInvoiceFile': async (s) => ({
    bunitId: s.acme,
    contentBase64: Buffer.from('%PDF-1.4 limits').toString('base64'),
  }),
  'billing.data': async (s) => ({ bunitId: s.root }),
};

const limited = (operations as readonly Operation[])
  .map((op) => ({ op, probes: probesOf(op) }))
  .filter(({ probes }) => probes.length > 0);

describe('input limits: the SDK and the simulator agree', () => {
  let sim: RunningSimulator;
  let clout: Cloutility;

  beforeAll(async () => {
    ({ sim, clout } = await connect());
  });
  afterAll(async () => {
    await sim?.stop();
  });

  function seeded(): Seeded {
    const { state } = sim;
    const acme = state.businessUnits.find((b) => b.name === 'Acme Corporation')?.id;
    const nodeOf = (id: number) => state.nodes.find((n) => n.consumerId === id);
    const pick = (test: (id: number) => boolean) => {
      const found = state.consumers.find((c) => test(c.id));
      return found && { bunitId: found.businessUnitId, consumerId: found.id };
    };
    const ids = {
      root: state.rootBusinessUnitId,
      acme,
      activated: pick((id) => !!nodeOf(id)?.activatedDate),
      created: pick((id) => !!nodeOf(id) && !nodeOf(id)?.activatedDate),
      bare: pick((id) => !nodeOf(id)),
    };
    for (const [key, value] of Object.entries(ids))
      if (value === undefined) throw new Error(`the demo seed has no ${key} consumer`);
    return ids as Seeded;
  }

  const valueAt = (probe: Probe, n: number) => (probe.kind === 'length' ? 'A'.repeat(n) : n);

  /** Sends the input as is (no SDK validation) from fresh seeded data; resolves to the status. */
  async function sendRaw(op: Operation, input: Record<string, unknown>): Promise<number> {
    try {
      // Each probe starts from freshly reset data, so repeating a write after a lost connection
      // (a busy machine) changes no verdict: let core retry it like a read.
      await clout.client.request({ ...toRequest(op, input), idempotent: true });
      return 200;
    } catch (error) {
      if (error instanceof CloutilityError && error.status !== undefined) return error.status;
      throw error;
    }
  }

  it('every operation with a limited field has a base input here', () => {
    expect(limited.map(({ op }) => op.name).filter((name) => !BASE[name])).toEqual([]);
    expect(limited.length).toBeGreaterThan(5);
  });

  for (const { op, probes } of limited) {
    for (const probe of probes) {
      const step = probe.bound === 'max' ? 1 : -1;
      it(`${op.name} ${probe.field}: ${probe.bound} ${probe.kind === 'length' ? 'length ' : ''}${probe.limit} on both sides`, async () => {
        const base = BASE[op.name];
        expect(base, `no base input for ${op.name}`).toBeDefined();
        const inputWith = async (n: number) => {
          sim.reset();
          return { ...(await base!(seeded(), clout)), [probe.field]: valueAt(probe, n) };
        };
        // The SDK's limit is accepted by the simulator...
        expect(await sendRaw(op, await inputWith(probe.limit))).toBe(200);
        // ...the next value is refused by the simulator...
        const beyond = probe.limit + step;
        expect(await sendRaw(op, await inputWith(beyond))).toBe(400);
        // ...and by the SDK, before anything is sent.
        const input = await inputWith(beyond);
        const requests = () => Object.values(sim.stats.requests).reduce((a, b) => a + b, 0);
        const sent = requests();
        const error = await callOperation(clout.context, op, input as never).catch((e) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).message).toContain(probe.field);
        expect(requests()).toBe(sent);
      });
    }
  }
});
