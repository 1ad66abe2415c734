import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import type { CheckedEnrollInput, EnrollStage, EnrollStep } from './enroll.js';
import type { EnrollDefaults } from './enroll-defaults.js';

/** One enrollment under way: what it was asked, how it reads, and its step record. */
export interface Run {
  clout: Cloutility;
  input: CheckedEnrollInput;
  until: EnrollStage;
  pick: 'preferred' | 'first';
  call: CallOptions;
  defaults: EnrollDefaults;
  record: StepRecord;
}

/**
 * The step record: the step running now and what each step did. An enrollment that stops is
 * reported from it (which step, what was done, which consumption unit), so a re-run or a person
 * knows where it is.
 */
export interface StepRecord {
  running: EnrollStep['step'];
  steps: EnrollStep[];
  notes: string[];
  /** The consumption unit the run works on, once found or created. */
  consumerId: number | undefined;
  onStep: ((step: EnrollStep) => void) | undefined;
}

/** Runs one step: the record names it as running until the next one starts. */
export function step<T>(
  run: Run,
  name: EnrollStep['step'],
  work: () => T | Promise<T>,
): Promise<T> {
  run.record.running = name;
  return Promise.resolve(work());
}

/** Records what a step did (and reports it to `onStep`). */
export function say(
  run: Run,
  step: EnrollStep['step'],
  outcome: EnrollStep['outcome'],
  detail: string,
): void {
  const entry = { step, outcome, detail };
  run.record.steps.push(entry);
  run.record.onStep?.(entry);
}

/** Marks a promise as handled now (it is awaited later, maybe after it failed). */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
