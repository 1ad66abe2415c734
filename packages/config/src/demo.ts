import type { RunningSimulator } from '@cloutapi/simulator';
import type { Settings } from './settings.js';

/** A running embedded simulator and the settings that reach it. */
export interface Demo {
  settings: Settings;
  simulator: RunningSimulator;
  stop(): Promise<void>;
}

/**
 * Starts the embedded simulator with its seeded demo data on a free loopback port and returns
 * settings for it: what `--demo` runs on. The simulator is loaded only here, so programs that are
 * not in demo mode never load it. `now` pins the simulator's clock (and so its demo data); by
 * default it is `CLOUTAPI_SIM_NOW` or the system time.
 */
export async function startDemo(
  options: { port?: number; seed?: string; now?: Date | string } = {},
): Promise<Demo> {
  const { demoCredentials, startSimulator } = await import('@cloutapi/simulator');
  const simulator = await startSimulator({
    port: options.port ?? 0,
    seed: options.seed ?? 'demo',
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const sources = {
    url: 'demo',
    clientId: 'demo',
    origin: 'demo',
    username: 'demo',
    password: 'demo',
  } as const;
  return {
    simulator,
    settings: {
      url: simulator.url,
      clientId: demoCredentials.clientId,
      origin: demoCredentials.origin,
      username: demoCredentials.username,
      password: demoCredentials.password,
      clientName: 'cloutapi demo',
      sources,
    },
    stop: () => simulator.stop(),
  };
}
