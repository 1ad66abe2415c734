import type { RunningSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Cloutility,
  type EnrollInput,
  EnrollmentError,
  enrollDefaults,
  enrollMachine,
  LOOKUP_MAX_AGE_MS,
  type LookupStore,
  ValidationError,
} from '../src/index.js';
import { useDemo } from './support.js';

let sim: RunningSimulator;
let clout: Cloutility;
let acme: number;
useDemo((demo) => ({ sim, clout, acme } = demo));

const NODE = 'POST /v1/bunits/{bunitId}/consumers/{consumerId}/node';
const LOOKUPS = /nodeoperatingsystems|nodetypes|defaultserver/;

/** A store as an app keeps one between processes: plain JSON, nothing shared by reference. */
function jsonStore(): LookupStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: (key) => (data.has(key) ? JSON.parse(data.get(key) as string) : undefined),
    set: (key, value) => void data.set(key, JSON.stringify(value)),
    forget: (key) => void data.delete(key),
  };
}

/** One enrollment as a new process makes it: fresh defaults over the store, counted by the simulator. */
async function enrollCounted(
  store: LookupStore,
  input: EnrollInput,
  now: () => number = () => 1_000_000,
) {
  await clout.meta.version(); // a valid token before counting
  sim.stats.reset();
  const defaults = enrollDefaults(clout, { store, now });
  const result = await enrollMachine(clout, input, { defaults });
  const routes = Object.keys(sim.stats.requests);
  const refused = sim.stats.log.filter((r) => `${r.method} ${r.route}` === NODE && r.status >= 400);
  return { result, lookups: routes.filter((r) => LOOKUPS.test(r)), refused: refused.length };
}

const linux = (name: string): EnrollInput => ({ bunitId: acme, name, operatingSystem: 'Linux' });

const saved = { domains: [] as RunningSimulator['state']['domains'] };
afterEach(() => {
  if (saved.domains.length) sim.state.domains.splice(0, Infinity, ...saved.domains);
  saved.domains = [];
});

describe('enrollment lookups kept in a store', () => {
  it('a warm store: the next enrollment (new defaults, as in a new process) reads no lookup', async () => {
    const store = jsonStore();
    const first = await enrollCounted(store, linux('store-01'));
    expect(first.lookups.length).toBeGreaterThan(0);
    const second = await enrollCounted(store, linux('store-02'));
    expect(second.result.status).toBe('enrolled');
    expect(second.lookups).toEqual([]);
  });

  it('an entry past the age limit is read again', async () => {
    const store = jsonStore();
    await enrollCounted(store, linux('store-03'), () => 1_000_000);
    const young = await enrollCounted(
      store,
      linux('store-04'),
      () => 1_000_000 + LOOKUP_MAX_AGE_MS,
    );
    expect(young.lookups).toEqual([]);
    const old = await enrollCounted(store, linux('store-05'), () => 1_000_001 + LOOKUP_MAX_AGE_MS);
    expect(old.lookups).toContain('GET /v1/nodeoperatingsystems');
    expect(old.lookups).toContain('GET /v1/bunits/{bunitId}/defaultserver/domains');
  });

  it('an entry of the wrong shape, or from the future, is read again', async () => {
    const store = jsonStore();
    await enrollCounted(store, linux('store-06'));
    store.set('os catalog', { savedAt: 1_000_000, value: [{ id: 'three', name: 'Linux' }] });
    store.set(`domains ${acme}`, { savedAt: 9_000_000, value: [] });
    const again = await enrollCounted(store, linux('store-07'));
    expect(again.result.status).toBe('enrolled');
    expect(again.lookups.sort()).toEqual([
      'GET /v1/bunits/{bunitId}/defaultserver/domains',
      'GET /v1/nodeoperatingsystems',
    ]);
  });

  it('a remembered domain the portal replaced: one refused write, the lists read again, then enrolled', async () => {
    const store = jsonStore();
    const first = await enrollCounted(store, linux('store-08'));
    const used = first.result.steps.find((s) => s.detail.startsWith('policy domain'))?.detail;
    const id = Number(/#(\d+)/.exec(used ?? '')?.[1]);
    saved.domains = [...sim.state.domains];
    const domain = sim.state.domains.find((d) => d.id === id)!;
    sim.state.domains.splice(sim.state.domains.indexOf(domain), 1, { ...domain, id: 9001 });

    const second = await enrollCounted(store, linux('store-09'));
    expect(second.result.status).toBe('enrolled');
    expect(second.refused).toBe(1);
    expect(second.lookups).toContain('GET /v1/bunits/{bunitId}/defaultserver/domains');
    expect(second.result.steps.map((s) => s.detail)).toContain(
      `policy domain ${domain.name} (#9001)`,
    );
    // The store now holds the new domain: the next one writes once.
    const third = await enrollCounted(store, linux('store-10'));
    expect([third.refused, third.lookups]).toEqual([0, []]);
  });

  it('a refusal the lists do not explain stands: no second write', async () => {
    const store = jsonStore();
    await enrollCounted(store, linux('store-11'));
    sim.faults.add({ method: 'POST', path: NODE.slice(5), status: 400, times: 1 });
    const error = await rejectionOf(enrollCounted(store, linux('store-12')));
    expect(error).toBeInstanceOf(EnrollmentError);
    expect(((error as EnrollmentError).cause as ValidationError).status).toBe(400);
    expect(sim.stats.requests[NODE]).toBe(1);
    // The remembered lists were read again to find out.
    expect(sim.stats.requests['GET /v1/bunits/{bunitId}/defaultserver/domains']).toBe(1);
  });

  it('an operating system the remembered catalog lacks is looked for on the portal before the input is rejected', async () => {
    const store = jsonStore();
    await enrollCounted(store, linux('store-13'));
    const os = sim.state.operatingSystems[0]!;
    sim.state.operatingSystems.push({ ...os, id: 9002, name: 'Plan 9' });
    try {
      const added = await enrollCounted(store, { ...linux('store-14'), operatingSystem: 'Plan 9' });
      expect(added.result.status).toBe('enrolled');
      expect(added.lookups).toEqual(['GET /v1/nodeoperatingsystems']);
    } finally {
      sim.state.operatingSystems.pop();
    }
    const typo = rejectionOf(
      enrollCounted(store, { ...linux('store-15'), operatingSystem: 'Plan 10' }),
    );
    expect(await typo).toBeInstanceOf(ValidationError);
  });
});
