import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSimulatorApp } from './app.js';
import type { RunningSimulator, SimulatorOptions } from './types.js';

/**
 * Starts a simulator listening on `host:port` (default 127.0.0.1 and a free port) and resolves
 * once it accepts connections.
 *
 * @example
 * ```ts
 * const sim = await startSimulator();
 * const res = await fetch(`${sim.url}/v1/fullVersion`, { headers: { Origin, Authorization } });
 * await sim.stop();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const { app, ...instance } = createSimulatorApp(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  // The portal runs on IIS, which keeps an idle connection 120 s. Node's 5 s would reset a
  // connection a client reuses after waiting (an enrollment's lock), which no portal does so soon.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 120_000;
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    ...instance,
    url: `http://${urlHost}:${port}`,
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive and slow (latency-faulted) connections would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      return stopped;
    },
  };
}
