import type { BusinessUnitRecord, ConsumerRecord, SimulatorState, UserRecord } from './model.js';

/** Read-only lookups over the state, shared by routes, views and seeding. */

export const findBusinessUnit = (state: SimulatorState, id: number) =>
  state.businessUnits.find((b) => b.id === id);

export const findConsumer = (state: SimulatorState, id: number) =>
  state.consumers.find((c) => c.id === id);

export const findNodeOf = (state: SimulatorState, consumerId: number) =>
  state.nodes.find((n) => n.consumerId === consumerId);

export const findUser = (state: SimulatorState, id: number) => state.users.find((u) => u.id === id);

/** The direct children of a unit, in id order. */
export const childrenOf = (state: SimulatorState, id: number) =>
  state.businessUnits.filter((b) => b.parentId === id);

/** A unit and every unit below it, parents before children. */
export function subtreeOf(state: SimulatorState, id: number): BusinessUnitRecord[] {
  const root = findBusinessUnit(state, id);
  if (!root) return [];
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...childrenOf(state, out[i]!.id));
  return out;
}

/** True when `id` is `ancestorId` or lies below it. */
export function isWithin(state: SimulatorState, id: number, ancestorId: number): boolean {
  let current = findBusinessUnit(state, id);
  for (let depth = 0; current && depth < 1000; depth++) {
    if (current.id === ancestorId) return true;
    current =
      current.parentId === undefined ? undefined : findBusinessUnit(state, current.parentId);
  }
  return false;
}

/** The ancestors of a unit, nearest first. */
export function ancestorsOf(state: SimulatorState, id: number): BusinessUnitRecord[] {
  const out: BusinessUnitRecord[] = [];
  let current = findBusinessUnit(state, id);
  while (current?.parentId !== undefined) {
    current = findBusinessUnit(state, current.parentId);
    if (current) out.push(current);
  }
  return out;
}

/** The consumers directly in a unit. */
export const consumersOf = (state: SimulatorState, businessUnitId: number): ConsumerRecord[] =>
  state.consumers.filter((c) => c.businessUnitId === businessUnitId);

/** The unit's default server: its own, else the nearest ancestor's, else the first server. */
export function defaultServerIdOf(state: SimulatorState, businessUnitId: number): number {
  const unit = findBusinessUnit(state, businessUnitId);
  if (unit?.defaultServerId !== undefined) return unit.defaultServerId;
  for (const a of ancestorsOf(state, businessUnitId)) {
    if (a.defaultServerId !== undefined) return a.defaultServerId;
  }
  return state.servers[0]?.id ?? 1;
}

/** The contract that applies to a unit: its own or the nearest ancestor's. */
export function contractOf(state: SimulatorState, businessUnitId: number) {
  for (const unit of [
    findBusinessUnit(state, businessUnitId),
    ...ancestorsOf(state, businessUnitId),
  ]) {
    const contract = unit && state.contracts.find((c) => c.businessUnitId === unit.id);
    if (contract) return contract;
  }
  return undefined;
}

/**
 * Items grouped by consumer, cached per array and rebuilt when its length changes (items are
 * appended, and removals replace the array): large fleets would otherwise scan every job and
 * report of every machine on each request.
 */
const byConsumerCache = new WeakMap<object, { length: number; groups: Map<number, unknown[]> }>();
function byConsumer<T extends { consumerId: number }>(items: T[]): Map<number, T[]> {
  const cached = byConsumerCache.get(items);
  if (cached?.length === items.length) return cached.groups as Map<number, T[]>;
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(item.consumerId);
    if (group) group.push(item);
    else groups.set(item.consumerId, [item]);
  }
  byConsumerCache.set(items, { length: items.length, groups });
  return groups;
}

/** The jobs of a consumer, ordered by completion. */
export const jobsOf = (state: SimulatorState, consumerId: number) =>
  (byConsumer(state.jobs).get(consumerId) ?? []).slice();

/** The daily reports of a consumer, oldest first. */
export const reportsOf = (state: SimulatorState, consumerId: number) =>
  (byConsumer(state.reports).get(consumerId) ?? []).slice();

/** The users whose home is a unit. */
export const usersOf = (state: SimulatorState, businessUnitId: number): UserRecord[] =>
  state.users.filter((u) => u.businessUnitId === businessUnitId);
