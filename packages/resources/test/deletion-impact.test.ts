import type { RunningSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { heldIds, impactIds, removedIds } from '@cloutapi/vitest-config/deletion';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  deletionImpact,
  impactText,
  NotFoundError,
  ValidationError,
} from '../src/index.js';
import { connect } from './support.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** A demo simulator that pages every list by 2, with the demo seed's ids by name. */
async function demo() {
  const started = await connect({ pageSize: 2 });
  sim = started.sim;
  const { state } = started.sim;
  const unit = (name: string) => state.businessUnits.find((u) => u.name === name)?.id as number;
  const consumer = (name: string) => state.consumers.find((c) => c.name === name)?.id as number;
  return {
    sim: started.sim,
    clout: started.clout,
    acme: unit('Acme Corporation'),
    finance: unit('Acme Finance'),
    engineering: unit('Acme Engineering'),
    dc01: consumer('acme-dc01'),
    sql01: consumer('acme-sql01'),
    jenny: consumer('Laptop - Jenny'),
    mac: consumer('eng-mac-studio'),
  };
}

/** Requests other than reads (and the token request). */
const writes = (s: RunningSimulator) =>
  s.stats.log.filter((e) => e.method !== 'GET' && e.path !== '/v1/oauth').length;

/** Deletes as the impact was computed for, and says what the simulator removed. */
async function applied(s: RunningSimulator, run: () => Promise<unknown>) {
  const before = heldIds(s.state);
  await run();
  return { removed: removedIds(before, heldIds(s.state)) };
}

describe('deletionImpact: a business unit', () => {
  it('with deleteChildren: every unit, consumption unit, node, relationship and user of the subtree, every page read, as the portal deletes them', async () => {
    const d = await demo();
    const input = { bunitId: d.acme, deleteChildren: true, deleteConsumers: true };
    const impact = await deletionImpact(d.clout, 'businessUnit', input);
    expect(writes(d.sim)).toBe(0);
    expect(impact.refusal).toBeUndefined();
    expect(impact.businessUnits.map((u) => u.path.join(' > '))).toEqual([
      'Acme Corporation',
      'Acme Corporation > Acme Finance',
      'Acme Corporation > Acme Engineering',
    ]);
    // Lists paged by 2: 9 consumption units and 2 users are only all there when every page is read.
    expect(impact.consumers).toHaveLength(9);
    expect(impact.nodes.find((n) => n.consumerId === d.jenny)).toBeUndefined();
    expect(impact.users.map((u) => u.name)).toEqual([
      'Acme Corporation IT',
      'Acme Corporation Finance',
    ]);
    const done = await applied(d.sim, () => d.clout.bunits.delete(input));
    expect(impactIds(impact)).toEqual(done.removed);
  });

  it('without deleteChildren or deleteConsumers: the refusals, the unit alone counted', async () => {
    const d = await demo();
    const bare = await deletionImpact(d.clout, 'businessUnit', { bunitId: d.acme });
    expect(bare.businessUnits.map((u) => u.id)).toEqual([d.acme]);
    expect(bare.refusal).toBe(
      `The portal will refuse: it has 2 child units (Acme Finance (#${d.finance}), Acme Engineering (#${d.engineering})) and deleteChildren is not true. Also, it has 3 consumption units and deleteConsumers is not true.`,
    );
    const children = { bunitId: d.acme, deleteChildren: true };
    const withChildren = await deletionImpact(d.clout, 'businessUnit', children);
    expect(withChildren.refusal).toBe(
      'The portal will refuse: it and the units below it have 9 consumption units and deleteConsumers is not true.',
    );
    expect(writes(d.sim)).toBe(0);
    for (const input of [{ bunitId: d.acme }, children])
      expect(await rejectionOf(d.clout.bunits.delete(input))).toBeInstanceOf(ConflictError);
    const empty = await d.clout.bunits.create({ bunitId: d.acme, name: 'Empty' });
    const leaf = await deletionImpact(d.clout, 'businessUnit', { bunitId: empty.id as number });
    expect(leaf.refusal).toBeUndefined();
    expect(impactText(leaf)).toBe(
      [
        `Would delete business unit "Empty" (#${empty.id}) and with it:`,
        '- 0 business units below it',
        '- 0 consumption units',
        '- 0 backup nodes',
        '- 0 proxy relationships',
        '- 0 portal users',
      ].join('\n'),
    );
    await d.clout.bunits.delete({ bunitId: empty.id as number });
  });
});

describe('deletionImpact: a consumption unit or its node', () => {
  it('a consumption unit with its node and relationships; refused without deleteAssociations', async () => {
    const d = await demo();
    const dc01 = { bunitId: d.acme, consumerId: d.dc01 };
    const refused = await deletionImpact(d.clout, 'consumer', dc01);
    expect(refused.refusal).toBe(
      'The portal will refuse: the node is in 1 proxy relationship(s) and deleteAssociations is not true.',
    );
    expect(impactText(refused)).toBe(
      `Would delete the consumption unit "acme-dc01" (#${d.dc01}), which has its backup node ACME-DC01, and 1 proxy relationship: ACME-DC01 acts for ACME-SQL01. Backups of this machine stop and its data is scheduled for removal. ${refused.refusal}`,
    );
    expect(await rejectionOf(d.clout.consumers.delete(dc01))).toBeInstanceOf(ConflictError);
    const input = { ...dc01, deleteAssociations: true };
    const impact = await deletionImpact(d.clout, 'consumer', input);
    expect(impact.refusal).toBeUndefined();
    const done = await applied(d.sim, () => d.clout.consumers.delete(input));
    expect(impactIds(impact)).toEqual(done.removed);
  });

  it('a node takes its consumption unit and relationships, without any flag; none to delete is not found', async () => {
    const d = await demo();
    const input = { bunitId: d.acme, consumerId: d.sql01 };
    const impact = await deletionImpact(d.clout, 'node', input);
    expect(impact.refusal).toBeUndefined();
    expect(impact.nodes).toEqual([
      { consumerId: d.sql01, id: expect.any(Number), tsmName: 'ACME-SQL01' },
    ]);
    const done = await applied(d.sim, () => d.clout.nodes.delete(input));
    expect(impactIds(impact)).toEqual(done.removed);

    const none = { bunitId: d.finance, consumerId: d.jenny };
    const missing = await deletionImpact(d.clout, 'node', none);
    expect(missing.refusal).toBe(
      `The portal will answer not found: "Laptop - Jenny" (#${d.jenny}) has no backup node.`,
    );
    expect(await rejectionOf(d.clout.nodes.delete(none))).toBeInstanceOf(NotFoundError);
  });
});

describe('deletionImpact: what changes', () => {
  it('a node password: the node whose password is replaced; a node not activated or missing is refused', async () => {
    const d = await demo();
    const impact = await deletionImpact(d.clout, 'nodePassword', {
      bunitId: d.acme,
      consumerId: d.dc01,
      tsmPassword: 'Another-pass-1',
    });
    expect(impact.newPasswordFor).toEqual([
      { consumerId: d.dc01, id: expect.any(Number), tsmName: 'ACME-DC01' },
    ]);
    expect(impact.consumers).toEqual([]);
    expect(JSON.stringify(impact)).not.toContain(
      d.sim.state.nodes.find((n) => n.consumerId === d.dc01)?.tsmPassword,
    );
    expect(impactText(impact)).toBe(
      `Would set a new password for backup node ACME-DC01 of consumer #${d.dc01}. The backup client on that machine stops working until it is given the new password.`,
    );
    const inactive = { bunitId: d.engineering, consumerId: d.mac, tsmPassword: 'Another-pass-1' };
    expect((await deletionImpact(d.clout, 'nodePassword', inactive)).refusal).toBe(
      'The portal will refuse: the backup node is not activated, so it has no password yet.',
    );
    expect(await rejectionOf(d.clout.nodes.changePassword(inactive))).toBeInstanceOf(ConflictError);
    const none = await deletionImpact(d.clout, 'nodePassword', {
      bunitId: d.finance,
      consumerId: d.jenny,
    });
    expect(impactText(none)).toBe(
      `Would change nothing. The portal will answer not found: consumption unit #${d.jenny} has no backup node.`,
    );
  });

  it('a proxy relationship, from either side; one that does not exist is not found', async () => {
    const d = await demo();
    const pair = { bunitId: d.acme, agentConsumerId: d.dc01, targetConsumerId: d.sql01 };
    for (const removes of ['proxyAgent', 'proxyTarget'] as const) {
      const impact = await deletionImpact(d.clout, removes, pair);
      expect(impact.proxyRelationships).toEqual([
        {
          agentConsumerId: d.dc01,
          targetConsumerId: d.sql01,
          agent: 'ACME-DC01',
          target: 'ACME-SQL01',
        },
      ]);
      expect(impact.refusal).toBeUndefined();
    }
    const reversed = { bunitId: d.acme, agentConsumerId: d.sql01, targetConsumerId: d.dc01 };
    const missing = await deletionImpact(d.clout, 'proxyAgent', reversed);
    expect(missing.proxyRelationships).toEqual([]);
    expect(impactText(missing)).toBe(
      'Would remove nothing. The portal will answer not found: node ACME-SQL01 is not a proxy agent of node ACME-DC01.',
    );
    expect(await rejectionOf(d.clout.proxies.removeAgent(reversed))).toBeInstanceOf(NotFoundError);
    const done = await applied(d.sim, () => d.clout.proxies.removeTarget(pair));
    expect(done.removed.proxyRelationships).toEqual([`${d.dc01}>${d.sql01}`]);
  });
});

describe('deletionImpact: input and words', () => {
  it('an input without the ids its kind needs is refused, naming them, before anything is read', async () => {
    const d = await demo();
    const before = d.sim.stats.log.length;
    const error = await rejectionOf<ValidationError>(
      deletionImpact(d.clout, 'proxyAgent', { bunitId: d.acme, agentConsumerId: 'x' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues?.map((i) => i.path)).toEqual(['agentConsumerId', 'targetConsumerId']);
    expect(d.sim.stats.log.length).toBe(before);
    await expect(deletionImpact(d.clout, { removes: undefined }, {})).rejects.toThrow(
      /not a destructive operation/,
    );
  });

  it('names are listed when few; above 20 the first 20 and how many more, counts always', () => {
    const consumers = Array.from({ length: 25 }, (_, i) => ({
      id: i + 1,
      name: `m${i + 1}`,
      bunitId: 7,
    }));
    const text = impactText({
      removes: 'businessUnit',
      businessUnits: [{ id: 7, name: 'Big', path: ['Big'] }],
      consumers,
      nodes: consumers.map((c) => ({ consumerId: c.id })),
      proxyRelationships: [],
      users: [],
      newPasswordFor: [],
    });
    expect(text).toContain('- 25 consumption units: m1 (#1), m2 (#2)');
    expect(text).toContain('m20 (#20) and 5 more\n');
    expect(text).toContain('- 25 backup nodes: (not activated, of m1), ');
    expect(text).not.toContain('m21');
  });
});
