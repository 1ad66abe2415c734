import type { RequestLogEntry, SimulatorStats, WebhookDelivery } from './types.js';

/** How many requests the log keeps. */
export const LOG_LIMIT = 1000;

/** The stats object plus the methods the simulator records with. */
export interface StatsRecorder extends SimulatorStats {
  recordRequest(key: string, entry: RequestLogEntry): void;
  recordGrant(kind: 'password' | 'refresh' | 'failed'): void;
  recordDelivery(delivery: WebhookDelivery): void;
}

/** Creates empty stats. The arrays and objects are mutated in place, so references stay live. */
export function createStats(): StatsRecorder {
  const stats: StatsRecorder = {
    requests: {},
    tokenGrants: { password: 0, refresh: 0, failed: 0 },
    webhookDeliveries: [],
    log: [],
    reset() {
      for (const key of Object.keys(stats.requests)) delete stats.requests[key];
      stats.tokenGrants.password = 0;
      stats.tokenGrants.refresh = 0;
      stats.tokenGrants.failed = 0;
      stats.webhookDeliveries.length = 0;
      stats.log.length = 0;
    },
    recordRequest(key, entry) {
      stats.requests[key] = (stats.requests[key] ?? 0) + 1;
      stats.log.push(entry);
      if (stats.log.length > LOG_LIMIT) stats.log.splice(0, stats.log.length - LOG_LIMIT);
    },
    recordGrant(kind) {
      stats.tokenGrants[kind]++;
    },
    recordDelivery(delivery) {
      stats.webhookDeliveries.push(delivery);
    },
  };
  return stats;
}

/** A JSON-friendly copy of the stats (for `GET /_sim/stats`). */
export function snapshotStats(stats: SimulatorStats) {
  return {
    requests: { ...stats.requests },
    tokenGrants: { ...stats.tokenGrants },
    webhookDeliveries: [...stats.webhookDeliveries],
    log: [...stats.log],
  };
}
