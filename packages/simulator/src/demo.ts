import { demoCredentials } from './defaults.js';
import { startSimulator } from './server.js';
import type { RunningSimulator } from './types.js';

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** The seed of the demo data; default `demo`. */
  seed?: string;
  /**
   * Where the simulator's clock starts, and so the date its demo data is generated around (a Date
   * or ISO 8601 string); default `CLOUTAPI_SIM_NOW` or the system time.
   */
  now?: Date | string;
}

/** A running demo simulator, and what signs in to it. */
export interface Demo {
  /** The simulator's base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The demo client and user (public: they exist only in the simulator). */
  credentials: typeof demoCredentials;
  simulator: RunningSimulator;
  stop(): Promise<void>;
}

/**
 * Starts the simulator with its seeded demo data on a loopback port, for an app's demo mode
 * (`cloutapi --demo`, `cloutapi-mcp --demo`) or a program's first try.
 *
 * @example
 * ```ts
 * const demo = await startDemo();
 * console.log(demo.url, demo.credentials.username);
 * await demo.stop();
 * ```
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const simulator = await startSimulator({
    port: options.port ?? 0,
    seed: options.seed ?? 'demo',
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return {
    url: simulator.url,
    credentials: demoCredentials,
    simulator,
    stop: () => simulator.stop(),
  };
}
