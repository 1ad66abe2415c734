import { CloutilityError, NotFoundError, ValidationError } from '@cloutapi/core';
import pLimit from 'p-limit';
import { z } from 'zod';
import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { bunitId } from '../inputs.js';
import type { Consumer, Job, NodeReport } from '../models/index.js';
import { toIssues } from '../validate.js';
import { parseDuration } from './duration.js';
import { type FlatUnit, flattenTree } from './tree.js';

/** Health categories, worst first: the order machines are listed in. */
export const HEALTH_CATEGORIES = [
  'failed',
  'never',
  'stale',
  'unknown',
  'warning',
  'not-activated',
  'ok',
] as const;

/**
 * A machine's backup health:
 * - `failed`: the latest report says the backup failed;
 * - `never`: activated, but no backup has ever completed;
 * - `stale`: no successful backup within `staleAfter`;
 * - `unknown`: the machine could not be read (see `error`);
 * - `warning`: the latest report has warnings;
 * - `not-activated`: the backup node was created but never activated;
 * - `ok`: backed up recently, no warnings.
 */
export type HealthCategory = (typeof HEALTH_CATEGORIES)[number];

/** Counts per category. */
export type HealthCounts = Record<HealthCategory, number>;

/** Default `staleAfter`: 36 hours, a missed night plus a margin. */
export const DEFAULT_STALE_AFTER_MS = 36 * 3_600_000;

/** Input of {@link backupHealth}; strict, shared with the MCP tool and the CLI command. */
export const BackupHealthInput = z.strictObject({
  bunitId: bunitId.optional().describe('Business unit to check; default your home unit'),
  includeSubUnits: z
    .boolean()
    .default(true)
    .describe('Also check the units below it (default true)'),
  staleAfter: z
    .union([z.number().int().min(60_000), z.string().min(2).max(20)])
    .default(DEFAULT_STALE_AFTER_MS)
    .describe(
      'A machine with no successful backup for longer is stale: milliseconds, or a duration such as 36h, 2d, 90m (default 36h)',
    ),
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
  warnings: HealthWarning[];
  /** Data stored on the backup server, from the latest report. */
  storedMegaBytes?: number;
  /** Change of the stored data since the report before. */
  changedMegaBytes?: number;
  /** The latest backup job, read for failed machines: what failed and how. */
  lastJob?: {
    id?: number;
    name?: string;
    status?: string;
    completed?: string;
    failedFiles?: number;
    result?: number;
  };
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
  staleAfterMs: number;
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
}

const DAY = 86_400_000;
const emptyCounts = (): HealthCounts =>
  Object.fromEntries(HEALTH_CATEGORIES.map((c) => [c, 0])) as HealthCounts;

/**
 * Answers the morning question for a unit tree: which machines did not back up, since when and
 * why. Reads the unit tree, then per unit its consumption units (whose `latestRestorePoint` is
 * the last successful backup), then per activated machine its latest report; only machines that
 * need attention cost more (the first job and recent jobs when the last success is unknown, the
 * last day's jobs of a failed one), and the warning type names are read once when a warning
 * needs a name. At most `concurrency` requests are in flight; reads retry transient failures
 * and 429s after their `Retry-After` (the core client does). A machine that cannot be read is
 * `unknown` with the error, a unit that cannot be listed is noted, and a missing warning type
 * list shows ids: only a failed tree read, bad input or the signal end the run.
 *
 * @example
 * ```ts
 * const health = await backupHealth(clout, { staleAfter: '36h' });
 * for (const m of health.machines.filter((m) => m.category !== 'ok'))
 *   console.log(`${m.category} ${m.unitName} / ${m.name}: ${m.reason}`);
 * ```
 */
export async function backupHealth(
  clout: Cloutility,
  input: BackupHealthInput = {},
  options: BackupHealthOptions = {},
): Promise<BackupHealthResult> {
  const parsed = BackupHealthInput.safeParse(input);
  if (!parsed.success) {
    const issues = toIssues(parsed.error, Object.keys(BackupHealthInput.shape), input);
    throw new ValidationError({
      message: `backup health: invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    });
  }
  const args = parsed.data;
  const staleAfterMs =
    typeof args.staleAfter === 'number' ? args.staleAfter : parseDuration(args.staleAfter);
  if (staleAfterMs === undefined || staleAfterMs < 60_000) {
    throw new ValidationError({
      message: `backup health: invalid input: staleAfter: expected a duration of at least a minute such as 36h, 2d or 90m, got ${JSON.stringify(args.staleAfter)}`,
      issues: [{ path: 'staleAfter', message: 'expected a duration such as 36h, 2d or 90m' }],
    });
  }
  const now = (options.now ?? new Date()).getTime();
  const { signal } = options;
  const call: CallOptions = { ...(signal ? { signal } : {}) };
  if (options.timeoutMs !== undefined) call.timeoutMs = options.timeoutMs;
  const requests: Record<string, number> = {};
  const count = (name: string) => {
    requests[name] = (requests[name] ?? 0) + 1;
  };
  const notes: string[] = [];
  const limit = pLimit(args.concurrency);
  const onAbort = () => limit.clearQueue();
  signal?.addEventListener('abort', onAbort, { once: true });
  let done = 0;
  let total = 0;
  const progress = (message: string) => options.onProgress?.({ done: ++done, total, message });

  try {
    signal?.throwIfAborted();
    count('bunits.tree');
    const tree = await clout.bunits.tree(
      args.bunitId === undefined ? undefined : { bunitId: args.bunitId },
      call,
    );
    const flat = flattenTree(tree);
    const units = args.includeSubUnits ? flat : flat.slice(0, 1);
    total = units.length;
    const unitHealth = new Map<number, UnitHealth>(
      units.map((u) => [
        u.id,
        {
          id: u.id,
          name: u.name,
          path: u.path,
          depth: u.depth,
          machines: 0,
          withoutNode: 0,
          counts: emptyCounts(),
          storedMegaBytes: 0,
        },
      ]),
    );
    const names = warningNames(clout, call, count, notes);
    const machines: MachineHealth[] = [];
    const checks: Promise<void>[] = [];

    await Promise.all(
      units.map((unit) =>
        limit(async () => {
          signal?.throwIfAborted();
          const health = unitHealth.get(unit.id)!;
          let consumers: Consumer[];
          try {
            count('consumers.list');
            consumers = [];
            for await (const c of clout.consumers.list.iterate(unit.id, {}, call))
              consumers.push(c);
          } catch (error) {
            if (signal?.aborted) throw error;
            health.error = messageOf(error);
            notes.push(`Unit ${unit.name} (#${unit.id}) could not be listed: ${health.error}`);
            progress(`could not list ${unit.name}`);
            return;
          }
          const withNode = consumers.filter((c) => c.node !== undefined && c.id !== undefined);
          health.withoutNode = consumers.length - withNode.length;
          health.machines = withNode.length;
          total += withNode.length;
          progress(`listed ${unit.name}`);
          for (const consumer of withNode) {
            checks.push(
              limit(async () => {
                signal?.throwIfAborted();
                const machine = await checkMachine(clout, unit, consumer, {
                  now,
                  staleAfterMs,
                  call,
                  count,
                  names,
                }).catch((error: unknown) => {
                  if (signal?.aborted) throw error;
                  return unreadable(unit, consumer, error);
                });
                machines.push(machine);
                progress(`checked ${machine.name}`);
              }),
            );
          }
        }),
      ),
    );
    await Promise.all(checks);

    machines.sort(worstFirst);
    const counts = emptyCounts();
    for (const m of machines) {
      counts[m.category]++;
      const unit = unitHealth.get(m.bunitId);
      if (!unit) continue;
      unit.counts[m.category]++;
      unit.storedMegaBytes += m.storedMegaBytes ?? 0;
    }
    return {
      checkedAt: new Date(now).toISOString(),
      staleAfterMs,
      units: [...unitHealth.values()],
      machines,
      counts,
      requests,
      notes,
    };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

interface CheckContext {
  now: number;
  staleAfterMs: number;
  call: CallOptions;
  count: (operation: string) => void;
  names: () => Promise<Map<number, string> | undefined>;
}

async function checkMachine(
  clout: Cloutility,
  unit: FlatUnit,
  consumer: Consumer,
  ctx: CheckContext,
): Promise<MachineHealth> {
  const consumerId = consumer.id as number;
  const node = consumer.node;
  const activated =
    Boolean(node?.tsmName) || /^active$/i.test(consumer.dataSourceState?.name ?? '');
  const base: MachineHealth = {
    category: 'ok',
    reason: '',
    bunitId: unit.id,
    unitName: unit.name,
    unitPath: unit.path,
    consumerId,
    name: consumer.name ?? `#${consumerId}`,
    ...(node?.id === undefined ? {} : { nodeId: node.id }),
    ...(node?.tsmName ? { nodeName: node.tsmName } : {}),
    activated,
    warnings: [],
  };
  if (!activated) {
    return {
      ...base,
      category: 'not-activated',
      reason: 'backup node created but not activated',
    };
  }

  ctx.count('reports.latest');
  const report = await orUndefined(clout.reports.latest(unit.id, consumerId, {}, ctx.call));
  const machine: MachineHealth = { ...base, ...(report ? await fromReport(report, ctx) : {}) };
  if (!machine.nodeName && report?.tsmName) machine.nodeName = report.tsmName;

  let lastSuccess = consumer.latestRestorePoint;
  // Whether the whole history was searched; false when it goes back further than 30 days.
  let searchedAll = true;
  let recentJobs: Job[] | undefined;
  if (lastSuccess === undefined) {
    // Not in the list: find it in the jobs (first job, then up to 30 days of them).
    ctx.count('jobs.first');
    const first = await orUndefined(clout.jobs.first(unit.id, consumerId, {}, ctx.call));
    const firstAt = first?.completed ? Date.parse(first.completed) : Number.NaN;
    if (!Number.isNaN(firstAt)) {
      searchedAll = firstAt >= ctx.now - 30 * DAY;
      const startTime = new Date(Math.max(firstAt, ctx.now - 30 * DAY));
      ctx.count('jobs.list');
      const jobs = await clout.jobs.list(
        unit.id,
        consumerId,
        { startTime: startTime.toISOString(), endTime: new Date(ctx.now).toISOString() },
        ctx.call,
      );
      recentJobs = jobs.items;
      lastSuccess = jobs.items
        .filter(isSuccessfulBackup)
        .map((j) => j.completed!)
        .sort()
        .at(-1);
    }
  }
  if (lastSuccess !== undefined) {
    machine.lastSuccess = lastSuccess;
    const at = Date.parse(lastSuccess);
    if (!Number.isNaN(at)) machine.lastSuccessAgeMs = Math.max(0, ctx.now - at);
  }

  const severity = reportSeverity(machine.reportStatus, machine.warnings);
  const age = machine.lastSuccessAgeMs;
  const warningText = machine.warnings.map(describeWarning).join(', ');
  if (lastSuccess === undefined && searchedAll) {
    machine.category = 'never';
    machine.reason = `no successful backup since activation${warningText ? `; ${warningText}` : ''}`;
  } else if (severity === 2) {
    machine.category = 'failed';
    machine.reason = warningText || `report status ${machine.reportStatus}`;
  } else if (lastSuccess === undefined || (age !== undefined && age > ctx.staleAfterMs)) {
    machine.category = 'stale';
    machine.reason =
      age === undefined
        ? 'no successful backup in 30 days'
        : `no successful backup for ${formatAge(age)}`;
  } else if (severity === 1) {
    machine.category = 'warning';
    machine.reason = warningText || `report status ${machine.reportStatus}`;
  } else {
    machine.category = 'ok';
    machine.reason = report ? 'backed up, no warnings' : 'backed up; no report yet';
  }

  if (machine.category === 'failed' || machine.category === 'never') {
    // What failed: the jobs already read, else those of the server's default window (24 h).
    if (!recentJobs) {
      ctx.count('jobs.list');
      recentJobs = (await orUndefined(clout.jobs.list(unit.id, consumerId, {}, ctx.call)))?.items;
    }
    const job = recentJobs?.filter(isBackup).at(-1);
    if (job) machine.lastJob = jobSummary(job);
  }
  return machine;
}

async function fromReport(report: NodeReport, ctx: CheckContext): Promise<Partial<MachineHealth>> {
  const raw = report.warnings ?? [];
  const needNames = raw.some((w) => typeof w.type === 'number' || !w.type?.name);
  const names = needNames ? await ctx.names() : undefined;
  const warnings = raw.map((w): HealthWarning => {
    const typeId = typeof w.type === 'number' ? w.type : w.type?.id;
    const given = typeof w.type === 'object' ? w.type?.name : undefined;
    const name =
      given ??
      (typeId === undefined ? undefined : names?.get(typeId)) ??
      (typeId === undefined ? 'warning' : `warning type ${typeId}`);
    return {
      ...(typeId === undefined ? {} : { typeId }),
      name,
      level: warningLevel(w.status),
      ...(w.days === undefined ? {} : { days: w.days }),
      ...(w.limit === undefined ? {} : { limit: w.limit }),
    };
  });
  return {
    ...(report.status === undefined ? {} : { reportStatus: statusText(report.status) }),
    ...(report.reportDate ? { reportDate: report.reportDate } : {}),
    ...(report.megaBytes === undefined ? {} : { storedMegaBytes: report.megaBytes }),
    ...(report.megaBytesDelta === undefined ? {} : { changedMegaBytes: report.megaBytesDelta }),
    warnings,
  };
}

/**
 * The warning type names, read once on first need. When the list cannot be read (an older
 * server without it, a role that may not) the names degrade to ids, and a note says so.
 */
function warningNames(
  clout: Cloutility,
  call: CallOptions,
  count: (operation: string) => void,
  notes: string[],
): () => Promise<Map<number, string> | undefined> {
  let pending: Promise<Map<number, string> | undefined> | undefined;
  return () => {
    pending ??= (async () => {
      count('reports.warningTypes');
      try {
        const list = await clout.reports.warningTypes(undefined, call);
        return new Map(
          list.items.flatMap((w) => (w.id !== undefined && w.name ? [[w.id, w.name]] : [])),
        );
      } catch (error) {
        if (call.signal?.aborted) throw error;
        notes.push(`Warning types could not be read (${messageOf(error)}); warnings show ids.`);
        return undefined;
      }
    })();
    return pending;
  };
}

function unreadable(unit: FlatUnit, consumer: Consumer, error: unknown): MachineHealth {
  const message = messageOf(error);
  return {
    category: 'unknown',
    reason: `could not be read: ${message}`,
    bunitId: unit.id,
    unitName: unit.name,
    unitPath: unit.path,
    consumerId: consumer.id as number,
    name: consumer.name ?? `#${consumer.id}`,
    ...(consumer.node?.id === undefined ? {} : { nodeId: consumer.node.id }),
    ...(consumer.node?.tsmName ? { nodeName: consumer.node.tsmName } : {}),
    activated: Boolean(consumer.node?.tsmName),
    warnings: [],
    error: message,
  };
}

/** Resolves to undefined on 404 (no report yet, no jobs yet, an endpoint the server lacks). */
const orUndefined = <T>(p: Promise<T>): Promise<T | undefined> =>
  p.catch((e: unknown) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));

function messageOf(error: unknown): string {
  if (error instanceof CloutilityError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

function statusText(status: unknown): string {
  if (typeof status === 'string') return status;
  if (typeof status === 'number') return String(status);
  if (status && typeof status === 'object' && 'name' in status && status.name)
    return String(status.name);
  if (status && typeof status === 'object' && 'id' in status) return String(status.id);
  return '';
}

function warningLevel(status: unknown): number {
  if (typeof status === 'number') return status >= 2 ? 2 : 1;
  return /error|fail|critical|severe/i.test(statusText(status)) ? 2 : 1;
}

/** 2 for a failed backup, 1 for warnings, 0 when fine; reads text or numeric statuses. */
function reportSeverity(status: string | undefined, warnings: HealthWarning[]): number {
  const text = (status ?? '').toLowerCase();
  if (/fail|error|missed|severe|critical/.test(text) || warnings.some((w) => w.level >= 2))
    return 2;
  if (/warn/.test(text) || warnings.length > 0) return 1;
  return 0;
}

const isBackup = (j: Job) => /backup/i.test(j.type?.name ?? 'backup') && j.completed !== undefined;

/** A backup job that completed (with or without warnings); missed and failed ones did not. */
function isSuccessfulBackup(j: Job): boolean {
  if (!isBackup(j)) return false;
  const status = j.status?.name;
  if (status) return /complet|success/i.test(status);
  return j.result !== undefined && j.result < 12;
}

function jobSummary(j: Job): NonNullable<MachineHealth['lastJob']> {
  return {
    ...(j.id === undefined ? {} : { id: j.id }),
    ...(j.name ? { name: j.name } : {}),
    ...(j.status?.name ? { status: j.status.name } : {}),
    ...(j.completed ? { completed: j.completed } : {}),
    ...(j.failedFiles === undefined ? {} : { failedFiles: j.failedFiles }),
    ...(j.result === undefined ? {} : { result: j.result }),
  };
}

function describeWarning(w: HealthWarning): string {
  const days = w.days === undefined ? '' : ` (${w.days} day${w.days === 1 ? '' : 's'})`;
  return `${w.name}${days}`;
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
 * The overall state of a run, by the monitoring plugin convention (Nagios/Icinga): `critical`
 * when a machine failed, never backed up or is stale; else `unknown` when a machine or unit
 * could not be read; else `warning` for warnings and nodes never activated; else `ok`.
 */
export function healthStatus(result: Pick<BackupHealthResult, 'counts' | 'units'>): HealthStatus {
  const c = result.counts;
  if (c.failed + c.never + c.stale > 0) return 'critical';
  if (c.unknown > 0 || result.units.some((u) => u.error !== undefined)) return 'unknown';
  if (c.warning + c['not-activated'] > 0) return 'warning';
  return 'ok';
}

/**
 * An age in words, rounded down to its largest unit: `45 minutes`, `5 hours`, `3 days`.
 * Under a minute is `moments`.
 */
export function formatAge(ms: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (ms < 60_000) return 'moments';
  if (ms < 3_600_000) return unit(Math.floor(ms / 60_000), 'minute');
  if (ms < 2 * DAY) return unit(Math.floor(ms / 3_600_000), 'hour');
  return unit(Math.floor(ms / DAY), 'day');
}
