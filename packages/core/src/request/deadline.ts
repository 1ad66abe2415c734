import { TimeoutError } from '../errors/transport.js';
import { APPLIED } from './failures.js';
import type { Call } from './prepare.js';

/**
 * The time one request may take, all attempts included (its backoffs and waits for a token too),
 * and the caller's signal: whatever ends the request early says how long it really took. The
 * clock runs from now.
 */
export function startBudget(call: Call) {
  const started = Date.now();
  const { deadlineMs, signal: caller } = call;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = anySignal(caller, deadline);
  const spent = (attempts: number) =>
    `${attempts} attempt${attempts === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  const check = (attempts: number, inFlight: boolean) => {
    if (caller?.aborted) throw caller.reason;
    if (!deadline.aborted) return;
    const maybe = inFlight && call.isWrite;
    throw new TimeoutError({
      message: `${call.where} did not finish within the deadline of ${deadlineMs} ms (${spent(attempts)}).${maybe ? ` ${APPLIED}` : ''}`,
      method: call.method,
      path: call.path,
      mayHaveBeenApplied: maybe,
    });
  };
  return {
    deadlineMs,
    /** Aborts when the caller's signal does or the deadline passes. */
    signal,
    /** What was spent so far, e.g. `2 attempts in 1.3 s`. */
    spent,
    /** Whether waiting `ms` more would reach the deadline. */
    outlasts: (ms: number) => Date.now() - started + ms >= deadlineMs,
    /** Throws the caller's abort reason, or a `TimeoutError` when the deadline has passed. */
    check,
    /** Waits `ms` before another attempt, unless the caller or the deadline stops it. */
    async wait(ms: number, attempts: number) {
      try {
        await sleep(ms, signal);
      } catch (caught) {
        check(attempts, false);
        throw caught;
      }
    },
  };
}

/** Both signals in one, or the one that is given. */
export function anySignal(
  a: AbortSignal | undefined,
  b: AbortSignal | undefined,
): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

export type Budget = ReturnType<typeof startBudget>;

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
