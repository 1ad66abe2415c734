import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { ValidationError } from '../errors.js';
import type { Consumer, Job, NodeReport } from '../models/index.js';
import { type AtRiskRule, atRiskIntervalOf, bypassedBecause } from './at-risk.js';
import type { HealthWarning, MachineHealth } from './backup-health.js';
import { formatAge } from './duration.js';
import { ifFound } from './lookup.js';
import type { FlatUnit } from './tree.js';

const DAY = 86_400_000;

/** What checking one machine needs from the run. */
export interface CheckContext {
  now: number;
  /** IBM's at-risk rule: the interval per machine, bypassed machines, skipped files. */
  rule: AtRiskRule;
  /** Read the last job of a failed or never backed up machine (what failed). */
  lastJobs: boolean;
  call: CallOptions;
  count: (operation: string) => void;
  names: () => Promise<Map<number, string> | undefined>;
}

/**
 * Reads one machine: its latest report, then, only when it needs attention, its jobs; and puts it
 * in a category. Throws what it cannot read (the run marks the machine `unknown`).
 */
export async function checkMachine(
  clout: Cloutility,
  unit: FlatUnit,
  consumer: Consumer,
  ctx: CheckContext,
): Promise<MachineHealth> {
  const consumerId = consumer.id as number;
  const base = machineOf(unit, consumer);
  // A bypassed machine is not watched: nothing is read for it.
  const bypassed = bypassedBecause(ctx.rule, consumer);
  if (bypassed) return { ...base, category: 'excluded', reason: bypassed };
  base.activated ||= /^active$/i.test(consumer.dataSourceState?.name ?? '');
  if (!base.activated)
    return { ...base, category: 'not-activated', reason: 'backup node created but not activated' };

  ctx.count('reports.latest');
  const report = await ifFound(clout.reports.latest(unit.id, consumerId, {}, ctx.call));
  const machine: MachineHealth = { ...base, ...(report ? await fromReport(report, ctx) : {}) };
  if (!machine.nodeName && report?.tsmName) machine.nodeName = report.tsmName;

  let lastSuccess = consumer.latestRestorePoint;
  // Whether the whole history was searched; false when it goes back further than 30 days.
  let searchedAll = true;
  let recentJobs: Job[] | undefined;
  if (lastSuccess === undefined) {
    // Not in the list: find it in the jobs (first job, then up to 30 days of them).
    ctx.count('jobs.first');
    const first = await ifFound(clout.jobs.first(unit.id, consumerId, {}, ctx.call));
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
      lastSuccess = latestSuccess(jobs.items);
    }
  }
  const interval = atRiskIntervalOf(ctx.rule, consumer);
  machine.atRiskAfterMs = interval;
  // Skipped files count as failure: only a backup without them resets the at-risk clock.
  let skipped = false;
  if (ctx.rule.skippedAsFailure && lastSuccess !== undefined) {
    recentJobs = await jobsWithin(clout, unit, consumerId, interval, ctx);
    const clean = latestSuccess(recentJobs.filter((j) => j.result !== SKIPPED_FILES));
    skipped = clean === undefined || Date.parse(clean) < ctx.now - interval;
    if (!skipped) lastSuccess = clean;
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
  } else if (skipped) {
    machine.category = 'at-risk';
    machine.reason = `no backup without skipped files for ${formatAge(interval)} (skipped files count as failure)`;
  } else if (lastSuccess === undefined || (age !== undefined && age > interval)) {
    machine.category = 'at-risk';
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

  if (ctx.lastJobs && (machine.category === 'failed' || machine.category === 'never')) {
    // What failed: the jobs already read, else those of the server's default window (24 h).
    if (!recentJobs) {
      ctx.count('jobs.list');
      recentJobs = (await ifFound(clout.jobs.list(unit.id, consumerId, {}, ctx.call)))?.items;
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
    ...transferred(report),
    warnings,
  };
}

/**
 * The warning type names, read once on first need. When the list cannot be read (an older
 * server without it, a role that may not) the names degrade to ids, and a note says so.
 */
export function warningNames(
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

/** A machine before its check (`ok` for now): where it is, and its node, activated once named. */
function machineOf(unit: FlatUnit, consumer: Consumer): MachineHealth {
  const node = consumer.node;
  return {
    category: 'ok',
    reason: '',
    bunitId: unit.id,
    unitName: unit.name,
    unitPath: unit.path,
    consumerId: consumer.id as number,
    name: consumer.name ?? `#${consumer.id}`,
    ...(node?.id === undefined ? {} : { nodeId: node.id }),
    ...(node?.tsmName ? { nodeName: node.tsmName } : {}),
    activated: Boolean(node?.tsmName),
    warnings: [],
  };
}

/** A machine that could not be read: `unknown`, with the error. */
export function unreadable(unit: FlatUnit, consumer: Consumer, error: unknown): MachineHealth {
  const message = messageOf(error);
  const reason = `could not be read: ${message}`;
  return { ...machineOf(unit, consumer), category: 'unknown', reason, error: message };
}

/** The message of an error, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A status as text: a code or name as it is, `{id, name}` by its name, else by its id. */
function statusText(status: unknown): string {
  if (typeof status === 'string' || typeof status === 'number') return String(status);
  const { name, id } = ((typeof status === 'object' && status) || {}) as Record<string, unknown>;
  if (name) return String(name);
  return id === undefined ? '' : String(id);
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

/** The backup client's return code for a backup that skipped files (IBM: 4). */
const SKIPPED_FILES = 4;

/** When the newest successful backup among `jobs` completed. */
function latestSuccess(jobs: readonly Job[]): string | undefined {
  return jobs
    .filter(isSuccessfulBackup)
    .map((j) => j.completed as string)
    .sort()
    .at(-1);
}

/**
 * The machine's jobs of the last `interval`. The portal refuses a start before the machine's
 * first job: then from that first job on.
 */
async function jobsWithin(
  clout: Cloutility,
  unit: FlatUnit,
  consumerId: number,
  interval: number,
  ctx: CheckContext,
): Promise<Job[]> {
  const range = (start: number) => ({
    startTime: new Date(start).toISOString(),
    endTime: new Date(ctx.now).toISOString(),
  });
  ctx.count('jobs.list');
  try {
    return (await clout.jobs.list(unit.id, consumerId, range(ctx.now - interval), ctx.call)).items;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    ctx.count('jobs.first');
    const first = await ifFound(clout.jobs.first(unit.id, consumerId, {}, ctx.call));
    const firstAt = first?.completed ? Date.parse(first.completed) : Number.NaN;
    if (Number.isNaN(firstAt)) return [];
    ctx.count('jobs.list');
    return (await clout.jobs.list(unit.id, consumerId, range(firstAt), ctx.call)).items;
  }
}

/** What the last backup transferred, from the report: its backup figure, else its total. */
function transferred(report: NodeReport): Partial<MachineHealth> {
  const mb = report.transferredBackupMegaBytes ?? report.transferredMegaBytes;
  return mb === undefined ? {} : { transferredMegaBytes: mb };
}

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
