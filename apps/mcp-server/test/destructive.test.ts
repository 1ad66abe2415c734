import { heldIds, impactIds, removedIds } from '@cloutapi/vitest-config/deletion';
import { describe, expect, it } from 'vitest';
import { createConfirmations, TOKEN_TTL_MS } from '../src/tools/confirmation.js';
import { ERAS, type Harness, seedIds, testHarness, writes } from './support.js';

type Affected = Parameters<typeof impactIds>[0];

async function created(h: Harness, tool: string, args: Record<string, unknown>) {
  const r = await h.call(tool, args);
  expect(r.isError, r.text).toBe(false);
  return r.structured;
}

describe('the preview of a delete counts everything the portal removes', () => {
  it('a unit with units nested four deep: unit for unit, machine for machine, relationship for relationship', async () => {
    const h = await testHarness();
    const { acme, dc01 } = seedIds(h.sim);
    // Acme > Top > Middle > Deep > Deepest, each with machines; one machine without a node; a
    // proxy relationship from a machine deep inside to one outside the subtree.
    const unitIds: number[] = [];
    let parent = acme;
    for (const name of ['Top', 'Middle', 'Deep', 'Deepest']) {
      const unit = (await created(h, 'create_business_unit', { bunitId: parent, name })).item as {
        id: number;
      };
      unitIds.push(unit.id);
      parent = unit.id;
    }
    const machines: number[] = [];
    for (const [i, unit] of unitIds.entries()) {
      for (const n of [1, 2]) {
        const r = await created(h, 'enroll_machine', {
          bunitId: unit,
          name: `m-${i}-${n}`,
          operatingSystem: 'Linux',
        });
        machines.push(r.consumerId as number);
      }
    }
    await created(h, 'create_consumer', { bunitId: unitIds[3], name: 'no-node-yet' });
    const deepest = unitIds[3] as number;
    const deepMachine = machines[6] as number;
    await created(h, 'add_proxy_agent', {
      bunitId: acme,
      targetConsumerId: dc01,
      agentConsumerId: deepMachine,
    });
    await created(h, 'add_proxy_target', {
      bunitId: deepest,
      agentConsumerId: deepMachine,
      targetConsumerId: machines[7],
    });

    const args = { bunitId: unitIds[0], deleteChildren: true, deleteConsumers: true };
    const preview = await h.call('delete_business_unit', args);
    expect(preview.isError, preview.text).toBe(false);
    for (const shown of [
      '- 3 business units below it: Middle (#',
      'Middle > Deep > Deepest (#',
      '- 9 consumption units: m-0-1 (#',
      'no-node-yet',
      '- 8 backup nodes: M-0-1',
      '- 2 proxy relationships: ',
      'M-3-1 acts for ACME-DC01',
    ])
      expect(preview.text).toContain(shown);
    const affected = preview.structured.affected as Affected;

    const before = heldIds(h.sim.state);
    const done = await h.call('delete_business_unit', {
      ...args,
      confirm: true,
      confirmationToken: preview.structured.confirmationToken,
    });
    expect(done.isError, done.text).toBe(false);
    expect(impactIds(affected)).toEqual(removedIds(before, heldIds(h.sim.state)));
    expect(affected.businessUnits).toHaveLength(4);
  });

  it("the seed's Acme: 3 units and 9 machines, as the portal deletes them", async () => {
    const h = await testHarness();
    const { acme } = seedIds(h.sim);
    const args = { bunitId: acme, deleteChildren: true, deleteConsumers: true };
    const preview = await h.call('delete_business_unit', args);
    const affected = preview.structured.affected as Affected;
    expect(affected.businessUnits).toHaveLength(3);
    expect(affected.consumers).toHaveLength(9);
    const before = heldIds(h.sim.state);
    await h.confirmed('delete_business_unit', args);
    const removed = removedIds(before, heldIds(h.sim.state));
    expect(removed.consumers).toHaveLength(9);
    expect(removed.businessUnits).toHaveLength(3);
  });

  it('a consumer delete names its node and proxy relationships, and says when the portal will refuse', async () => {
    const h = await testHarness();
    const { acme, dc01, sql01 } = seedIds(h.sim);
    const preview = await h.call('delete_consumer', { bunitId: acme, consumerId: dc01 });
    expect(preview.text).toContain(
      'which has its backup node ACME-DC01, and 1 proxy relationship: ACME-DC01 acts for ACME-SQL01.',
    );
    expect(preview.text).toContain(
      'The portal will refuse: the node is in 1 proxy relationship(s) and deleteAssociations is not true.',
    );
    const node = await h.call('delete_node', { bunitId: acme, consumerId: sql01 });
    expect(node.text).toContain('1 proxy relationship: ACME-DC01 acts for ACME-SQL01');
    const proxy = await h.call('remove_proxy_agent', {
      bunitId: acme,
      targetConsumerId: dc01,
      agentConsumerId: sql01,
    });
    expect(proxy.text).toContain('Would remove nothing. The portal will answer not found');
    for (const [tool, args] of [
      ['remove_proxy_agent', { targetConsumerId: sql01, agentConsumerId: dc01 }],
      ['remove_proxy_target', { agentConsumerId: dc01, targetConsumerId: sql01 }],
    ] as const) {
      const r = await h.call(tool, { bunitId: acme, ...args });
      expect(r.text, tool).toContain(
        'Would remove 1 proxy relationship: node ACME-DC01 stops acting as proxy agent for node ACME-SQL01.',
      );
    }
    expect(writes(h.sim)).toBe(0);
  });
});

describe('confirmation is bound to a preview', () => {
  it('confirm: true without a token is refused and sends nothing', async () => {
    const h = await testHarness();
    const { acme, dc01 } = seedIds(h.sim);
    for (const [tool, args] of [
      ['delete_consumer', { bunitId: acme, consumerId: dc01, deleteAssociations: true }],
      ['change_node_password', { bunitId: acme, consumerId: dc01, tsmPassword: 'Another-pass-1' }],
      ['delete_business_unit', { bunitId: acme, deleteChildren: true, deleteConsumers: true }],
    ] as const) {
      const r = await h.call(tool, { ...args, confirm: true });
      expect(r.isError, tool).toBe(true);
      expect(r.text).toContain(
        `Refused, nothing was changed: confirm: true needs the confirmationToken of a preview. Call ${tool} first without confirm to get a preview`,
      );
      const forged = await h.call(tool, { ...args, confirm: true, confirmationToken: 'zzz.abc' });
      expect(forged.isError, tool).toBe(true);
    }
    expect(writes(h.sim)).toBe(0);
    expect(h.sim.state.consumers.some((c) => c.id === dc01)).toBe(true);
  });

  it('a token confirms only the arguments it was issued for', async () => {
    const h = await testHarness();
    const { acme, dc01, sql01 } = seedIds(h.sim);
    const preview = await h.call('delete_node', { bunitId: acme, consumerId: sql01 });
    const other = await h.call('delete_node', {
      bunitId: acme,
      consumerId: dc01,
      confirm: true,
      confirmationToken: preview.structured.confirmationToken,
    });
    expect(other.isError).toBe(true);
    expect(other.text).toContain('the confirmationToken is not for these arguments');
    expect(writes(h.sim)).toBe(0);
  });

  it('a change between the preview and the call invalidates the token', async () => {
    const h = await testHarness();
    const { acme } = seedIds(h.sim);
    const args = { bunitId: acme, deleteChildren: true, deleteConsumers: true };
    const preview = await h.call('delete_business_unit', args);
    const finance = h.sim.state.businessUnits.find((u) => u.name === 'Acme Finance')!.id;
    await created(h, 'create_consumer', { bunitId: finance, name: 'arrived-meanwhile' });
    const stale = await h.call('delete_business_unit', {
      ...args,
      confirm: true,
      confirmationToken: preview.structured.confirmationToken,
    });
    expect(stale.isError).toBe(true);
    expect(stale.text).toContain('has changed since the preview');
    expect(stale.text).toContain('arrived-meanwhile');
    expect(h.sim.state.businessUnits.some((u) => u.id === acme)).toBe(true);
  });

  it('a token expires, names what changed, and confirms once', async () => {
    const now = Date.now();
    const c = createConfirmations();
    const args = { bunitId: 1, consumerId: 2 };
    const token = c.issueToken('delete_node', args, 'digest-d', now);
    const use = (t: string, a: Record<string, unknown>, d: string, at = now) =>
      c.useToken(t, 'delete_node', a, d, at);
    expect(await use(token, args, 'digest-d', now + TOKEN_TTL_MS + 1)).toBe('expired');
    expect(await use(token, args, 'digest-e')).toBe('changed');
    expect(await use(token, { bunitId: 1, consumerId: 3 }, 'digest-d')).toBe('mismatch');
    expect(await use(token, { consumerId: 2, bunitId: 1 }, 'digest-d')).toBe(undefined);
    expect(await use(token, args, 'digest-d')).toBe('used');
  });

  it('only the exact token: no padding, no other case, no swapped parts, no other key', async () => {
    const c = createConfirmations();
    const args = { bunitId: 1, consumerId: 2 };
    const token = c.issueToken('delete_node', args, 'digest-d');
    const [expires, nonce, call, state, mac] = token.split('.');
    for (const variant of [
      ` ${token}`,
      `${token} `,
      `${token}=`,
      `0${token}`,
      [expires, nonce, state, call, mac].join('.'),
      [expires, nonce, call, state, mac?.toUpperCase()].join('.'),
      createConfirmations().issueToken('delete_node', args, 'digest-d'),
    ])
      expect(await c.useToken(variant, 'delete_node', args, 'digest-d'), variant).toMatch(
        /mismatch|changed/,
      );
    expect(await c.useToken(token, 'delete_node', args, 'digest-d')).toBe(undefined);
  });

  it('a token is good once, even when the state is the same again', async () => {
    const h = await testHarness({ era: 'legacy' });
    const { acme, dc01 } = seedIds(h.sim);
    const args = { bunitId: acme, consumerId: dc01, tsmPassword: 'Another-pass-1' };
    const preview = await h.call('change_node_password', args);
    const confirm = {
      ...args,
      confirm: true,
      confirmationToken: preview.structured.confirmationToken,
    };
    expect((await h.call('change_node_password', confirm)).isError).toBe(false);
    const before = writes(h.sim);
    const again = await h.call('change_node_password', confirm);
    expect(again.isError).toBe(true);
    expect(again.text).toContain('the confirmationToken was already used once');
    expect(writes(h.sim)).toBe(before);
  });
});

describe.each(ERAS)('a client that can ask the user is asked instead (%s)', (era) => {
  it('the user sees what will be removed; yes deletes, no changes nothing', async () => {
    const asked: string[] = [];
    let answer = false;
    const h = await testHarness({
      era,
      elicit: (message) => {
        asked.push(message);
        return { action: 'accept', content: { confirm: answer } };
      },
    });
    const { acme, exch01, dc01 } = seedIds(h.sim);
    const declined = await h.call('delete_node', {
      bunitId: acme,
      consumerId: exch01,
      confirm: true,
    });
    expect(declined.isError).toBe(false);
    expect(declined.text).toBe('The user did not agree (declined): nothing was changed.');
    expect(asked[0]).toContain(
      'delete_node: Would delete the backup node AND the consumption unit "acme-exch01"',
    );
    expect(writes(h.sim)).toBe(0);
    answer = true;
    const done = await h.call('delete_node', { bunitId: acme, consumerId: exch01, confirm: true });
    expect(done.isError, done.text).toBe(false);
    expect(h.sim.state.consumers.some((c) => c.id === exch01)).toBe(false);
    const password = await h.call('change_node_password', {
      bunitId: acme,
      consumerId: dc01,
      tsmPassword: 'Another-pass-1',
      confirm: true,
    });
    expect(password.isError, password.text).toBe(false);
    expect(asked[2]).toContain('Would set a new password for backup node ACME-DC01');
  });

  it('a cancelled question changes nothing', async () => {
    const h = await testHarness({ era, elicit: () => ({ action: 'cancel' }) });
    const { acme, dc01 } = seedIds(h.sim);
    const r = await h.call('change_node_password', {
      bunitId: acme,
      consumerId: dc01,
      tsmPassword: 'Another-pass-1',
      confirm: true,
    });
    expect(r.text).toBe('The user did not agree (cancelled): nothing was changed.');
    expect(writes(h.sim)).toBe(0);
  });

  it('a nested unit: the question shows exactly what goes, and a yes removes exactly that', async () => {
    const asked: string[] = [];
    const h = await testHarness({
      era,
      elicit: (message) => {
        asked.push(message);
        return { action: 'accept', content: { confirm: true } };
      },
    });
    const { acme } = seedIds(h.sim);
    const top = (await created(h, 'create_business_unit', { bunitId: acme, name: 'Top' })).item as {
      id: number;
    };
    const inner = (await created(h, 'create_business_unit', { bunitId: top.id, name: 'Inner' }))
      .item as { id: number };
    await created(h, 'create_consumer', { bunitId: inner.id, name: 'inner-box' });
    const args = { bunitId: top.id, deleteChildren: true, deleteConsumers: true };
    const units = h.sim.state.businessUnits.length;
    const consumers = h.sim.state.consumers.length;
    const r = await h.call('delete_business_unit', { ...args, confirm: true });
    expect(r.isError, r.text).toBe(false);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^delete_business_unit: Would delete business unit "Top"/);
    expect(asked[0]).toContain('inner-box');
    expect(h.sim.state.businessUnits.length).toBe(units - 2);
    expect(h.sim.state.consumers.length).toBe(consumers - 1);
  });

  it('the state changed while the user was asked: a new question, never a silent yes', async () => {
    const asked: string[] = [];
    let h: Harness | undefined;
    h = await testHarness({
      era,
      elicit: async (message) => {
        asked.push(message);
        // Something arrives in the unit while the first question is on screen.
        if (asked.length === 1 && h) {
          const finance = h.sim.state.businessUnits.find((u) => u.name === 'Acme Finance')!.id;
          await created(h, 'create_consumer', { bunitId: finance, name: 'arrived-meanwhile' });
        }
        return { action: 'accept', content: { confirm: asked.length > 1 } };
      },
    });
    const { acme } = seedIds(h.sim);
    const r = await h.call('delete_business_unit', {
      bunitId: acme,
      deleteChildren: true,
      deleteConsumers: true,
      confirm: true,
    });
    expect(asked).toHaveLength(2);
    expect(asked[0]).not.toContain('arrived-meanwhile');
    expect(asked[1]).toContain('What it would do has changed since you were asked.');
    expect(asked[1]).toContain('arrived-meanwhile');
    // The second answer was a yes to the state it showed: done, arrival included.
    expect(r.isError, r.text).toBe(false);
    expect(h.sim.state.consumers.some((c) => c.name === 'arrived-meanwhile')).toBe(false);
  });
});

describe('an input request on 2026-07-28, answered by hand', () => {
  type Asked = {
    resultType?: string;
    inputRequests?: Record<string, { method: string; params: { message: string } }>;
    requestState?: string;
  };
  // request(), not callTool(): callTool checks a result against the tool's output schema, and a
  // question is not a result.
  const ask = async (h: Harness, name: string, args: Record<string, unknown>) =>
    (await (h.client as import('@modelcontextprotocol/client').Client).request(
      { method: 'tools/call', params: { name, arguments: { ...args, confirm: true } } },
      { allowInputRequired: true },
    )) as unknown as Asked;
  const answer = (
    h: Harness,
    name: string,
    args: Record<string, unknown>,
    asked: Asked,
    yes: boolean,
  ) =>
    (h.client as import('@modelcontextprotocol/client').Client).callTool({
      name,
      arguments: { ...args, confirm: true },
      inputResponses: { confirm: { action: 'accept', content: { confirm: yes } } },
      requestState: asked.requestState,
    } as never);

  it('a client that never answers: the call returns the question at once, and nothing is deleted', async () => {
    const h = await testHarness({ manual: true });
    const { acme, exch01 } = seedIds(h.sim);
    const args = { bunitId: acme, consumerId: exch01 };
    const asked = await ask(h, 'delete_node', args);
    expect(asked.resultType).toBe('input_required');
    expect(asked.inputRequests?.confirm?.method).toBe('elicitation/create');
    expect(asked.inputRequests?.confirm?.params.message).toContain('acme-exch01');
    expect(writes(h.sim)).toBe(0);
    expect(h.sim.state.consumers.some((c) => c.id === exch01)).toBe(true);
  });

  it('an answer confirms once: replaying it deletes nothing more', async () => {
    const h = await testHarness({ manual: true });
    const { acme, dc01 } = seedIds(h.sim);
    const args = { bunitId: acme, consumerId: dc01, tsmPassword: 'Another-pass-1' };
    const asked = await ask(h, 'change_node_password', args);
    const first = await answer(h, 'change_node_password', args, asked, true);
    expect(first.isError, JSON.stringify(first)).toBeFalsy();
    const before = writes(h.sim);
    const replay = await answer(h, 'change_node_password', args, asked, true);
    expect(replay.isError).toBe(true);
    expect(JSON.stringify(replay.content)).toContain('this answer was already used once');
    expect(writes(h.sim)).toBe(before);
  });

  it('an answer for other arguments, or a forged state, is a new question, not a yes', async () => {
    const h = await testHarness({ manual: true });
    const { acme, dc01, sql01 } = seedIds(h.sim);
    const asked = await ask(h, 'delete_node', { bunitId: acme, consumerId: sql01 });
    // The SDK client turns a question in answer to a retry into this error, even in manual mode.
    const other = await answer(h, 'delete_node', { bunitId: acme, consumerId: dc01 }, asked, true)
      .then((r) => r.resultType)
      .catch((error: Error) => error.message);
    expect(other).toMatch(/input_required/);
    const forged = await answer(
      h,
      'delete_node',
      { bunitId: acme, consumerId: sql01 },
      { requestState: `${asked.requestState}x` },
      true,
    ).catch((error: Error) => error);
    expect(String(forged)).toMatch(/Invalid or expired requestState/);
    expect(writes(h.sim)).toBe(0);
  });
});
