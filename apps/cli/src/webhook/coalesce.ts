import { setTimeout as sleep } from 'node:timers/promises';

/** Notifications answered by one billing fetch. */
export interface Batch {
  /** The first notification's body. */
  trigger: unknown;
  /** When the first one came. */
  receivedAt: Date;
  /** How many notifications this fetch answers (1, or more in a burst). */
  notifications: number;
}

/** Options of {@link createCoalescer}. */
export interface CoalescerOptions {
  /** Does the work of one batch (fetch the billing data and hand it on). */
  run: (key: string, batch: Batch) => Promise<void>;
  /** Notifications that may wait for the next fetch of one key; beyond, `offer` says no. */
  maxWaiting: number;
  /** Called when `run` fails (the next batch still runs). */
  onError: (key: string, error: unknown) => void;
  /** Rest after each fetch of a key before the next; notifications meanwhile wait for it. */
  restMs: number;
}

/** The burst coalescer of the webhook receiver. */
export interface Coalescer {
  /** Takes a notification for `key`: false when too many wait already (answer 503). */
  offer(key: string, trigger: unknown, receivedAt: Date): boolean;
  /** Runs what waits without resting (at shutdown); resolves when no fetch runs nor waits. */
  flush(): Promise<void>;
}

interface Lane {
  running: Promise<void>;
  waiting: Batch | undefined;
}

/**
 * One fetch per key (a unit) in flight or resting after it (`restMs`), and at most one batch
 * waiting behind it that gathers every notification meanwhile: a burst shorter than a fetch and
 * its rest makes two fetches however fast the fetch is, not 300. A notification that comes
 * during a fetch is never lost: the data may be newer, so the waiting batch fetches again.
 */
export function createCoalescer(options: CoalescerOptions): Coalescer {
  const lanes = new Map<string, Lane>();
  const flushing = new AbortController();
  const drain = async (key: string, lane: Lane) => {
    // Let the burst gather before the first fetch.
    await Promise.resolve();
    for (let batch = lane.waiting; batch; batch = lane.waiting) {
      lane.waiting = undefined;
      try {
        await options.run(key, batch);
      } catch (error) {
        options.onError(key, error);
      }
      await sleep(options.restMs, undefined, { signal: flushing.signal }).catch(() => {});
    }
    lanes.delete(key);
  };
  return {
    offer(key, trigger, receivedAt) {
      const lane = lanes.get(key);
      if (lane?.waiting) {
        if (lane.waiting.notifications >= options.maxWaiting) return false;
        lane.waiting.notifications++;
        return true;
      }
      const batch: Batch = { trigger, receivedAt, notifications: 1 };
      if (lane) {
        lane.waiting = batch;
        return true;
      }
      const fresh: Lane = { running: Promise.resolve(), waiting: batch };
      lanes.set(key, fresh);
      fresh.running = drain(key, fresh);
      return true;
    },
    async flush() {
      flushing.abort();
      while (lanes.size) await Promise.all([...lanes.values()].map((lane) => lane.running));
    },
  };
}
