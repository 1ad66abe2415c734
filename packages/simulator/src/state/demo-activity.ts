import type { Random } from '../random.js';
import { JOB_STATUS, JOB_TYPE, NODE_TYPE, OS, WARNING } from './catalog.js';
import { DAY, HOUR, iso, MINUTE, startOfDay } from './dates.js';
import type { Behaviour } from './demo-org.js';
import { nextId } from './ids.js';
import type {
  ConsumerRecord,
  FilespaceRecord,
  JobRecord,
  NodeRecord,
  NodeReportRecord,
  NodeWarningRecord,
  SimulatorState,
} from './model.js';

/** How many days of jobs and reports the demo data covers. */
export const ACTIVITY_DAYS = 30;

/** How long before now the `idle` (stale) machines stopped backing up, in days. */
export const STALE_DAYS = 3;

/** Reports are written daily at 06:00 UTC: the time of the latest one at or before `now`. */
export function latestReportAt(now: number): number {
  const today = startOfDay(now) + 6 * HOUR;
  return today <= now ? today : today - DAY;
}

/** The first day of a node's activity: the day after its activation, at most 30 days ago. */
const firstActiveDay = (node: NodeRecord, today: number) =>
  Math.max(startOfDay(Date.parse(node.activatedDate!)) + DAY, today - ACTIVITY_DAYS * DAY);

const DURATION_MINUTES: Record<number, [number, number]> = {
  [NODE_TYPE.file]: [4, 45],
  [NODE_TYPE.sql]: [10, 60],
  [NODE_TYPE.vmware]: [30, 150],
  [NODE_TYPE.exchange]: [20, 80],
  [NODE_TYPE.oracle]: [15, 70],
  [NODE_TYPE.db2]: [15, 70],
  [NODE_TYPE.hyperv]: [25, 120],
};

/**
 * Generates 30 days of jobs (nightly backups, weekly archives, the odd restore), daily reports
 * with warnings, and filespaces for every activated node, following each consumer's behaviour.
 */
export function seedActivity(
  state: SimulatorState,
  rng: Random,
  now: number,
  behaviours: Map<number, Behaviour>,
): void {
  state.consumers.forEach((consumer, index) => {
    const node = state.nodes.find((n) => n.consumerId === consumer.id);
    if (!node?.activatedDate) return;
    const behaviour = behaviours.get(consumer.id) ?? 'active';
    const jobs = seedJobs(state, rng, now, consumer, node, behaviour, index);
    const latest = seedReports(state, rng, now, consumer, node, jobs);
    seedFilespaces(rng, state, consumer, node, jobs, latest);
  });
}

function seedJobs(
  state: SimulatorState,
  rng: Random,
  now: number,
  consumer: ConsumerRecord,
  node: NodeRecord,
  behaviour: Behaviour,
  index: number,
): JobRecord[] {
  const today = startOfDay(now);
  const firstDay = firstActiveDay(node, today);
  const jobs: JobRecord[] = [];
  const add = (
    job: Omit<JobRecord, 'id' | 'consumerId' | 'businessUnitId' | 'serverId' | 'createdDate'>,
  ) => {
    if (Date.parse(job.completed) > now) return;
    jobs.push({
      id: nextId(state, 'job'),
      consumerId: consumer.id,
      businessUnitId: consumer.businessUnitId,
      serverId: node.serverId,
      createdDate: job.completed,
      ...job,
    });
  };
  const [minDuration, maxDuration] = DURATION_MINUTES[node.typeId] ?? [5, 60];
  const isFileNode = node.typeId === NODE_TYPE.file;
  for (let day = firstDay; day <= today; day += DAY) {
    if (isFileNode && index % 3 === 0 && new Date(day).getUTCDay() === 0) {
      const start = day + 3 * HOUR + rng.int(0, 20) * MINUTE;
      add({
        ...session(rng, start, start + rng.int(10, 40) * MINUTE, 0, true),
        type: JOB_TYPE.archive,
        name: 'WEEKLY_ARCHIVE',
        transferredMegaBytes: round(rng.next() * 5_000 + 200),
      });
    }
    if (rng.chance(0.04)) {
      const start = day + rng.int(9, 15) * HOUR + rng.int(0, 59) * MINUTE;
      add({
        ...session(rng, start, start + rng.int(3, 30) * MINUTE, 0, false),
        type: JOB_TYPE.restore,
        name: 'RESTORE',
        transferredMegaBytes: round(rng.next() * 2_000 + 5),
      });
    }
    const scheduledStart = day + 21 * HOUR + ((index * 6) % 120) * MINUTE;
    // Stale: the client stopped running a little over three days before now, whatever the hour.
    if (behaviour === 'idle' && scheduledStart > now - STALE_DAYS * DAY - 2 * HOUR) {
      add({
        type: JOB_TYPE.backup,
        status: JOB_STATUS.missed,
        severity: 1,
        scheduled: true,
        scheduledStart: iso(scheduledStart),
        completed: iso(scheduledStart + HOUR),
        examinedFiles: 0,
        affectedFiles: 0,
        failedFiles: 0,
        result: 0,
        transferredMegaBytes: 0,
        name: 'DAILY_INCR',
      });
      continue;
    }
    const start = scheduledStart + rng.int(0, 240) * 1000;
    const end = start + rng.int(minDuration, maxDuration) * MINUTE + rng.int(0, 59) * 1000;
    const roll = rng.next();
    // What the latest report (and anything after it) shows follows the behaviour alone, so
    // each demo machine has the same health at any date and hour of the simulator clock.
    const latest = end > latestReportAt(now) - DAY;
    const result = backupResult(behaviour, latest, roll);
    add({
      ...session(rng, start, end, result, true, scheduledStart),
      type: JOB_TYPE.backup,
      name: node.typeId === NODE_TYPE.sql ? 'DAILY_SQL_FULL' : 'DAILY_INCR',
      transferredMegaBytes:
        result === 12 ? round(rng.next() * 50) : round(rng.next() * 18_000 + 150),
    });
  }
  state.jobs.push(...jobs);
  return jobs;
}

/** A nightly backup's return code: 0 ok, 4 files skipped, 8 warnings, 12 failed. */
function backupResult(behaviour: Behaviour, latest: boolean, roll: number): number {
  if (behaviour === 'never' || (behaviour === 'failing' && latest)) return 12;
  if (behaviour === 'warnings' && (latest || roll < 0.4)) return 8;
  if (latest) return roll < 0.09 ? 4 : 0;
  if (roll < 0.03) return 12;
  if (roll < 0.09) return 4;
  return roll < 0.13 ? 8 : 0;
}

/** The common fields of a job that ran from `start` to `end` with the client's return code. */
function session(
  rng: Random,
  start: number,
  end: number,
  result: number,
  scheduled: boolean,
  scheduledStart?: number,
) {
  const examinedFiles = rng.int(20_000, 400_000);
  const affectedFiles =
    result === 12 ? rng.int(0, 20) : Math.round(examinedFiles * (rng.next() * 0.02 + 0.001));
  return {
    status: result === 12 ? JOB_STATUS.failed : JOB_STATUS.completed,
    severity: result === 12 ? 2 : result > 0 ? 1 : 0,
    scheduled,
    ...(scheduledStart === undefined ? {} : { scheduledStart: iso(scheduledStart) }),
    actualStart: iso(start),
    completed: iso(end),
    examinedFiles,
    affectedFiles,
    failedFiles: result === 8 ? rng.int(1, 40) : result === 4 ? rng.int(1, 5) : 0,
    result,
  };
}

function seedReports(
  state: SimulatorState,
  rng: Random,
  now: number,
  consumer: ConsumerRecord,
  node: NodeRecord,
  jobs: JobRecord[],
): NodeReportRecord | undefined {
  const today = startOfDay(now);
  const firstDay = firstActiveDay(node, today);
  let latest: NodeReportRecord | undefined;
  const base = { [NODE_TYPE.vmware]: 1_500_000, [NODE_TYPE.file]: 120_000 }[node.typeId] ?? 60_000;
  let megaBytes = consumer.limitHighStorage
    ? consumer.limitHighStorage * 1024 * 0.97
    : round(base * (rng.next() * 2 + 0.5));
  let previous = firstDay - 18 * HOUR;
  let storageDays = 0;
  for (let day = firstDay; day <= today; day += DAY) {
    const reportDate = day + 6 * HOUR;
    if (reportDate > now) break;
    const window = jobs.filter((j) => {
      const t = Date.parse(j.completed);
      return t > previous && t <= reportDate;
    });
    const backup = sum(
      window.filter((j) => j.type.id !== JOB_TYPE.restore.id).map((j) => j.transferredMegaBytes),
    );
    const restore = sum(
      window.filter((j) => j.type.id === JOB_TYPE.restore.id).map((j) => j.transferredMegaBytes),
    );
    const delta = round(
      megaBytes * (rng.next() * 0.012 - 0.002) +
        (consumer.limitHighStorage ? megaBytes * 0.004 : 0),
    );
    megaBytes = round(megaBytes + delta);
    const warnings: NodeWarningRecord[] = [];
    const backups = jobs.filter(
      (j) => j.type.id === JOB_TYPE.backup.id && Date.parse(j.completed) <= reportDate,
    );
    const last = backups.at(-1);
    if (last?.status.id === JOB_STATUS.failed.id) {
      const days = countTrailing(backups, (j) => j.status.id === JOB_STATUS.failed.id);
      warnings.push({ type: WARNING.failed, status: 2, days });
    } else if (last?.result === 8) {
      warnings.push({ type: WARNING.completedWithWarnings, status: 1, days: 1 });
    }
    const idleDays = countTrailing(backups, (j) => j.status.id === JOB_STATUS.missed.id);
    if (idleDays >= 3)
      warnings.push({
        type: WARNING.noActivity,
        status: idleDays >= 7 ? 2 : 1,
        days: idleDays,
        limit: 3,
      });
    if (consumer.limitHighStorage && megaBytes > consumer.limitHighStorage * 1024) {
      storageDays++;
      warnings.push({
        type: WARNING.storage,
        status: 1,
        days: storageDays,
        limit: consumer.limitHighStorage,
      });
    }
    latest = {
      id: nextId(state, 'report'),
      consumerId: consumer.id,
      nodeId: node.id,
      businessUnitId: consumer.businessUnitId,
      reportDate: iso(reportDate),
      status: warnings.some((w) => w.status === 2) ? 'Error' : warnings.length ? 'Warning' : 'OK',
      megaBytes,
      backupMegaBytes: round(megaBytes * 0.92),
      archiveMegaBytes: round(megaBytes * 0.08),
      megaBytesDelta: delta,
      transferredBackupMegaBytes: round(backup),
      transferredRestoreMegaBytes: round(restore),
      warnings,
      createdDate: iso(reportDate + 5 * MINUTE),
    };
    state.reports.push(latest);
    previous = reportDate;
  }
  return latest;
}

/** Filespace [name, type] templates by operating system and node type. */
function filespaceTemplates(node: NodeRecord, host: string): [string, string][] {
  const t = node.typeId;
  if (t === NODE_TYPE.vmware)
    return ['WEB01', 'APP01', 'DB01'].map((vm) => [`\\VMFULL-${vm}`, 'API:TSMVM']);
  if (t === NODE_TYPE.hyperv)
    return ['FILESRV', 'PRINT01'].map((vm) => [`\\HVFULL-${vm}`, 'API:TSMHV']);
  if (t === NODE_TYPE.sql)
    return [
      [`\\\\${host}\\c$`, 'NTFS'],
      [`${host}\\data\\0001`, 'API:SqlData'],
    ];
  if (t === NODE_TYPE.exchange)
    return [
      [`\\\\${host}\\c$`, 'NTFS'],
      ['DB01\\Mailboxes', 'API:ExchangeData'],
    ];
  if (t === NODE_TYPE.oracle) return [['/adsmorc', 'API:ORACLE']];
  if (t === NODE_TYPE.db2) return [['/ERPDB', 'API:DB2']];
  if (node.operatingSystemId === OS.windows || node.operatingSystemId === OS.windowsServer) {
    return [
      [`\\\\${host}\\c$`, 'NTFS'],
      [`\\\\${host}\\d$`, 'NTFS'],
    ];
  }
  if (node.operatingSystemId === OS.macos) return [['/', 'APFS']];
  if (node.operatingSystemId === OS.aix)
    return [
      ['/', 'JFS2'],
      ['/home', 'JFS2'],
    ];
  return [
    ['/', 'XFS'],
    ['/home', 'XFS'],
    ['/var', 'XFS'],
  ];
}

function seedFilespaces(
  rng: Random,
  state: SimulatorState,
  consumer: ConsumerRecord,
  node: NodeRecord,
  jobs: JobRecord[],
  latest: NodeReportRecord | undefined,
): void {
  const total = latest?.backupMegaBytes ?? 10_000;
  const templates = filespaceTemplates(node, (node.tcpName ?? consumer.name).toLowerCase());
  templates.forEach(([name, type], i) => {
    const stored = round((total / templates.length) * (i === 0 ? 1.2 : 0.8 + rng.next() * 0.2));
    const utilization = round(rng.next() * 60 + 25);
    const record: FilespaceRecord = {
      id: nextId(state, 'filespace'),
      consumerId: consumer.id,
      tsmFilespaceId: String(i + 1),
      name,
      type,
      capacityMegaBytes: round((stored / utilization) * 100),
      percentageUtilized: utilization,
      storedMegaBytes: stored,
      files: rng.int(1_000, 900_000),
      createdDate: iso(Date.parse(node.activatedDate!) + 20 * HOUR),
    };
    Object.assign(record, lastBackupIn(jobs));
    state.filespaces.push(record);
  });
}

/** The start and end of the last successful backup among a consumer's jobs, for its filespaces. */
export function lastBackupIn(
  jobs: JobRecord[],
): Pick<FilespaceRecord, 'lastBackupStart' | 'lastBackupEnd'> {
  const last = jobs
    .filter((j) => j.type.id === JOB_TYPE.backup.id && j.status.id === JOB_STATUS.completed.id)
    .at(-1);
  return last?.actualStart
    ? { lastBackupStart: last.actualStart, lastBackupEnd: last.completed }
    : {};
}

function countTrailing<T>(items: T[], predicate: (item: T) => boolean): number {
  let n = 0;
  for (let i = items.length - 1; i >= 0 && predicate(items[i]!); i--) n++;
  return n;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Rounds to two decimals, as the portal shows sizes. */
export const round = (n: number) => Math.round(n * 100) / 100;
