import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { seedIds, testHarness } from './support.js';

describe('outputs chain and are whole', () => {
  it('get_business_unit_tree lists every unit at every depth', async () => {
    const h = await testHarness();
    const { acme } = seedIds(h.sim);
    let parent = acme;
    for (const name of ['L3', 'L4', 'L5', 'L6', 'L7']) {
      const r = await h.call('create_business_unit', { bunitId: parent, name });
      parent = (r.structured.item as { id: number }).id;
    }
    const tree = await h.call('get_business_unit_tree', {});
    expect(tree.isError, tree.text).toBe(false);
    const units = tree.structured.units as { id: number; name: string; depth: number }[];
    expect(units.map((u) => u.id).sort()).toEqual(
      h.sim.state.businessUnits.map((u) => u.id).sort(),
    );
    for (const u of h.sim.state.businessUnits) expect(tree.text).toContain(`${u.id} ${u.name}`);
    const deepest = units.find((u) => u.name === 'L7');
    expect(deepest?.depth).toBe(6);
    expect(tree.text).toContain(`\n${'  '.repeat(6)}${parent} L7`);
  });

  it('list_possible_proxy_nodes shows the consumer ids add_proxy_agent takes', async () => {
    const h = await testHarness();
    const { acme, dc01, exch01 } = seedIds(h.sim);
    const candidates = await h.call('list_possible_proxy_nodes', {
      bunitId: acme,
      consumerId: dc01,
    });
    const items = candidates.structured.items as { consumerId: number; tsmName: string }[];
    expect(candidates.text).toContain(`${exch01} | ACME-EXCH01`);
    const exch = items.find((i) => i.tsmName === 'ACME-EXCH01');
    expect(exch?.consumerId).toBe(exch01);
    const added = await h.call('add_proxy_agent', {
      bunitId: acme,
      targetConsumerId: dc01,
      agentConsumerId: exch?.consumerId,
    });
    expect(added.isError, added.text).toBe(false);
    expect(
      h.sim.state.proxies.some((p) => p.agentConsumerId === exch01 && p.targetConsumerId === dc01),
    ).toBe(true);
  });
});

describe('errors say what to do when the call is not at fault', () => {
  it.each([
    [
      '5xx: the portal failed, retry later',
      { status: 503 },
      ['The portal failed (503)', "This is the portal's fault, not the call's: retry in a minute"],
    ],
    [
      '429: retry after the seconds the portal asked for',
      { status: 429, headers: { 'Retry-After': '7' } },
      ['Retry after 7 s'],
    ],
    ['403: the role may not allow it', { status: 403 }, ['Your role may not allow this']],
  ])('%s', async (_, fault, says) => {
    const h = await testHarness({ portal: { retry: { retries: 0 } } });
    h.sim.faults.add({ path: '/v1/bunits/{bunitId}/consumers', ...fault });
    const r = await h.call('list_consumers', { bunitId: seedIds(h.sim).acme });
    expect(r.isError).toBe(true);
    for (const words of says) expect(r.text).toContain(words);
  });

  it('a long Retry-After is not slept through: the call fails at once with the time to wait', async () => {
    const h = await testHarness();
    h.sim.faults.add({
      path: '/v1/bunits/{bunitId}/consumers',
      status: 429,
      headers: { 'Retry-After': '30' },
      times: 3,
    });
    const r = await h.call('list_consumers', { bunitId: seedIds(h.sim).acme });
    expect(r.isError).toBe(true);
    expect(r.text).toContain('Retry after 30 s');
    // One request: no retry waited the 30 s.
    expect(h.sim.stats.log.filter((e) => e.path.endsWith('/consumers'))).toHaveLength(1);
  });

  it('an unreachable URL: check CLOUTAPI_URL', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const h = await testHarness({
      portal: { baseUrl: `http://127.0.0.1:${port}`, retry: { retries: 0 } },
    });
    const r = await h.call('whoami', {});
    expect(r.isError).toBe(true);
    expect(r.text).toContain('check CLOUTAPI_URL');
  });
});
