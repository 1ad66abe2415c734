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
}

/** The burst coalescer of the webhook receiver. */
export interface Coalescer {
  /** Takes a notification for `key`: false when too many wait already (answer 503). */
  offer(key: string, trigger: unknown, receivedAt: Date): boolean;
  /** Resolves when no fetch runs nor waits. */
  idle(): Promise<void>;
}

interface Lane {
  running: Promise<void>;
  waiting: Batch | undefined;
}

/**
 * One fetch per key (a unit) in flight, and at most one waiting behind it that gathers every
 * notification of a burst: 300 notifications at once make two fetches, not 300. A notification
 * that comes during a fetch is never lost: the data may be newer, so the waiting batch fetches
 * again once the running one is done.
 */
export function createCoalescer(options: CoalescerOptions): Coalescer {
  const lanes = new Map<string, Lane>();
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
    async idle() {
      while (lanes.size) await Promise.all([...lanes.values()].map((lane) => lane.running));
    },
  };
}
