import type { Hono } from 'hono';
import { consumerParam, unitParam } from '../access.js';
import { collection, listed } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { Paged, paging, param, queryObject } from '../schemas.js';
import { findUser, reportsOf } from '../state/queries.js';
import { query } from '../validate.js';
import { reportView } from '../views/activity.js';

/** E20: the period, and whether each report carries its status and warnings. */
const ReportsQuery = queryObject({
  ...paging(),
  startDate: param.date(),
  endDate: param.date(),
  status: param.bool(),
  warnings: param.bool(),
});

/** E21: the latest report as seen by a user (who must exist). */
const LatestQuery = queryObject({ userId: param.int({ min: 0 }) });

/** E20-E22: a consumer's daily reports, the latest one, and the warning types. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/bunits/:bunitId/consumers/:consumerId/reports', query(ReportsQuery), (c) => {
    const consumer = consumerParam(sim, c, unitParam(sim, c));
    const { startDate: start, endDate: end, status, warnings, ...page } = c.req.valid('query');
    if (start !== undefined && end !== undefined && start > end) {
      throw validationFailed('Query parameter startDate must not be after endDate');
    }
    const include = { status: status ?? false, warnings: warnings ?? false };
    const reports = reportsOf(sim.state, consumer.id).filter((r) => {
      const t = Date.parse(r.reportDate);
      return (start === undefined || t >= start) && (end === undefined || t <= end);
    });
    return c.json(
      collection(
        c,
        page,
        reports.map((r) => reportView(sim.state, r, include)),
      ),
    );
  });

  app.get('/v1/bunits/:bunitId/consumers/:consumerId/reports/latest', query(LatestQuery), (c) => {
    const consumer = consumerParam(sim, c, unitParam(sim, c));
    const { userId } = c.req.valid('query');
    if (userId !== undefined && !findUser(sim.state, userId)) {
      throw validationFailed(
        `Query parameter 'userId' refers to user ${userId}, which does not exist`,
      );
    }
    const latest = reportsOf(sim.state, consumer.id).at(-1);
    if (!latest) {
      throw notFound(
        `Consumer ${consumer.id} ('${consumer.name}') has no reports yet`,
        'Reports are written daily once the backup node is activated.',
      );
    }
    return c.json(reportView(sim.state, latest, { status: true, warnings: true }));
  });

  app.get('/v1/nodewarningtypes', query(Paged), (c) =>
    listed(c, sim.state.nodeWarningTypes, (w) => ({
      name: w.name,
      usesLimit: w.usesLimit,
      id: w.id,
    })),
  );
}
