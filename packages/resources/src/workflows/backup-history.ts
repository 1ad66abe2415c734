import pLimit from 'p-limit';
import { type CallOptions, callOptionsOf } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { CloutilityError } from '../errors.js';
import type { MachineHealth } from './backup-health.js';

const DAY = 86_400_000;

/** How the machines' daily reports of one day came out. */
export interface DailyResults {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  ok: number;
  warning: number;
  failed: number;
  /** Machines checked that have no report that day. */
  none: number;
}

/** Options of {@link backupHistory}. */
export interface BackupHistoryOptions extends CallOptions {
  /** Days back from `now`, today included (default 30). */
  days?: number;
  /** Requests in flight at most (default 8). */
  concurrency?: number;
  /** The end of the window; default the real clock. */
  now?: Date;
  /** Called after each machine read. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The daily backup results of machines over the last `days` days, from each activated machine's
 * reports (one request each); unreadable reports count as `none` every day; the signal cancels.
 */
export async function backupHistory(
  clout: Cloutility,
  machines: readonly Pick<MachineHealth, 'bunitId' | 'consumerId' | 'activated'>[],
  options: BackupHistoryOptions = {},
): Promise<DailyResults[]> {
  return (await backupHistoryByUnit(clout, machines, options)).days;
}

/** The daily results of every machine, and of each business unit's own machines. */
export interface BackupHistory {
  days: DailyResults[];
  /** By business unit id: the results of its own machines (not those of the units below). */
  units: Map<number, DailyResults[]>;
}

/**
 * As {@link backupHistory}, with each unit's days beside the whole: the same requests, tallied
 * twice (a unit's trend in the report costs the portal nothing more).
 */
export async function backupHistoryByUnit(
  clout: Cloutility,
  machines: readonly Pick<MachineHealth, 'bunitId' | 'consumerId' | 'activated'>[],
  options: BackupHistoryOptions = {},
): Promise<BackupHistory> {
  const days = options.days ?? 30;
  const now = (options.now ?? new Date()).getTime();
  const first = Math.floor(now / DAY) * DAY - (days - 1) * DAY;
  const emptyDays = (): DailyResults[] =>
    Array.from({ length: days }, (_, i) => ({
      date: new Date(first + i * DAY).toISOString().slice(0, 10),
      ok: 0,
      warning: 0,
      failed: 0,
      none: 0,
    }));
  const out = emptyDays();
  const units = new Map<number, DailyResults[]>();
  const unitDays = (id: number) => {
    const found = units.get(id) ?? emptyDays();
    units.set(id, found);
    return found;
  };
  const call: CallOptions = callOptionsOf(options);
  const limit = pLimit(options.concurrency ?? 8);
  const active = machines.filter((m) => m.activated);
  let done = 0;
  await Promise.all(
    active.map((m) =>
      limit(async () => {
        options.signal?.throwIfAborted();
        const seen = new Set<number>();
        const own = unitDays(m.bunitId);
        try {
          const list = await clout.reports.list(
            m.bunitId,
            m.consumerId,
            {
              startDate: new Date(first).toISOString(),
              endDate: new Date(now).toISOString(),
              status: true,
              warnings: true,
            },
            call,
          );
          for (const report of list.items) {
            const at = Date.parse(report.reportDate ?? '');
            const index = Math.floor((at - first) / DAY);
            const day = out[index];
            if (!day || seen.has(index)) continue;
            seen.add(index);
            const result = resultOf(report.status, report.warnings ?? []);
            day[result]++;
            (own[index] as DailyResults)[result]++;
          }
        } catch (error) {
          // A machine whose reports cannot be read has no result on any day; the rest go on.
          if (options.signal?.aborted || !(error instanceof CloutilityError)) throw error;
        }
        for (let i = 0; i < days; i++)
          if (!seen.has(i)) {
            out[i]!.none++;
            own[i]!.none++;
          }
        options.onProgress?.(++done, active.length);
      }),
    ),
  );
  return { days: out, units };
}

/**
 * The share of a day's backups that worked (completed, with or without warnings), of those that
 * reported; undefined when none reported that day.
 */
export function successRate(day: DailyResults): number | undefined {
  const reported = day.ok + day.warning + day.failed;
  return reported === 0 ? undefined : (day.ok + day.warning) / reported;
}

function resultOf(status: unknown, warnings: { status?: unknown }[]): 'ok' | 'warning' | 'failed' {
  const text =
    typeof status === 'object' && status !== null && 'name' in status
      ? String((status as { name?: unknown }).name)
      : String(status ?? '');
  if (/fail|error|severe|critical/i.test(text) || warnings.some((w) => w.status === 2))
    return 'failed';
  if (/warn/i.test(text) || warnings.length > 0) return 'warning';
  return 'ok';
}
