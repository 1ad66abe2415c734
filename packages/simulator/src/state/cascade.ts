import type { SimulatorState } from './model.js';
import { subtreeOf } from './queries.js';

/** Removes a consumer with its node, proxy relationships, jobs, reports and filespaces. */
export function removeConsumer(state: SimulatorState, consumerId: number): void {
  state.consumers = state.consumers.filter((c) => c.id !== consumerId);
  state.nodes = state.nodes.filter((n) => n.consumerId !== consumerId);
  state.proxies = state.proxies.filter(
    (p) => p.agentConsumerId !== consumerId && p.targetConsumerId !== consumerId,
  );
  state.jobs = state.jobs.filter((j) => j.consumerId !== consumerId);
  state.reports = state.reports.filter((r) => r.consumerId !== consumerId);
  state.filespaces = state.filespaces.filter((f) => f.consumerId !== consumerId);
}

/**
 * Removes a unit and everything below it: child units, their consumers (with nodes and
 * activity), users, contracts and invoice files. Invoices and billing data stay, as financial
 * history does. The audit log is never touched.
 */
export function removeUnitTree(state: SimulatorState, unitId: number): void {
  const ids = new Set(subtreeOf(state, unitId).map((u) => u.id));
  for (const consumer of state.consumers.filter((c) => ids.has(c.businessUnitId))) {
    removeConsumer(state, consumer.id);
  }
  state.businessUnits = state.businessUnits.filter((b) => !ids.has(b.id));
  state.users = state.users.filter((u) => !ids.has(u.businessUnitId));
  state.contracts = state.contracts.filter((c) => !ids.has(c.businessUnitId));
  state.invoiceFiles = state.invoiceFiles.filter((f) => !ids.has(f.businessUnitId));
}
