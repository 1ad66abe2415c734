import type { Context, MiddlewareHandler } from 'hono';
import type { Sim, SimEnv } from './context.js';
import { isWrite } from './guard.js';
import { recordAudit } from './state/audit.js';
import type { AuditEntryRecord, AuditType } from './state/model.js';
import { findConsumer, isWithin } from './state/queries.js';

/** Records a successful write by the caller (type 100 create, 200 modify, 300 delete). */
export function auditWrite(
  sim: Sim,
  c: Context<SimEnv>,
  entry: {
    type: AuditType;
    message: string;
    businessUnitId: number;
    consumerId?: number;
    subject: AuditEntryRecord['subject'];
  },
): void {
  const user = c.get('session')?.user;
  recordAudit(sim.state, {
    ...entry,
    at: sim.clock.now().toISOString(),
    ...(user ? { user } : {}),
  });
}

/**
 * Records every rejected write (a 4xx answer to an authenticated write) as a type 400 entry,
 * attached to the unit and consumer of the path when the caller can see them, else to the
 * caller's home unit.
 */
export function auditRejectedWrites(sim: Sim): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    await next();
    const session = c.get('session');
    const status = c.res.status;
    if (!session || status < 400 || status >= 500 || !isWrite(c.req.method, c.req.path)) return;
    const home = session.user.businessUnitId;
    const match = /^\/v1\/bunits\/(\d+)(?:\/consumers\/(\d+))?(\/node)?/.exec(c.req.path);
    const unitId = match ? Number(match[1]) : undefined;
    const visible = unitId !== undefined && isWithin(sim.state, unitId, home);
    const consumer = visible && match?.[2] ? findConsumer(sim.state, Number(match[2])) : undefined;
    const inUnit = consumer && consumer.businessUnitId === unitId ? consumer : undefined;
    const reason = c.get('apiError')?.message ?? `status ${status}`;
    recordAudit(sim.state, {
      type: 400,
      message: `Rejected ${c.req.method} ${c.req.path}: ${reason}`,
      at: sim.clock.now().toISOString(),
      user: session.user,
      businessUnitId: visible ? unitId : home,
      ...(inUnit ? { consumerId: inUnit.id } : {}),
      subject: inUnit ? (match?.[3] ? 'node' : 'consumer') : 'businessUnit',
    });
  };
}
