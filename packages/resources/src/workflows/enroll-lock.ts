/**
 * Locks that keep two enrollments of one machine from running at once. Within a process the lock
 * is a queue per key (always on); across processes an {@link EnrollLockProvider} adds a lock the
 * apps supply (a lock file: `@cloutapi/resources/enroll-file-lock`), so this module stays free of
 * `node:` imports and runs wherever fetch runs.
 */

/** A lock taken by {@link EnrollLockProvider.acquire}. */
export interface HeldEnrollLock {
  /** Gives the lock up; never throws. */
  release(): Promise<void>;
}

/** What {@link EnrollLockProvider.acquire} is told. */
export interface EnrollLockRequest {
  /** Stops waiting (the acquire rejects with the signal's reason). */
  signal?: AbortSignal | undefined;
  /**
   * The longest wait for a lock held by another process (a `TimeoutError`), when shorter than the
   * provider's own: the call's `timeoutMs`.
   */
  timeoutMs?: number | undefined;
  /** Called once when someone else holds the lock and this call starts waiting. */
  onWait?: (() => void) | undefined;
}

/**
 * Serialises enrollments of one machine across processes (for example with a lock file in a
 * folder of the user's). `acquire` waits until the lock named `key` is free and takes it.
 */
export interface EnrollLockProvider {
  acquire(key: string, request: EnrollLockRequest): Promise<HeldEnrollLock>;
}

/**
 * The lock key of one machine: its business unit and its name as enrollment compares names.
 *
 * No part of the portal's URL is in it: many spellings reach one portal (`localhost`, `[::1]`, a
 * DNS alias, a trailing `/v1`), so a URL in the key would let two runs make two units. The unit
 * id is what the portal makes unique. The cost is an over-lock: two portals with the same unit id
 * and machine name enrolling at once wait for each other.
 */
export function enrollLockKey(bunitId: number, name: string): string {
  return `${bunitId} ${normalizeMachineName(name)}`;
}

/** A machine name as enrollment compares names: trimmed, NFC, lower-case. */
export function normalizeMachineName(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

// Shared through globalThis so that two copies of this package in one process still queue.
const QUEUES = Symbol.for('@cloutapi/resources/enroll-queues');
const shared = globalThis as { [QUEUES]?: Map<string, Promise<void>> };
shared[QUEUES] ??= new Map();
const queues = shared[QUEUES];

/** Takes `key`'s lock in this process (arrival order), then the provider's; returns the release. */
export async function acquireEnrollLock(
  key: string,
  provider: EnrollLockProvider | undefined,
  request: EnrollLockRequest,
): Promise<() => Promise<void>> {
  const previous = queues.get(key);
  let releaseLocal!: () => void;
  const mine = new Promise<void>((resolve) => {
    releaseLocal = resolve;
  });
  // The next caller waits for the previous holder and then for this one.
  const tail = (previous ?? Promise.resolve()).then(() => mine);
  queues.set(key, tail);
  const freeLocal = () => {
    releaseLocal();
    if (queues.get(key) === tail) queues.delete(key);
  };
  try {
    if (previous) {
      request.onWait?.();
      await untilAborted(previous, request.signal);
    }
    request.signal?.throwIfAborted();
  } catch (error) {
    // Leave the queue without jumping it: this turn passes on once the previous holder is done.
    void previous?.then(freeLocal);
    throw error;
  }
  let held: HeldEnrollLock | undefined;
  try {
    held = await provider?.acquire(key, {
      signal: request.signal,
      timeoutMs: request.timeoutMs,
      onWait: previous ? undefined : request.onWait,
    });
  } catch (error) {
    freeLocal();
    throw error;
  }
  return async () => {
    try {
      await held?.release();
    } finally {
      freeLocal();
    }
  };
}

function untilAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
