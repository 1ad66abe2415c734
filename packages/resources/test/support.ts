import {
  demoCredentials,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '@cloutapi/simulator';
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
