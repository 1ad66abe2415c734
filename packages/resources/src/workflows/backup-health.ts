import pLimit from 'p-limit';
import { z } from 'zod';
import { type CallOptions, callOptionsOf } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { bunitId } from '../inputs.js';
import type { Consumer, Job } from '../models/index.js';
import { validateWith } from '../validate.js';
import { AtRiskInput, type AtRiskRule, atRiskRule, IntervalInput } from './at-risk.js';
import { checkMachine, messageOf, unreadable, warningNames } from './machine-health.js';
import { type FlatUnit, flattenTree } from './tree.js';

/** Health categories, worst first: the order machines are listed in. */
export const HEALTH_CATEGORIES = [
  'failed',
  'never',
  'at-risk',
  'unknown',
  'warning',
  'not-activated',
  'excluded',
  'ok',
] as const;

/**
 * A machine's backup health:
 * - `failed`: the latest report says the backup failed;
 * - `never`: activated, but no backup has ever completed;
 * - `at-risk`: no successful backup within its at-risk interval (IBM Storage Protect's rule: 24 h
 *   by default, per operating system or node type; see `at-risk.ts`);
 * - `unknown`: the machine could not be read (see `error`);
 * - `warning`: the latest report has warnings;
 * - `not-activated`: the backup node was created but never activated;
 * - `excluded`: not watched (bypassed by name, node name or tag, or the portal allows it no
 *   activity);
 * - `ok`: backed up recently, no warnings.
 */
export type HealthCategory = (typeof HEALTH_CATEGORIES)[number];

/** Counts per category. */
export type HealthCounts = Record<HealthCategory, number>;

/** Input of {@link backupHealth}; strict, shared with the MCP tool and the CLI command. */
export const BackupHealthInput = z.strictObject({
  bunitId: bunitId.optional().describe('Business unit to check; default your home unit'),
  includeSubUnits: z
    .boolean()
    .default(true)
    .describe('Also check the units below it (default true)'),
  ...AtRiskInput,
  staleAfter: IntervalInput.optional().describe('The older name of atRiskAfter'),
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(64)
    .default(8)
    .describe('Requests in flight at most (default 8)'),
});
export type BackupHealthInput = z.input<typeof BackupHealthInput>;

/** One warning of a machine's latest report, named when the warning types could be read. */
export interface HealthWarning {
  /** The warning type id, when the server gave one. */
  typeId?: number;
  /** The type's name, or `warning type <id>` when the names could not be read. */
  name: string;
  /** 2 for an error-level warning, 1 otherwise. */
  level: number;
  days?: number;
  limit?: number;
}

/** The health of one machine (a consumption unit with a backup node). */
export interface MachineHealth {
  category: HealthCategory;
  /** Why, in a few words (e.g. "Failed backup (1 day)", "no successful backup for 3 days"). */
  reason: string;
  bunitId: number;
  unitName: string;
  /** Unit names from the checked root down to the machine's unit. */
  unitPath: string[];
  consumerId: number;
  /** The consumption unit's name. */
  name: string;
  nodeId?: number;
  /** The backup node name (`tsmName`), once activated. */
  nodeName?: string;
  activated: boolean;
  /** The latest report's status as the server words it (e.g. `OK`, `Warning`, `Error`). */
  reportStatus?: string;
  reportDate?: string;
  /** When the last successful backup completed. */
  lastSuccess?: string;
  /** Milliseconds from `lastSuccess` to the run's `now`. */
  lastSuccessAgeMs?: number;
  /** The at-risk interval that applies to this machine (its type's, or the default). */
  atRiskAfterMs?: number;
  /** Bytes transferred by the last backup, from the latest report. */
  transferredMegaBytes?: number;
  warnings: HealthWarning[];
  /** Data stored on the backup server, from the latest report. */
  storedMegaBytes?: number;
  /** Change of the stored data since the report before. */
  changedMegaBytes?: number;
  /** The latest backup job, read for failed machines: what failed and how. */
  lastJob?: Pick<Job, 'id' | 'name' | 'completed' | 'failedFiles' | 'result'> & { status?: string };
  /** Why the machine could not be read (`unknown` only). */
  error?: string;
}

/** One business unit's tally. */
export interface UnitHealth {
  id: number;
  name: string;
  path: string[];
  depth: number;
  /** Machines (consumption units with a backup node). */
  machines: number;
  /** Consumption units without a backup node, which are not checked. */
  withoutNode: number;
  counts: HealthCounts;
  storedMegaBytes: number;
  /** Why the unit's machines could not be listed, when they could not. */
  error?: string;
}

/** What {@link backupHealth} found. */
export interface BackupHealthResult {
  /** The `now` ages were computed from (ISO 8601). */
  checkedAt: string;
  /** The at-risk interval of a machine no per-type interval names. */
  atRiskAfterMs: number;
  /** Units in tree order (parents before children). */
  units: UnitHealth[];
  /** Every machine, worst first. */
  machines: MachineHealth[];
  counts: HealthCounts;
  /** Requests sent, by operation name. */
  requests: Record<string, number>;
  /** Things the reader should know (degraded lookups, unreadable units). */
  notes: string[];
}

/** A progress report: `done` of `total` steps (units listed, then machines checked). */
export interface HealthProgress {
  done: number;
  /** Grows as units are listed and their machines become known. */
  total: number;
  /** What was just done, e.g. `listed Acme Corporation` or `checked acme-dc01`. */
  message: string;
}

/** Per-run options of {@link backupHealth}. */
export interface BackupHealthOptions extends CallOptions {
  /** Called after each unit listed and each machine checked. */
  onProgress?: (progress: HealthProgress) => void;
  /** The time ages are measured from; default the real clock. */
  now?: Date;
  /**
   * Read the last job of each failed or never backed up machine, for what failed (default true).
   * An exporter that shows no job leaves it out: a request less for each such machine.
   */
  lastJobs?: boolean;
}

const emptyCounts = (): HealthCounts =>
  Object.fromEntries(HEALTH_CATEGORIES.map((c) => [c, 0])) as HealthCounts;

/**
 * Answers the morning question for a unit tree: which machines did not back up, since when and
 * why. Reads the tree, each unit's consumption units (`latestRestorePoint`: the last good backup)
 * and each activated machine's latest report; only machines that need attention cost more (their
 * jobs), and the warning type names are read once, when needed. At most `concurrency` requests
 * are in flight (reads retry as the core client does). An unreadable machine is `unknown`, an
 * unlistable unit is noted, unnamed warning types show ids: only a failed tree read, bad input or
 * the signal end the run. Three stages: validate the input, schedule the reads, aggregate.
 *
 * @example
 * ```ts
 * const health = await backupHealth(clout, { atRiskAfter: '24h', exclude: ['tag:lab'] });
 * for (const m of health.machines.filter(needsAttention))
 *   console.log(`${m.category} ${m.unitName} / ${m.name}: ${m.reason}`);
 * ```
 */
export async function backupHealth(
  clout: Cloutility,
  input: BackupHealthInput = {},
  options: BackupHealthOptions = {},
): Promise<BackupHealthResult> {
  const args = validateWith(BackupHealthInput, input, 'backup health');
  const run = startRun(clout, args.concurrency, atRiskRule(args), options);
  try {
    return aggregate(run, await checkUnits(run, await readUnits(run, args)));
  } finally {
    run.stop();
  }
}

/** What every stage of one run shares: the client, the clock, the request pool, the tallies. */
type Run = ReturnType<typeof startRun>;

function startRun(
  clout: Cloutility,
  concurrency: number,
  rule: AtRiskRule,
  options: BackupHealthOptions,
) {
  const { signal, onProgress, now = new Date(), lastJobs = true } = options;
  const call: CallOptions = callOptionsOf(options);
  const requests: Record<string, number> = {};
  const count = (name: string) => {
    requests[name] = (requests[name] ?? 0) + 1;
  };
  const notes: string[] = [];
  const limit = pLimit(concurrency);
  // An aborted run starts nothing more: what is queued is dropped.
  const onAbort = () => limit.clearQueue();
  signal?.addEventListener('abort', onAbort, { once: true });
  let done = 0;
  let total = 0;
  return {
    clout,
    now: now.getTime(),
    rule,
    lastJobs,
    call,
    count,
    names: warningNames(clout, call, count, notes),
    limit,
    signal,
    requests,
    notes,
    /** `more` steps became known (units to list, machines to check). */
    expect: (more: number) => {
      total += more;
    },
    /** A step was done. */
    progress: (message: string) => onProgress?.({ done: ++done, total, message }),
    stop: () => signal?.removeEventListener('abort', onAbort),
  };
}

/** Stage 1: the unit tree, flattened (the root alone without `includeSubUnits`). */
async function readUnits(run: Run, args: z.output<typeof BackupHealthInput>): Promise<FlatUnit[]> {
  run.signal?.throwIfAborted();
  run.count('bunits.tree');
  const tree = await run.clout.bunits.tree(
    args.bunitId === undefined ? undefined : { bunitId: args.bunitId },
    run.call,
  );
  const flat = flattenTree(tree);
  const units = args.includeSubUnits ? flat : flat.slice(0, 1);
  run.expect(units.length);
  return units;
}

/** Stage 2: each unit listed, its machines checked once it is; `concurrency` requests at most. */
async function checkUnits(run: Run, units: FlatUnit[]) {
  const machines: MachineHealth[] = [];
  const checks: Promise<void>[] = [];
  const listed = await Promise.all(
    units.map((unit) =>
      run.limit(async () => {
        const { health, withNode } = await listUnit(run, unit);
        run.expect(withNode.length);
        run.progress(health.error ? `could not list ${unit.name}` : `listed ${unit.name}`);
        for (const consumer of withNode)
          checks.push(
            run.limit(async () => {
              machines.push(await checkOne(run, unit, consumer));
            }),
          );
        return health;
      }),
    ),
  );
  await Promise.all(checks);
  return { units: listed, machines };
}

/** A unit's tally, its machines not counted yet, and its machines (consumption units with a node). */
async function listUnit(run: Run, unit: FlatUnit) {
  run.signal?.throwIfAborted();
  const { id, name, path, depth } = unit;
  const health: UnitHealth = {
    id,
    name,
    path,
    depth,
    machines: 0,
    withoutNode: 0,
    counts: emptyCounts(),
    storedMegaBytes: 0,
  };
  const consumers: Consumer[] = [];
  try {
    run.count('consumers.list');
    for await (const c of run.clout.consumers.list.iterate(id, {}, run.call)) consumers.push(c);
  } catch (error) {
    if (run.signal?.aborted) throw error;
    health.error = messageOf(error);
    run.notes.push(`Unit ${name} (#${id}) could not be listed: ${health.error}`);
    return { health, withNode: [] };
  }
  const withNode = consumers.filter((c) => c.node !== undefined && c.id !== undefined);
  health.machines = withNode.length;
  health.withoutNode = consumers.length - withNode.length;
  return { health, withNode };
}

/** One machine checked; one that cannot be read is `unknown`, unless the run was stopped. */
async function checkOne(run: Run, unit: FlatUnit, consumer: Consumer): Promise<MachineHealth> {
  run.signal?.throwIfAborted();
  const machine = await checkMachine(run.clout, unit, consumer, run).catch((error: unknown) => {
    if (run.signal?.aborted) throw error;
    return unreadable(unit, consumer, error);
  });
  run.progress(`checked ${machine.name}`);
  return machine;
}

/** Stage 3: machines worst first, and the counts per category, per unit and overall. */
function aggregate(
  run: Run,
  found: { units: UnitHealth[]; machines: MachineHealth[] },
): BackupHealthResult {
  const units = new Map(found.units.map((u) => [u.id, u]));
  const machines = found.machines.sort(worstFirst);
  const counts = emptyCounts();
  for (const m of machines) {
    counts[m.category]++;
    const unit = units.get(m.bunitId);
    if (!unit) continue;
    unit.counts[m.category]++;
    unit.storedMegaBytes += m.storedMegaBytes ?? 0;
  }
  const { now, rule, requests, notes } = run;
  const checkedAt = new Date(now).toISOString();
  const atRiskAfterMs = rule.defaultMs;
  return { checkedAt, atRiskAfterMs, units: found.units, machines, counts, requests, notes };
}

/** Worst category first; within one, the oldest last success first, then by unit and name. */
function worstFirst(a: MachineHealth, b: MachineHealth): number {
  return (
    HEALTH_CATEGORIES.indexOf(a.category) - HEALTH_CATEGORIES.indexOf(b.category) ||
    (b.lastSuccessAgeMs ?? Number.POSITIVE_INFINITY) -
      (a.lastSuccessAgeMs ?? Number.POSITIVE_INFINITY) ||
    a.unitPath.join('/').localeCompare(b.unitPath.join('/')) ||
    a.name.localeCompare(b.name)
  );
}

/** A run's overall state, as a monitoring check reports it. */
export type HealthStatus = 'ok' | 'warning' | 'critical' | 'unknown';

/**
 * What a category means to a monitoring system (one rule for the plugin line, the metrics and the
 * exporter): failed, never backed up and at risk are `critical`; unreadable is `unknown`;
 * warnings and nodes never activated are `warning`; bypassed and fine are `ok`.
 */
export function categoryStatus(category: HealthCategory): HealthStatus {
  if (category === 'failed' || category === 'never' || category === 'at-risk') return 'critical';
  if (category === 'unknown') return 'unknown';
  if (category === 'warning' || category === 'not-activated') return 'warning';
  return 'ok';
}

/** Whether a machine needs attention: its category is not fine or bypassed on purpose. */
export function needsAttention(machine: Pick<MachineHealth, 'category'>): boolean {
  return categoryStatus(machine.category) !== 'ok';
}

/**
 * The overall state of a run, by the monitoring plugin convention (Nagios/Icinga): `critical`
 * when a machine failed, never backed up or is at risk; else `unknown` when a machine or unit
 * could not be read; else `warning` for warnings and nodes never activated; else `ok`.
 */
export function healthStatus(result: Pick<BackupHealthResult, 'counts' | 'units'>): HealthStatus {
  const present = HEALTH_CATEGORIES.filter((k) => result.counts[k] > 0).map(categoryStatus);
  if (present.includes('critical')) return 'critical';
  if (present.includes('unknown') || result.units.some((u) => u.error !== undefined))
    return 'unknown';
  return present.includes('warning') ? 'warning' : 'ok';
}

/** What changed for one machine between two checks. */
export interface HealthChange {
  /** `changed`: its category moved; `appeared`: a machine the last check did not have; `gone`: one it had. */
  kind: 'changed' | 'appeared' | 'gone';
  /** The category before (`changed`, `gone`). */
  from?: HealthCategory;
  /** The category now (`changed`, `appeared`). */
  to?: HealthCategory;
  /** The machine as the newer check saw it (the older one's for `gone`). */
  machine: MachineHealth;
}

/**
 * What changed between two checks of the same units, machine by machine (by unit and consumption
 * unit id): a category that moved, a machine that appeared or went. A machine whose category
 * stayed is no change, whatever else moved (its age grows at every check). Worst first.
 */
export function healthChanges(
  before: Pick<BackupHealthResult, 'machines'>,
  after: Pick<BackupHealthResult, 'machines'>,
): HealthChange[] {
  const key = (m: MachineHealth) => `${m.bunitId}/${m.consumerId}`;
  const old = new Map(before.machines.map((m) => [key(m), m]));
  const changes: HealthChange[] = [];
  for (const machine of after.machines) {
    const was = old.get(key(machine));
    old.delete(key(machine));
    if (!was) changes.push({ kind: 'appeared', to: machine.category, machine });
    else if (was.category !== machine.category)
      changes.push({ kind: 'changed', from: was.category, to: machine.category, machine });
  }
  for (const machine of old.values())
    changes.push({ kind: 'gone', from: machine.category, machine });
  return changes.sort((a, b) => worstFirst(a.machine, b.machine));
}
