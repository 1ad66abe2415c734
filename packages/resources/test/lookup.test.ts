import { demoCredentials } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import {
  createCloutility,
  homeUnit,
  homeUnitOf,
  ifFound,
  matchByName,
  ServerError,
} from '../src/index.js';
import { connect, consumerNamed, unitNamed } from './support.js';

describe('ifFound', () => {
  it('turns a 404 into undefined and lets every other failure through', async () => {
    const { sim, clout } = await connect({}, { retry: { retries: 0 } });
    try {
      const acme = await unitNamed(clout, 'Acme Corporation');
      const dc01 = await consumerNamed(clout, acme, 'acme-dc01');
      const fresh = (await clout.consumers.create(acme, { name: 'no-node-yet' })).id as number;
      expect(await ifFound(clout.nodes.get(acme, fresh))).toBeUndefined();
      expect((await ifFound(clout.nodes.get(acme, dc01)))?.tsmName).toBeTruthy();
      sim.faults.add({ path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node', status: 500 });
      expect(await rejectionOf(ifFound(clout.nodes.get(acme, fresh)))).toBeInstanceOf(ServerError);
    } finally {
      await sim.stop();
    }
  });
});

describe('matchByName', () => {
  const items = [
    { id: 1, name: 'Acme' },
    { id: 2, name: 'Acme Finance' },
    { id: 3, name: 'acme engineering' },
    { id: 4 },
  ];

  it('prefers exact names, in any case and ignoring surrounding blanks', () => {
    expect(matchByName(items, '  ACME ').map((i) => i.id)).toEqual([1]);
  });

  it('else takes every name that contains the text', () => {
    expect(matchByName(items, 'fin').map((i) => i.id)).toEqual([2]);
    expect(matchByName(items, 'acme e').map((i) => i.id)).toEqual([3]);
    expect(matchByName(items, 'ACME ').map((i) => i.id)).toEqual([1]);
    expect(matchByName(items, 'a').map((i) => i.id)).toEqual([1, 2, 3]);
    expect(matchByName(items, 'nothing')).toEqual([]);
  });
});

describe('the home unit', () => {
  it('is the business unit /v1/me names, for the demo admin and for a user elsewhere', async () => {
    const first = await connect();
    let acme: number;
    try {
      const tree = await first.clout.bunits.tree();
      expect(await homeUnit(first.clout)).toEqual({ id: tree.id, name: 'Example Reseller' });
      acme = await unitNamed(first.clout, 'Acme Corporation');
    } finally {
      await first.sim.stop();
    }
    // The same seed gives the same ids: a user whose home is Acme.
    const user = { username: 'it@acme.example', password: 'acme-password-1' };
    const { sim } = await connect({ users: [{ ...user, bunitId: acme }] });
    try {
      const clout = createCloutility({
        baseUrl: sim.url,
        clientId: demoCredentials.clientId,
        origin: demoCredentials.origin,
        credentials: user,
      });
      expect(await homeUnit(clout)).toEqual({ id: acme, name: 'Acme Corporation' });
    } finally {
      await sim.stop();
    }
  });

  it('is an error, not a guess, when /v1/me names none', () => {
    expect(homeUnitOf({ businessUnitId: 7 })).toEqual({ id: 7, name: undefined });
    expect(homeUnitOf({ businessUnit: { id: 8, name: 'Eight' } })).toEqual({
      id: 8,
      name: 'Eight',
    });
    expect(() => homeUnitOf({ name: 'someone' })).toThrow(/did not say which business unit/);
  });
});
