import { CloutilityError } from './base.js';
import { RateLimitError } from './status.js';
import { ConnectionError, TimeoutError } from './transport.js';

/** One step of an enrollment and what happened in it. */
export interface EnrollStep {
  step: 'lock' | 'catalog' | 'consumer' | 'server' | 'node' | 'name' | 'activate' | 'read';
  outcome:
    | 'waited'
    | 'checked'
    | 'found'
    | 'created'
    | 'removed'
    | 'chosen'
    | 'given'
    | 'suggested'
    | 'activated'
    | 'already'
    | 'verified';
  detail: string;
}

/** One consumption unit that may be the machine being enrolled. */
export interface MachineCandidate {
  consumerId: number;
  name: string;
  /** The node name when its node is activated. */
  nodeName: string | undefined;
  /** `activated`: enrolled; `created`: a node that was never activated; `none`: no node. */
  node: 'activated' | 'created' | 'none';
}

/**
 * An enrollment stopped at `step`. `steps` says exactly what was done before; running the same
 * enrollment again continues from there without creating anything twice.
 */
export class EnrollmentError extends CloutilityError<{
  step: string;
  steps: readonly EnrollStep[];
  consumerId: number | undefined;
}> {
  static override readonly kind: string = 'EnrollmentError';
  declare readonly step: string;
  declare readonly steps: readonly EnrollStep[];
  declare readonly consumerId: number | undefined;

  constructor(
    name: string,
    step: string,
    steps: EnrollStep[],
    consumerId: number | undefined,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const done = steps.length ? steps.map((s) => `${s.step}: ${s.detail}`).join('; ') : 'nothing';
    const known = cause instanceof CloutilityError ? cause : undefined;
    const applied = known?.mayHaveBeenApplied ? ' The last write may have been applied.' : '';
    // A re-run as such only helps when the failure was passing; otherwise its cause comes first.
    const next = isPassing(cause)
      ? 'Run the same enrollment again to continue; it will not create a second consumption unit or node.'
      : 'Fix what the error says, then run the same enrollment again: it continues from there without creating a second consumption unit or node.';
    super({
      message: `Enrolling "${name}" stopped at "${step}": ${why}. Done so far: ${done}.${applied} ${next}`,
      status: known?.status,
      code: known?.code,
      mayHaveBeenApplied: known?.mayHaveBeenApplied,
      // The original error (redacted like every CloutilityError), so callers can tell a lost
      // connection from a refusal.
      cause,
      step,
      steps,
      consumerId,
    });
  }
}

/** A failure that may not happen again: a lost connection, a timeout, 429 or 5xx. */
function isPassing(error: unknown): boolean {
  if (!(error instanceof CloutilityError)) return false;
  const passing = [ConnectionError, TimeoutError, RateLimitError].some((c) => error instanceof c);
  return passing || error.mayHaveBeenApplied || (error.status ?? 0) >= 500;
}

/**
 * Enrollment found consumption units it must not choose between on its own: names that differ
 * from the requested one only by letter case (`reason: 'name-case'`: is it this machine?), or
 * several units with the name and not exactly one of them enrolled (`reason: 'duplicates'`).
 * Nothing was written. `candidates` lists every unit; `removable` the ids of the units without an
 * activated node that can be deleted (`consumers.delete` with `deleteAssociations: true`) so that
 * the next enrollment finds one.
 */
export class EnrollmentConflictError extends CloutilityError<Conflict> {
  static override readonly kind: string = 'EnrollmentConflictError';
  declare readonly reason: Conflict['reason'];
  declare readonly bunitId: number;
  declare readonly candidates: readonly MachineCandidate[];
  declare readonly removable: readonly number[];

  constructor(details: Conflict & { message: string }) {
    super({ ...details, code: 'EnrollmentConflict' });
  }
}

interface Conflict {
  reason: 'name-case' | 'duplicates';
  bunitId: number;
  candidates: readonly MachineCandidate[];
  removable: readonly number[];
}
