import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { pathId, unitParam } from '../access.js';
import { collection } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { notFound } from '../errors.js';
import { LIMITS } from '../limits.js';
import { paging, param, queryObject } from '../schemas.js';
import type { AuditEntryRecord } from '../state/model.js';
import { findConsumer, subtreeOf } from '../state/queries.js';
import { query } from '../validate.js';
import { auditView } from '../views/activity.js';

const AUDIT_TYPES = new Set([0, 100, 200, 300, 400]);

/** Entry types, repeated (`types=100&types=400`) or comma-separated (`types=100,400`). */
const auditTypes = param.all().transform((values, ctx) => {
  const types = new Set<number>();
  for (const value of values.flatMap((v) => v.split(',')).filter((v) => v.trim() !== '')) {
    const type = Number(value.trim());
    if (AUDIT_TYPES.has(type)) types.add(type);
    else {
      ctx.addIssue({
        code: 'custom',
        input: value,
        message: `must be 0 (info), 100 (create), 200 (modify), 300 (delete) or 400 (error), got '${value}'`,
      });
      return z.NEVER;
    }
  }
  return types;
});

/** E19 and the unit's log: filters, order and paging (the audit log pages in its own sizes). */
const AuditQuery = queryObject({
  ...paging(LIMITS.auditPage),
  includeDescendants: param.bool(),
  startTime: param.date(),
  endTime: param.date(),
  types: auditTypes,
  orderDesc: param.bool(),
});
type AuditFilters = z.infer<typeof AuditQuery>;

/**
 * E19: a consumer's audit log. Without `includeDescendants` only entries about the consumer
 * itself; with it, also those about its backup node (activation, password, proxies...). Also
 * `GET /v1/bunits/{bunitId}/auditlogs` (not in the catalog): a unit's entries, with
 * `includeDescendants` those of the whole subtree. A deleted consumer's log stays readable.
 */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/bunits/:bunitId/consumers/:consumerId/auditlogs', query(AuditQuery), (c) => {
    const unit = unitParam(sim, c);
    const id = pathId(c, 'consumerId', 'Consumer');
    const consumer = findConsumer(sim.state, id);
    const entries = sim.state.auditLog.filter(
      (e) => e.consumerId === id && e.businessUnitId === unit.id,
    );
    if ((!consumer || consumer.businessUnitId !== unit.id) && entries.length === 0) {
      throw notFound(`Consumer ${id} was not found in business unit ${unit.id}`);
    }
    const filters = c.req.valid('query');
    return c.json(
      filtered(
        c,
        filters,
        filters.includeDescendants ? entries : entries.filter((e) => e.subject === 'consumer'),
      ),
    );
  });

  app.get('/v1/bunits/:bunitId/auditlogs', query(AuditQuery), (c) => {
    const unit = unitParam(sim, c);
    const filters = c.req.valid('query');
    const ids = filters.includeDescendants
      ? new Set(subtreeOf(sim.state, unit.id).map((u) => u.id))
      : new Set([unit.id]);
    return c.json(
      filtered(
        c,
        filters,
        sim.state.auditLog.filter((e) => ids.has(e.businessUnitId)),
      ),
    );
  });
}

/** Applies `startTime`, `endTime`, `types`, `orderDesc`, then `offset`/`limit`. */
function filtered(c: Context<SimEnv>, filters: AuditFilters, entries: AuditEntryRecord[]) {
  const { startTime: start, endTime: end, types, orderDesc, ...page } = filters;
  const selected = entries
    .filter((e) => {
      const t = Date.parse(e.createdDate);
      return (
        (start === undefined || t >= start) &&
        (end === undefined || t <= end) &&
        (types.size === 0 || types.has(e.type))
      );
    })
    .sort((a, b) => a.createdDate.localeCompare(b.createdDate) || a.id - b.id);
  if (orderDesc) selected.reverse();
  return collection(c, page, selected.map(auditView));
}
