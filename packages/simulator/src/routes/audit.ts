import type { Context, Hono } from 'hono';
import { unitParam } from '../access.js';
import { collection } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { LIMITS } from '../limits.js';
import { pathId, queryAll, queryBool, queryDate } from '../query.js';
import type { AuditEntryRecord } from '../state/model.js';
import { findConsumer, subtreeOf } from '../state/queries.js';
import { auditView } from '../views/activity.js';

const AUDIT_TYPES = new Set([0, 100, 200, 300, 400]);

/**
 * E19: a consumer's audit log. Without `includeDescendants` only entries about the consumer
 * itself; with it, also those about its backup node (activation, password, proxies...). Also
 * `GET /v1/bunits/{bunitId}/auditlogs` (not in the catalog): a unit's entries, with
 * `includeDescendants` those of the whole subtree. A deleted consumer's log stays readable.
 */
export function registerAuditRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/bunits/:bunitId/consumers/:consumerId/auditlogs', (c) => {
    const unit = unitParam(sim, c);
    const id = pathId(c, 'consumerId', 'Consumer');
    const consumer = findConsumer(sim.state, id);
    const entries = sim.state.auditLog.filter(
      (e) => e.consumerId === id && e.businessUnitId === unit.id,
    );
    if ((!consumer || consumer.businessUnitId !== unit.id) && entries.length === 0) {
      throw notFound(`Consumer ${id} was not found in business unit ${unit.id}`);
    }
    const descendants = queryBool(c, 'includeDescendants') ?? false;
    return c.json(
      filtered(c, descendants ? entries : entries.filter((e) => e.subject === 'consumer')),
    );
  });

  app.get('/v1/bunits/:bunitId/auditlogs', (c) => {
    const unit = unitParam(sim, c);
    const ids = queryBool(c, 'includeDescendants')
      ? new Set(subtreeOf(sim.state, unit.id).map((u) => u.id))
      : new Set([unit.id]);
    return c.json(
      filtered(
        c,
        sim.state.auditLog.filter((e) => ids.has(e.businessUnitId)),
      ),
    );
  });
}

/** Applies `startTime`, `endTime`, `types`, `orderDesc`, then `offset`/`limit`. */
function filtered(c: Context<SimEnv>, entries: AuditEntryRecord[]) {
  const start = queryDate(c, 'startTime');
  const end = queryDate(c, 'endTime');
  const types = new Set(
    queryAll(c, 'types')
      .flatMap((v) => v.split(','))
      .filter((v) => v.trim() !== '')
      .map((v) => {
        const n = Number(v.trim());
        if (!AUDIT_TYPES.has(n)) {
          throw validationFailed(
            `Query parameter 'types' must be 0 (info), 100 (create), 200 (modify), 300 (delete) or 400 (error), got '${v}'`,
          );
        }
        return n;
      }),
  );
  const desc = queryBool(c, 'orderDesc') ?? false;
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
  if (desc) selected.reverse();
  return collection(c, selected.map(auditView), LIMITS.auditPage);
}
