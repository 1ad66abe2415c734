import { describe, expect, it } from 'vitest';
import { collect } from '../src/index.js';
import { client, current, demoClient, simulator } from './support.js';

describe('collections', () => {
  it('iterates a paged collection with limit/offset until total', async () => {
    const { c, bunitId, consumer } = await demoClient();
    // Make sure the audit log has several entries for this consumer.
    for (const note of ['a', 'b', 'c']) {
      await c.request({
        method: 'PUT',
        path: '/v1/bunits/{bunitId}/consumers/{consumerId}',
        pathParams: { bunitId, consumerId: consumer.id },
        body: { name: consumer.name, note },
      });
    }
    const request = {
      method: 'GET',
      path: '/v1/bunits/{bunitId}/consumers/{consumerId}/auditlogs',
      pathParams: { bunitId, consumerId: consumer.id },
    } as const;
    const whole = await c.request<{ total: number; items: { id: number }[] }>(request);
    expect(whole.total).toBeGreaterThanOrEqual(3);
    const { items, truncated } = await collect(
      c.paginate<{ id: number }>(request, { paged: true, pageSize: 2 }),
      {
        max: 1000,
      },
    );
    expect(truncated).toBe(false);
    expect(items.map((i) => i.id)).toEqual(whole.items.map((i) => i.id));
    const pages = current.sim.stats.log.filter(
      (e) => e.path.endsWith('/auditlogs') && e.query.length > 0,
    );
    expect(pages.length).toBe(Math.ceil(whole.total / 2));
    expect(pages[0]?.query).toEqual([
      ['offset', '0'],
      ['limit', '2'],
    ]);
  });

  it('collects up to an explicit maximum and says when it truncated', async () => {
    await simulator();
    const c = client();
    const tree = await c.request<{ id: number }>({ method: 'GET', path: '/v1/bunits' });
    const request = {
      method: 'GET',
      path: '/v1/bunits/{bunitId}/bunits',
      pathParams: { bunitId: tree.id },
    } as const;
    const all = await collect(c.paginate(request), { max: 1000 });
    expect(all.items.length).toBeGreaterThan(1);
    const some = await collect(c.paginate(request), { max: 1 });
    expect(some).toEqual({ items: all.items.slice(0, 1), truncated: true });
  });
});
