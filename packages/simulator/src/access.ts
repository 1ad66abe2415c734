import type { Context } from 'hono';
import type { Session, Sim, SimEnv } from './context.js';
import { forbidden, notFound, unauthorized, validationFailed } from './errors.js';
import type { BusinessUnitRecord, ConsumerRecord, NodeRecord } from './state/model.js';
import { findBusinessUnit, findConsumer, findNodeOf, isWithin } from './state/queries.js';

/**
 * Who may see what: a user sees their home unit and everything below it. Unknown ids are 404,
 * units outside the user's tree are 403; a consumer must belong to the unit in the path.
 */

/** The caller; set by the guard for every API route. */
export function sessionOf(c: Context<SimEnv>): Session {
  const session = c.get('session');
  if (!session) throw unauthorized('Not signed in');
  return session;
}

/** Checks that the caller may see unit `id`. */
export function checkUnitVisible(sim: Sim, session: Session, id: number): BusinessUnitRecord {
  const unit = findBusinessUnit(sim.state, id);
  if (!unit) throw notFound(`Business unit ${id} was not found`, `No business unit has id ${id}.`);
  if (!isWithin(sim.state, id, session.user.businessUnitId)) {
    throw forbidden(
      `You have no access to business unit ${id}`,
      `User '${session.user.name}' can reach business unit ${session.user.businessUnitId} and the units below it.`,
    );
  }
  return unit;
}

/** The unit of the `{bunitId}` path parameter. */
export function unitParam(sim: Sim, c: Context<SimEnv>): BusinessUnitRecord {
  return checkUnitVisible(sim, sessionOf(c), pathId(c, 'bunitId', 'Business unit'));
}

/** The consumer of a path parameter (default `{consumerId}`), which must be in `unit`. */
export function consumerParam(
  sim: Sim,
  c: Context<SimEnv>,
  unit: BusinessUnitRecord,
  name = 'consumerId',
): ConsumerRecord {
  const id = pathId(c, name, 'Consumer');
  const consumer = findConsumer(sim.state, id);
  if (!consumer || consumer.businessUnitId !== unit.id) {
    throw notFound(
      `Consumer ${id} was not found in business unit ${unit.id}`,
      consumer
        ? `Consumer ${id} belongs to business unit ${consumer.businessUnitId}.`
        : `No consumer has id ${id}.`,
    );
  }
  return consumer;
}

/** The node of a consumer; 404 when it has none yet. */
export function nodeOf(sim: Sim, consumer: ConsumerRecord): NodeRecord {
  const node = findNodeOf(sim.state, consumer.id);
  if (!node) {
    throw notFound(
      `Consumer ${consumer.id} ('${consumer.name}') has no backup node`,
      `Create one with POST /v1/bunits/${consumer.businessUnitId}/consumers/${consumer.id}/node.`,
    );
  }
  return node;
}

/**
 * A numeric id from a path segment; 400 when it is not a positive integer. (A path segment is
 * one string, so a pattern says it all; body and query schemas are in `schemas.ts`.)
 */
export function pathId(c: Context, name: string, what: string): number {
  const raw = c.req.param(name) ?? '';
  if (!/^\d{1,9}$/.test(raw)) {
    throw validationFailed(
      `${what} id must be a positive integer, got '${raw}'`,
      `Path parameter {${name}}.`,
    );
  }
  return Number(raw);
}

/** The record of `records` whose id is the path parameter `name`; 404 (with `hint`) when none is. */
export function recordParam<T extends { id: number }>(
  c: Context,
  records: readonly T[],
  name: string,
  what: string,
  hint?: string,
): T {
  const id = pathId(c, name, what);
  const record = records.find((r) => r.id === id);
  if (!record) throw notFound(`${what} ${id} was not found`, hint);
  return record;
}
