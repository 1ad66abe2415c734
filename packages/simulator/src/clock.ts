import type { SimulatorClock } from './types.js';

/**
 * Creates a clock. By default it runs in real time (the system time plus whatever was added with
 * `advance`/`set`); `frozen: true` makes it stand still until `advance` or `set` moves it, which
 * gives tests exact timestamps.
 */
export function createClock(opts: { now?: Date | string; frozen?: boolean } = {}): SimulatorClock {
  const start = opts.now === undefined ? Date.now() : toMillis(opts.now);
  if (opts.frozen) {
    let current = start;
    return {
      now: () => new Date(current),
      advance: (ms) => {
        current += checkedMs(ms);
      },
      set: (date) => {
        current = toMillis(date);
      },
    };
  }
  let offset = start - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += checkedMs(ms);
    },
    set: (date) => {
      offset = toMillis(date) - Date.now();
    },
  };
}

function toMillis(date: Date | string): number {
  const ms = typeof date === 'string' ? Date.parse(date) : date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not a valid date: ${String(date)}`);
  return ms;
}

function checkedMs(ms: number): number {
  if (!Number.isFinite(ms))
    throw new RangeError(`Clock advance must be a finite number, got ${ms}`);
  return ms;
}
