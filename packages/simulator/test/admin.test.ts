import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY_HEADER, type RunningSimulator } from '../src/index.js';
import { client, json, signIn, start } from './helpers.js';

describe('admin endpoints', () => {
  it('do not exist unless enabled', async () => {
    const sim = await start();
    try {
      const res = await fetch(`${sim.url}/_sim/stats`, {
        headers: { [ADMIN_KEY_HEADER]: sim.adminKey },
      });
      expect(res.status).toBe(404);
      expect((await json(res)).code).toBe('NotFound');
    } finally {
      await sim.stop();
    }
  });

  describe('when enabled', () => {
    let sim: RunningSimulator;
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(`${sim.url}/_sim${path}`, {
        ...init,
        headers: {
          [ADMIN_KEY_HEADER]: sim.adminKey,
          'Content-Type': 'application/json',
          ...(init.headers as object),
        },
      });
    beforeAll(async () => {
      sim = await start({ admin: true, adminKey: 'test-admin-key' });
    });
    afterAll(() => sim.stop());

    it('need the admin key; an API bearer token never grants access', async () => {
      const token = (await signIn(sim)).access_token;
      const bearerOnly = await fetch(`${sim.url}/_sim/stats`, {
        headers: { Origin: 'http://localhost', Authorization: `Bearer ${token}` },
      });
      expect(bearerOnly.status).toBe(401);
      const wrong = await fetch(`${sim.url}/_sim/reset`, {
        method: 'POST',
        headers: { [ADMIN_KEY_HEADER]: 'nope' },
      });
      expect(wrong.status).toBe(401);
      expect((await json(wrong)).message).toContain(ADMIN_KEY_HEADER);
      expect(sim.adminKey).toBe('test-admin-key');
    });

    it('manage faults', async () => {
      const added = await admin('/faults', {
        method: 'POST',
        body: JSON.stringify({ path: '/v1/fullVersion', status: 418 }),
      });
      expect(added.status).toBe(201);
      const { id } = await json(added);
      expect((await json(await admin('/faults'))).items).toEqual([
        { id, path: '/v1/fullVersion', status: 418 },
      ]);
      const api = client(sim, (await signIn(sim)).access_token);
      expect((await api.get('/v1/fullVersion')).status).toBe(418);
      expect((await admin(`/faults/${id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await api.get('/v1/fullVersion')).status).toBe(200);
      const bad = await admin('/faults', {
        method: 'POST',
        body: JSON.stringify({ path: '*', times: -1 }),
      });
      expect(bad.status).toBe(400);
      await admin('/faults', { method: 'POST', body: JSON.stringify({ path: '*', status: 500 }) });
      expect((await admin('/faults', { method: 'DELETE' })).status).toBe(204);
      expect(sim.faults.list()).toEqual([]);
    });

    it('report and reset stats', async () => {
      const stats = await json(await admin('/stats'));
      expect(stats.tokenGrants.password).toBeGreaterThan(0);
      expect(stats.requests['GET /v1/fullVersion']).toBeGreaterThan(0);
      expect(Object.keys(stats.requests).some((k) => k.includes('_sim'))).toBe(false);
      expect((await admin('/stats', { method: 'DELETE' })).status).toBe(204);
      expect(sim.stats.tokenGrants.password).toBe(0);
    });

    it('move the clock', async () => {
      const now = await json(
        await admin('/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 90_000 }) }),
      );
      expect(now).toEqual({ now: '2025-03-14T12:01:30.000Z' });
      const set = await json(
        await admin('/clock/set', {
          method: 'POST',
          body: JSON.stringify({ now: '2025-03-14T12:00:00Z' }),
        }),
      );
      expect(set.now).toBe('2025-03-14T12:00:00.000Z');
      expect((await admin('/clock/set', { method: 'POST', body: '{"now":"soon"}' })).status).toBe(
        400,
      );
    });

    it('register webhooks and generate billing', async () => {
      expect(
        (await admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: 'ftp://x' }) }))
          .status,
      ).toBe(400);
      const generated = await json(await admin('/billing/generate', { method: 'POST' }));
      expect(generated).toMatchObject({ invoiceDate: '2025-04-01', deliveries: [] });
      expect(sim.state.billingData.at(-1)?.invoiceDate).toBe('2025-04-01');
    });

    it('reset the data in place and revoke tokens', async () => {
      const api = client(sim, (await signIn(sim)).access_token);
      await api.post('/v1/bunits/19/consumers', { name: 'temporary' });
      const state = sim.state;
      expect(state.consumers.some((c) => c.name === 'temporary')).toBe(true);
      expect((await admin('/reset', { method: 'POST' })).status).toBe(200);
      expect(state.consumers.some((c) => c.name === 'temporary')).toBe(false);
      expect(state.billingData.some((b) => b.invoiceDate === '2025-04-01')).toBe(false);
      expect((await api.get('/v1/bunits/19/consumers')).status).toBe(200);
      expect((await admin('/tokens/revoke', { method: 'POST' })).status).toBe(204);
      expect((await api.get('/v1/bunits/19/consumers')).status).toBe(401);
    });
  });
});
