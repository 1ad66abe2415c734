/**
 * A team deployment for the benchmark: `count` instances of the built team server on one
 * PostgreSQL, behind HAProxy (round robin), every one issuing tokens for the load balancer's
 * address, as a reseller runs several.
 */
import { readFileSync } from 'node:fs';
import { type Haproxy, startHaproxy } from '../test/haproxy.js';
import { startTeamInstance, type TeamInstance } from '../test/team.js';
import { childrenOf } from './team-cpu.js';

/** A running deployment. */
export interface Cluster {
  /** The load balancer: what people sign in to and call. */
  url: string;
  instances: TeamInstance[];
  haproxy: Haproxy;
  /** HAProxy's pid (for its CPU time). */
  haproxyPid: number | undefined;
  /** Stops HAProxy and every instance; safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  count: number;
  /** The portal's URL. */
  portal: string;
  /** The `postgres://` URL every instance shares. */
  store: string;
  /** The load balancer's port: the same for every deployment, so tokens stay valid across them. */
  port: number;
  /** More of the server's options (fair use). */
  args: string[];
  /** More of the instances' environment. */
  env?: Record<string, string>;
}

/** A process's command name; '' when it is gone. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Starts the instances, then HAProxy in front of them; stops what started if any part fails. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const publicUrl = `http://127.0.0.1:${options.port}`;
  const started = await Promise.allSettled(
    Array.from({ length: options.count }, () =>
      startTeamInstance({
        portal: options.portal,
        store: options.store,
        publicUrl,
        args: options.args,
        ...(options.env ? { env: options.env } : {}),
      }),
    ),
  );
  const instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopInstances = () => Promise.all(instances.map((i) => i.stop()));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stopInstances();
    throw failed.reason;
  }
  let haproxy: Haproxy;
  try {
    haproxy = await startHaproxy({
      port: options.port,
      balance: 'roundrobin',
      backends: instances.map((instance, i) => ({ name: `mcp${i + 1}`, port: instance.port })),
    });
  } catch (error) {
    await stopInstances();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: haproxy.url,
    instances,
    haproxy,
    haproxyPid: childrenOf(process.pid).find((pid) => commandOf(pid) === 'haproxy'),
    stop() {
      stopping ??= haproxy
        .stop()
        .finally(stopInstances)
        .then(() => undefined);
      return stopping;
    },
  };
}
