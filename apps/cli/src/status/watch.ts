import { setTimeout as sleep } from 'node:timers/promises';
import { type BackupHealthResult, type HealthChange, healthChanges } from '@cloutapi/resources';

/** Options of {@link watchHealth}. */
export interface WatchOptions {
  /** One check of the portal. */
  read(signal: AbortSignal): Promise<BackupHealthResult>;
  /** Time between the starts of two checks. */
  intervalMs: number;
  /** The first check, the baseline changes are measured from. */
  onBaseline(result: BackupHealthResult): void;
  /** What changed since the check before (called only when something did). */
  onChanges(changes: HealthChange[], result: BackupHealthResult): void;
  /** A check that failed: the next one compares with the last good one. */
  onError(error: unknown): void;
  signal: AbortSignal;
}

/**
 * `cloutapi status --watch`: checks every `intervalMs`, one check at a time, and reports what
 * changed since the last good check (see `healthChanges` of resources) until the signal aborts.
 */
export async function watchHealth(options: WatchOptions): Promise<void> {
  let last: BackupHealthResult | undefined;
  while (!options.signal.aborted) {
    const started = Date.now();
    try {
      const result = await options.read(options.signal);
      if (!last) options.onBaseline(result);
      else {
        const changes = healthChanges(last, result);
        if (changes.length) options.onChanges(changes, result);
      }
      last = result;
    } catch (error) {
      if (options.signal.aborted) return;
      options.onError(error);
    }
    const wait = Math.max(0, options.intervalMs - (Date.now() - started));
    await sleep(wait, undefined, { signal: options.signal }).catch(() => undefined);
  }
}
