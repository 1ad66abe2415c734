import type { IdKind, SimulatorState } from './model.js';

/**
 * Where each kind of id starts. The ranges differ so that a client mixing up, say, a consumer id
 * with a business unit id gets a 404 instead of a lucky hit.
 */
export const ID_BASES: Record<IdKind, number> = {
  businessUnit: 10,
  tag: 80,
  consumer: 400,
  node: 700,
  user: 50,
  job: 100_000,
  report: 200_000,
  filespace: 3_000,
  audit: 5_000,
  contract: 300,
  subscription: 350,
  invoice: 800,
  billing: 900,
  invoiceFile: 60,
};

/** Takes the next id of a kind. */
export function nextId(state: SimulatorState, kind: IdKind): number {
  const id = state.nextId[kind];
  state.nextId[kind] = id + 1;
  return id;
}
