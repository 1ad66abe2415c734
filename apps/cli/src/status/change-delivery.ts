import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HealthChange } from '@cloutapi/resources';

/** One change as it is printed (`--json`) and posted: the event's JSON body. */
export function changeEvent(change: HealthChange, at: string) {
  const m = change.machine;
  return {
    type: 'backup.changed',
    at,
    change: change.kind,
    ...(change.from === undefined ? {} : { from: change.from }),
    ...(change.to === undefined ? {} : { to: change.to }),
    machine: {
      name: m.name,
      unit: m.unitName,
      bunitId: m.bunitId,
      consumerId: m.consumerId,
      ...(m.nodeName ? { node: m.nodeName } : {}),
      reason: m.reason,
      ...(m.lastSuccess ? { lastSuccess: m.lastSuccess } : {}),
    },
  };
}
export type ChangeEvent = ReturnType<typeof changeEvent>;

/** Options of {@link createChangeDelivery}. */
export interface DeliveryOptions {
  url: string;
  /** The HMAC-SHA256 key of the signature header. */
  secret: string;
  userAgent: string;
  log(line: string): void;
  /** Tries of one event, the first included (default 6: about a minute of backoff). */
  attempts?: number;
  /** The first wait between tries, doubled after each (default 1 s). */
  firstDelayMs?: number;
  /** Events waiting at most; past it the oldest is dropped, and said (default 1000). */
  maxQueued?: number;
}

/** The header that signs a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SIGNATURE_HEADER = 'x-cloutapi-signature';

/** The signature of a body at a time, as the header carries it (receivers recompute it). */
export function signBody(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Posts each change as JSON to a URL, one at a time and in order, signed (see
 * {@link signBody}), each with a delivery id that its retries keep (a receiver drops repeats).
 * A refused or unreachable receiver is tried again with a doubling wait; a 4xx other than 408 and
 * 429 is not. It runs beside the refreshes and never holds one up: `send` only queues.
 */
export function createChangeDelivery(options: DeliveryOptions) {
  const attempts = options.attempts ?? 6;
  const firstDelay = options.firstDelayMs ?? 1000;
  const maxQueued = options.maxQueued ?? 1000;
  const queue: ChangeEvent[] = [];
  const stopped = new AbortController();
  let running: Promise<void> | undefined;

  const deliver = async (event: ChangeEvent) => {
    const body = JSON.stringify(event);
    const id = randomUUID();
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await postOnce(options, body, id, stopped.signal);
      if (outcome === 'done' || outcome === 'refused' || stopped.signal.aborted) {
        if (outcome === 'refused')
          options.log(`the receiver refused ${event.machine.name}'s change; not sent again`);
        return;
      }
      if (attempt === attempts) {
        options.log(
          `gave up on ${event.machine.name}'s change after ${attempts} tries (${outcome})`,
        );
        return;
      }
      await sleep(firstDelay * 2 ** (attempt - 1), undefined, { signal: stopped.signal }).catch(
        () => undefined,
      );
    }
  };
  const drain = async () => {
    for (let event = queue.shift(); event && !stopped.signal.aborted; event = queue.shift())
      await deliver(event);
    running = undefined;
  };
  return {
    send(events: readonly ChangeEvent[]) {
      queue.push(...events);
      const dropped = queue.length - maxQueued;
      if (dropped > 0) {
        queue.splice(0, dropped);
        options.log(
          `${dropped} change(s) dropped: the receiver is behind by more than ${maxQueued}`,
        );
      }
      running ??= drain();
    },
    /** Resolves when every queued change has been delivered or given up. */
    idle: () => running ?? Promise.resolve(),
    /** Stops: what is queued is not sent. */
    close() {
      stopped.abort();
      return running ?? Promise.resolve();
    },
  };
}

/** One POST: `done`, `refused` (do not retry), or why it may work later. */
async function postOnce(
  options: DeliveryOptions,
  body: string,
  id: string,
  stop: AbortSignal,
): Promise<'done' | 'refused' | string> {
  try {
    const res = await fetch(options.url, {
      method: 'POST',
      body,
      // A signed body goes where it was sent, never where a redirect points.
      redirect: 'error',
      signal: AbortSignal.any([stop, AbortSignal.timeout(10_000)]),
      headers: {
        'content-type': 'application/json',
        'user-agent': options.userAgent,
        'x-cloutapi-event': 'backup.changed',
        'x-cloutapi-delivery': id,
        [SIGNATURE_HEADER]: signBody(options.secret, body, Math.floor(Date.now() / 1000)),
      },
    });
    await res.body?.cancel();
    if (res.ok) return 'done';
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
      return 'refused';
    return `HTTP ${res.status}`;
  } catch (error) {
    return (error as Error).message;
  }
}
