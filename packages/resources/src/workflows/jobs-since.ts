import { z } from 'zod';
import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { ValidationError } from '../errors.js';
import { bunitId, consumerId, dayCount, isoDateTime } from '../inputs.js';
import type { Job } from '../models/index.js';
import { validateWith } from '../validate.js';
import { ifFound } from './lookup.js';

const DAY = 86_400_000;

/** Input of {@link jobsSince}; strict, shared with the MCP tool and the CLI command. */
export const JobsSinceInput = z.strictObject({
  bunitId,
  consumerId,
  since: isoDateTime.describe(
    'Start of the window (ISO 8601); clamped to the first job if earlier',
  ),
  until: isoDateTime.optional().describe('End of the window (ISO 8601); default now'),
  windowDays: dayCount('Longest window asked of the API at once, in days (default 7)'),
});
export type JobsSinceInput = z.input<typeof JobsSinceInput>;

/** What {@link jobsSince} found. */
export interface JobsSinceResult {
  jobs: Job[];
  /** The start actually used (later than `since` when clamped). */
  from: string;
  to: string;
  /** Whether `since` was before the first job and so moved forward. */
  clamped: boolean;
  /** The windows asked of the API, in order. */
  windows: { startTime: string; endTime: string; count: number }[];
  /** What the caller should know, in words. */
  notes: string[];
}

/**
 * Lists the jobs of a consumption unit since a time, respecting the API's first-job rule: a
 * `startTime` before the first job's completion is refused, so the start is clamped to it (and
 * said so). Long windows are split into `windowDays` pieces; jobs are de-duplicated and sorted.
 */
export async function jobsSince(
  clout: Cloutility,
  input: JobsSinceInput,
  options?: CallOptions,
): Promise<JobsSinceResult> {
  const parsed = validateWith(JobsSinceInput, input, 'jobs since');
  const { since, until, windowDays } = parsed;
  const ids = { bunitId: parsed.bunitId, consumerId: parsed.consumerId };
  const to = until ? new Date(until) : new Date();
  let from = new Date(since);
  const notes: string[] = [];
  if (from >= to)
    throw new ValidationError({
      message: 'jobs since: "since" must be before "until"',
      issues: [{ path: 'since', message: 'must be before until' }],
    });

  const firstCompleted = (await ifFound(clout.jobs.first(ids, options)))?.completed;
  if (!firstCompleted) {
    notes.push('This consumption unit has no jobs yet.');
    return {
      jobs: [],
      from: from.toISOString(),
      to: to.toISOString(),
      clamped: false,
      windows: [],
      notes,
    };
  }
  const first = new Date(firstCompleted);
  let clamped = false;
  if (from < first) {
    notes.push(
      `"since" (${from.toISOString()}) is before the first job (${first.toISOString()}); started there instead.`,
    );
    from = first;
    clamped = true;
  }

  const windows: JobsSinceResult['windows'] = [];
  const byId = new Map<string, Job>();
  for (let start = from; start < to; ) {
    const end = new Date(Math.min(start.getTime() + windowDays * DAY, to.getTime()));
    const span = { startTime: start.toISOString(), endTime: end.toISOString() };
    const page = await clout.jobs.list({ ...ids, ...span }, options);
    windows.push({ ...span, count: page.items.length });
    for (const job of page.items)
      byId.set(String(job.id ?? `${job.name}-${job.actualStart ?? job.scheduledStart}`), job);
    start = end;
  }
  if (windows.length > 1)
    notes.push(`Asked in ${windows.length} windows of at most ${windowDays} days.`);
  const time = (j: Job) =>
    Date.parse(j.actualStart ?? j.scheduledStart ?? j.completed ?? j.createdDate ?? '') || 0;
  const jobs = [...byId.values()].sort((a, b) => time(a) - time(b));
  return { jobs, from: from.toISOString(), to: to.toISOString(), clamped, windows, notes };
}
