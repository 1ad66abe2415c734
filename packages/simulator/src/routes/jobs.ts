import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { consumerParam, pathId, unitParam } from '../access.js';
import { collection } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { paging, param, queryObject } from '../schemas.js';
import { DAY } from '../state/dates.js';
import type { ConsumerRecord } from '../state/model.js';
import { jobsOf } from '../state/queries.js';
import { query } from '../validate.js';
import { firstJobView, jobView } from '../views/activity.js';
import { apiBase, hrefs } from '../views/links.js';

/** The interval of the job list (E23 with times, E24). */
const JobsQuery = queryObject({ ...paging(), startTime: param.date(), endTime: param.date() });
type JobsFilter = z.infer<typeof JobsQuery>;

/**
 * E23, E24: a consumer's jobs. `jobs/first` returns the first job (only `completed` is real);
 * `jobs?startTime&endTime` lists an interval, and so does `jobs/first` when either time is given,
 * because the guide documents the list at that path. Without times the list covers the last 24 h
 * of the simulator clock; a `startTime` before the first job's `completed` is a 400.
 */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/bunits/:bunitId/consumers/:consumerId/jobs/first', query(JobsQuery), (c) => {
    const consumer = consumerParam(sim, c, unitParam(sim, c));
    const url = new URL(c.req.url);
    const hasTimes = [...url.searchParams.keys()].some((k) => /^(starttime|endtime)$/i.test(k));
    if (hasTimes) return listJobs(sim, c, c.req.valid('query'), consumer);
    const first = jobsOf(sim.state, consumer.id)[0];
    if (!first) {
      throw notFound(
        `Consumer ${consumer.id} ('${consumer.name}') has no jobs yet`,
        'Jobs appear once the activated backup node has run a backup.',
      );
    }
    return c.json(firstJobView(url.origin + url.pathname, first.completed));
  });

  app.get('/v1/bunits/:bunitId/consumers/:consumerId/jobs', query(JobsQuery), (c) => {
    const consumer = consumerParam(sim, c, unitParam(sim, c));
    return listJobs(sim, c, c.req.valid('query'), consumer);
  });

  app.get('/v1/bunits/:bunitId/consumers/:consumerId/jobs/:jobId{[0-9]+}', (c) => {
    const consumer = consumerParam(sim, c, unitParam(sim, c));
    const id = pathId(c, 'jobId', 'Job');
    const job = jobsOf(sim.state, consumer.id).find((j) => j.id === id);
    if (!job) throw notFound(`Job ${id} was not found for consumer ${consumer.id}`);
    return c.json(jobView(apiBase(c), sim.state, job));
  });
}

function listJobs(
  sim: Sim,
  c: Context<SimEnv>,
  { startTime, endTime, ...page }: JobsFilter,
  consumer: ConsumerRecord,
) {
  const jobs = jobsOf(sim.state, consumer.id);
  const firstCompleted = jobs[0] ? Date.parse(jobs[0].completed) : undefined;
  const now = sim.clock.now().getTime();
  let start = startTime;
  let end = endTime;
  if (start !== undefined && firstCompleted !== undefined && start < firstCompleted) {
    const earliest = new Date(firstCompleted).toISOString();
    throw validationFailed(
      `startTime ${new Date(start).toISOString()} is before the first job of consumer ${consumer.id}; the earliest allowed startTime is ${earliest}`,
      `Read the first job's completed date with GET ${hrefs.consumer('/v1', consumer.businessUnitId, consumer.id)}/jobs/first and start there or later.`,
    );
  }
  end ??= now;
  start ??= end - DAY;
  if (start > end) throw validationFailed('startTime must not be after endTime');
  const base = apiBase(c);
  const selected = jobs.filter((j) => {
    const t = Date.parse(j.completed);
    return t >= start && t <= end;
  });
  return c.json(
    collection(
      c,
      page,
      selected.map((j) => jobView(base, sim.state, j)),
    ),
  );
}
