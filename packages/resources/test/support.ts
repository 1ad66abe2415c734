import {
  demoCredentials,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '@cloutapi/simulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Cloutility, type CloutilityOptions, createCloutility } from '../src/index.js';

/** Starts a simulator and a facade signed in as the demo user, with fast retries. */
export async function connect(
  simOptions: SimulatorOptions = {},
  facadeOptions: Partial<CloutilityOptions> = {},
): Promise<{ sim: RunningSimulator; clout: Cloutility }> {
  const sim = await startSimulator({ seed: 'demo', ...simOptions });
  const clout = createCloutility({
    baseUrl: sim.url,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    credentials: { username: demoCredentials.username, password: demoCredentials.password },
    retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 },
    ...facadeOptions,
  });
  return { sim, clout };
}

/** What {@link useDemo} hands over: the simulator, the facade, and Acme and acme-dc01's ids. */
export interface Demo {
  sim: RunningSimulator;
  clout: Cloutility;
  acme: number;
  dc01: number;
}

/**
 * One {@link connect} for the file's (or describe's) tests, handed to `set` before they run;
 * faults are cleared after each test and the simulator stopped after the last.
 */
export function useDemo(set: (demo: Demo) => void, simOptions: SimulatorOptions = {}): void {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    const connected = await connect(simOptions);
    sim = connected.sim;
    const acme = await unitNamed(connected.clout, 'Acme Corporation');
    set({ ...connected, acme, dc01: await consumerNamed(connected.clout, acme, 'acme-dc01') });
  });
  afterEach(() => sim?.faults.clear());
  afterAll(() => sim?.stop());
}

/** Finds a business unit of the demo seed by name through the API. */
export async function unitNamed(clout: Cloutility, name: string): Promise<number> {
  const tree = await clout.bunits.tree();
  const stack = [tree];
  while (stack.length) {
    const unit = stack.pop()!;
    if (unit.name === name && unit.id !== undefined) return unit.id;
    stack.push(...(unit.businessUnits ?? []));
  }
  throw new Error(`no unit named ${name}`);
}

/** Finds a consumption unit of a business unit by name through the API. */
export async function consumerNamed(
  clout: Cloutility,
  bunitId: number,
  name: string,
): Promise<number> {
  const found = (await clout.consumers.list(bunitId)).items.find((c) => c.name === name);
  if (found?.id === undefined) throw new Error(`no consumer named ${name} in unit ${bunitId}`);
  return found.id;
}

/** How many requests the simulator received for `METHOD /template`. */
export const hits = (sim: RunningSimulator, route: string) => sim.stats.requests[route] ?? 0;
