import { describe, expect, it } from 'vitest';
import { seedIds, testHarness } from './support.js';

/**
 * The tool measures ages from the real clock (a model has no other), so the simulator runs on it
 * too; its demo machines keep their categories at any date and hour.
 */
const pinned = (faults: { path: string; status: number }[] = []) =>
  testHarness({ sim: { faults } });

interface Row {
  category: string;
  bunitId: number;
  consumerId: number;
  name: string;
  reason: string;
  lastSuccessAge: string;
}

describe('backup_health', () => {
  it('summarises the demo and lists the machines needing attention worst first, with ids that chain', async () => {
    const h = await pinned();
    // Listing first makes the client check structuredContent against the output schema.
    const listed = (await h.client.listTools()).tools.find((t) => t.name === 'backup_health');
    const attention = (listed?.outputSchema?.properties as Record<string, { items?: object }>)
      ?.attention;
    expect(attention?.items).toMatchObject({ required: ['bunitId', 'consumerId'] });
    const r = await h.call('backup_health', {});
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({
      status: 'critical',
      checkedAt: expect.any(String),
      counts: { failed: 1, never: 1, 'at-risk': 1, warning: 3, 'not-activated': 3, ok: 10 },
      total: 9,
      offset: 0,
      machines: 19,
      withoutNode: 3,
    });
    const rows = r.structured.attention as Row[];
    expect(rows.map((m) => m.category).slice(0, 3)).toEqual(['failed', 'never', 'at-risk']);
    expect(rows[0]).toMatchObject({ name: 'fin-db01', reason: 'Failed backup (1 day)' });
    expect(rows[2]?.lastSuccessAge).toMatch(/^[34] days ago$/);
    expect(r.text).toMatch(/^CRITICAL: 19 machine\(s\) in 10 unit\(s\): 1 failed, 1 never/);
    // Every consumption unit is counted: those without a node are named, not left out.
    expect(r.text).toMatch(/; 3 consumption unit\(s\) without a backup node, not checked\n/);
    expect(h.sim.state.consumers).toHaveLength(22);
    expect(r.text).toContain('Acme Finance');
    expect(r.text).toContain('describe_consumer');

    const first = rows[0]!;
    const described = await h.call('describe_consumer', {
      bunitId: first.bunitId,
      consumerId: first.consumerId,
    });
    expect(described.isError).toBe(false);
    expect(described.text).toContain('fin-db01');
  });

  it("takes IBM's at-risk interval and machines not to watch, as the CLI does", async () => {
    const h = await pinned();
    const r = await h.call('backup_health', {
      atRiskAfter: '4d',
      exclude: 'FIN-DB01, tag:lab,',
    });
    expect(r.isError).toBe(false);
    expect(r.structured.counts).toMatchObject({ failed: 0, 'at-risk': 0, excluded: 1 });
    const rows = r.structured.attention as Row[];
    expect(rows.map((m) => m.name)).not.toContain('fin-db01');
    const bad = await h.call('backup_health', { atRiskAfter: 'soon' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('atRiskAfter: expected a duration of at least a minute');
  });

  it('pages the attention list, 20 a page, from one snapshot with a cursor', async () => {
    const h = await pinned();
    // Twenty-five more machines needing attention: created, never activated.
    const acme = seedIds(h.sim).acme;
    for (let i = 0; i < 25; i++) {
      const c = await h.call('create_consumer', { bunitId: acme, name: `paging-${i}` });
      expect(c.isError).toBe(false);
    }
    for (const consumer of h.sim.state.consumers.filter((c) => c.name.startsWith('paging-'))) {
      h.sim.state.nodes.push({
        ...h.sim.state.nodes.find((n) => n.tsmName === undefined)!,
        id: 90_000 + consumer.id,
        consumerId: consumer.id,
      });
    }
    const one = await h.call('backup_health', {});
    expect(one.structured).toMatchObject({ total: 34, offset: 0 });
    const cursor = one.structured.nextCursor as string;
    expect(cursor).toMatch(/^[\w-]{22}:20$/);
    expect((one.structured.attention as Row[]).length).toBe(20);
    expect(one.text).toContain(`call again with cursor "${cursor}"`);
    expect(one.text).toContain('Units needing attention');
    // Page 2 is the same check: read from what page 1 kept, not a second walk of the fleet.
    const requests = h.sim.stats.log.length;
    const two = await h.call('backup_health', { cursor });
    expect(h.sim.stats.log.length).toBe(requests);
    expect(two.structured).toMatchObject({
      offset: 20,
      total: 34,
      checkedAt: one.structured.checkedAt,
    });
    expect((two.structured.attention as Row[]).length).toBe(14);
    expect(two.structured.nextCursor).toBeUndefined();
    expect(two.text).not.toContain('Units needing attention');
    const names = [
      ...(one.structured.attention as Row[]),
      ...(two.structured.attention as Row[]),
    ].map((m) => m.name);
    expect(new Set(names).size).toBe(34);
  });

  it('reports progress while it checks', async () => {
    const h = await pinned();
    const { root } = seedIds(h.sim);
    const messages: string[] = [];
    const result = await h.callWithProgress(
      'backup_health',
      { bunitId: root },
      (p) => void messages.push(`${p.progress}/${p.total}: ${p.message}`),
    );
    expect(result.isError).toBeFalsy();
    expect(messages.some((m) => /listed Acme Corporation/.test(m))).toBe(true);
    expect(messages.some((m) => /checked fin-db01/.test(m))).toBe(true);
    expect(messages.at(-1)).toMatch(/^(\d+)\/\1: /);
  });

  it('degrades on a server without warning types and reports instead of failing', async () => {
    const h = await pinned([
      { path: '/v1/nodewarningtypes', status: 404 },
      { path: '/v1/bunits/{bunitId}/consumers/{consumerId}/reports/latest', status: 404 },
    ]);
    const r = await h.call('backup_health', {});
    expect(r.isError).toBe(false);
    const rows = r.structured.attention as Row[];
    expect(rows.find((m) => m.name === 'globex-web01')?.category).toBe('at-risk');
    expect(rows.find((m) => m.name === 'initech-ci01')?.category).toBe('never');
    expect((r.structured.counts as Record<string, number>).unknown).toBe(0);

    await h.close();
    const ids = await (await pinned([{ path: '/v1/nodewarningtypes', status: 404 }])).call(
      'backup_health',
      {},
    );
    expect(ids.isError).toBe(false);
    expect((ids.structured.attention as Row[]).find((m) => m.name === 'acme-sql01')?.reason).toBe(
      'warning type 4 (1 day)',
    );
    expect(ids.text).toMatch(/Note: Warning types could not be read/);
  });

  it('refuses a cursor it did not give, or one that expired, and sends nothing', async () => {
    const h = await pinned();
    for (const cursor of ['nope', 'AAAAAAAAAAAAAAAAAAAAAA:20', '../../etc/passwd:20']) {
      const r = await h.call('backup_health', { cursor });
      expect(r.isError, cursor).toBe(true);
      expect(r.text).toMatch(/cursor has expired or is not one of this server's/);
    }
    expect(h.sim.stats.log).toHaveLength(0);
    const empty = await h.call('backup_health', { cursor: '' });
    expect(empty.text).toMatch(/- cursor: /);
  });
});
