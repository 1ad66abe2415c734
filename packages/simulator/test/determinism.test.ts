import { describe, expect, it, vi } from 'vitest';
import { createClock, type RunningSimulator, SIM_NOW_ENV, startSimulator } from '../src/index.js';
import { client, signIn, T0 } from './helpers.js';

const startAt = (seed?: string) =>
  startSimulator({ ...(seed ? { seed } : {}), clock: createClock({ now: T0, frozen: true }) });

/** Reads a few routes with every href made port-independent. */
async function read(sim: RunningSimulator) {
  const api = client(sim, (await signIn(sim)).access_token);
  const paths = [
    '/v1/bunits',
    '/v1/bunits/11/consumers',
    '/v1/bunits/11/consumers/401/node',
    '/v1/bunits/10/billing',
  ];
  const out = [];
  for (const path of paths)
    out.push(JSON.parse(JSON.stringify((await api.get(path)).body).replaceAll(sim.url, '')));
  return out;
}

describe('seeded data', () => {
  it('is identical for two starts with the same seed and clock', async () => {
    const [a, b] = await Promise.all([startAt(), startAt()]);
    try {
      expect(a.state).toEqual(b.state);
      expect(await read(a)).toEqual(await read(b));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('differs for another seed but keeps the shape', async () => {
    const [a, b] = await Promise.all([startAt('demo'), startAt('other-seed')]);
    try {
      expect(b.state.consumers.map((c) => c.name)).toEqual(a.state.consumers.map((c) => c.name));
      expect(b.state.nodes.map((n) => n.tsmPassword)).not.toEqual(
        a.state.nodes.map((n) => n.tsmPassword),
      );
      expect(b.state.jobs).not.toEqual(a.state.jobs);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('looks like a real reseller', async () => {
    const sim = await startAt();
    try {
      const { state } = sim;
      expect(state.businessUnits.length).toBeGreaterThanOrEqual(8);
      expect(
        state.businessUnits.some(
          (b) => b.parentId !== undefined && b.parentId !== state.rootBusinessUnitId,
        ),
      ).toBe(true);
      expect(state.consumers.length).toBeGreaterThanOrEqual(20);
      const states = state.consumers.map((c) => {
        const node = state.nodes.find((n) => n.consumerId === c.id);
        return !node ? 'none' : node.tsmName ? 'activated' : 'created';
      });
      expect(new Set(states)).toEqual(new Set(['none', 'created', 'activated']));
      expect(state.reports.some((r) => r.warnings.length > 0)).toBe(true);
      expect(state.filespaces.length).toBeGreaterThan(0);
      expect(state.servers).toHaveLength(2);
      expect(state.invoices.every((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.invoiceDate))).toBe(true);
      expect(state.contracts.length).toBeGreaterThan(1);
      expect(new Set(state.users.map((u) => u.roleId)).size).toBe(2);
      const nodeNames = state.nodes
        .filter((n) => n.tsmName)
        .map((n) => `${n.serverId}:${n.tsmName}`);
      expect(new Set(nodeNames).size).toBe(nodeNames.length);
    } finally {
      await sim.stop();
    }
  });

  it("'empty' has only the root unit, the users and the catalog", async () => {
    const sim = await startAt('empty');
    try {
      const api = client(sim, (await signIn(sim)).access_token);
      expect((await api.get('/v1/bunits')).body).toMatchObject({
        name: 'Example Reseller',
        businessUnits: [],
      });
      expect(
        (await api.get(`/v1/bunits/${sim.state.rootBusinessUnitId}/consumers`)).body.total,
      ).toBe(0);
      expect((await api.get('/v1/nodetypes')).body.total).toBe(7);
      expect(sim.state.users.map((u) => u.name)).toEqual([
        'demo@reseller.example',
        'readonly@reseller.example',
      ]);
      expect(sim.state.jobs).toEqual([]);
    } finally {
      await sim.stop();
    }
  });

  it('depends on the given now only, never on the system date', async () => {
    // The system clock is moved, the simulator's `now` is not: the data must not move either.
    const seededOn = async (systemDate: string) => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(systemDate) });
      try {
        const sim = await startSimulator({ now: T0 });
        await sim.stop();
        return sim.state;
      } finally {
        vi.useRealTimers();
      }
    };
    const a = await seededOn('2027-03-28T02:30:00+02:00');
    const b = await seededOn('2031-12-31T23:59:00Z');
    expect(a.jobs.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it(`takes its default start from ${SIM_NOW_ENV} and refuses a value that is not a date`, async () => {
    vi.stubEnv(SIM_NOW_ENV, T0);
    try {
      const sim = await startSimulator({});
      await sim.stop();
      expect(Math.abs(sim.clock.now().getTime() - Date.parse(T0))).toBeLessThan(60 * 60_000);
      vi.stubEnv(SIM_NOW_ENV, 'yesterday');
      await expect(startSimulator({})).rejects.toThrow(/CLOUTAPI_SIM_NOW must be an ISO 8601/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses a user whose home unit the seed does not have', async () => {
    await expect(
      startSimulator({ seed: 'empty', users: [{ username: 'x', password: 'y', bunitId: 11 }] }),
    ).rejects.toThrow(/home business unit 11/);
  });
});
