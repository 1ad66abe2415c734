import pLimit from 'p-limit';
import type { Cloutility } from '../cloutility.js';
import {
  type EnrollInput,
  type EnrollOptions,
  type EnrollResult,
  enrollMachine,
} from './enroll.js';
import { enrollDefaults } from './enroll-defaults.js';
import { normalizeMachineName } from './enroll-lock.js';

/** The outcome of one machine in a bulk enrollment. */
export type EnrollManyOutcome =
  | { index: number; input: EnrollInput; ok: true; result: EnrollResult }
  | {
      index: number;
      input: EnrollInput;
      ok: false;
      error: Error;
      /** Never started: `stopSignal` fired before its turn (nothing was sent for it). */
      notStarted?: true;
    };

/** Options of {@link enrollMany}. */
export interface EnrollManyOptions extends Omit<EnrollOptions, 'onStep'> {
  /** Machines enrolled at once (default 8). */
  concurrency?: number;
  /** Called as each machine finishes, in completion order. */
  onResult?: (outcome: EnrollManyOutcome) => void;
  /**
   * Stops taking new machines when it fires (Ctrl-C): the machines in flight finish (a half-made
   * enrollment is worse than a finished one); the others are reported as `notStarted`. Unlike
   * `signal`, it cancels no request.
   */
  stopSignal?: AbortSignal;
}

/**
 * Enrolls many machines with bounded concurrency. One machine's failure does not stop the others;
 * each outcome says what happened. Like {@link enrollMachine}, re-running the same list completes
 * what failed without duplicates, and two runs at once (with `lock` across processes) do not
 * enroll a machine twice. The catalog and each unit's server defaults are read once for the whole
 * run. Two rows naming the same machine in the same unit (whatever the letter case) are one
 * machine: the later row fails without being sent.
 */
export async function enrollMany(
  clout: Cloutility,
  inputs: readonly EnrollInput[],
  options: EnrollManyOptions = {},
): Promise<EnrollManyOutcome[]> {
  const { concurrency = 8, onResult, stopSignal, ...rest } = options;
  const call = { ...rest, defaults: rest.defaults ?? enrollDefaults(clout) };
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError('enrollMany: concurrency must be an integer >= 1');
  const outcomes: EnrollManyOutcome[] = new Array(inputs.length);
  const seen = new Map<string, number>();
  const finish = (outcome: EnrollManyOutcome) => {
    outcomes[outcome.index] = outcome;
    onResult?.(outcome);
  };
  const fail = (index: number, error: unknown, notStarted?: true) => {
    const input = inputs[index] as EnrollInput;
    const reason = error instanceof Error ? error : new Error(String(error));
    finish({ index, input, ok: false, error: reason, ...(notStarted ? { notStarted } : {}) });
  };
  const queue: number[] = [];
  inputs.forEach((input, index) => {
    const key = `${input.bunitId}/${normalizeMachineName(String(input.name))}`;
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, index);
      queue.push(index);
    } else {
      const where = `"${input.name}" in unit ${input.bunitId}`;
      fail(index, new Error(`the same machine as row ${earlier + 1} (${where})`));
    }
  });
  // A machine whose turn comes after stopSignal fired is skipped here and reported below, once
  // the machines in flight have finished.
  const started = new Set<number>();
  await pLimit(concurrency).map(queue, async (index) => {
    if (stopSignal?.aborted) return;
    started.add(index);
    const input = inputs[index] as EnrollInput;
    try {
      finish({ index, input, ok: true, result: await enrollMachine(clout, input, call) });
    } catch (error) {
      fail(index, error);
    }
  });
  for (const index of queue)
    if (!started.has(index))
      fail(index, new Error('not started: the run was stopped before this machine'), true);
  return outcomes;
}
