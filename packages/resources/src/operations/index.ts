/**
 * The operation registry: every Cloutility API operation of the catalog, declared once, grouped by
 * API area. The facade, the MCP tools, the CLI commands, the docs table and the simulator's
 * coverage check are all derived from `operations`.
 */
import * as audit from './audit.js';
import * as billing from './billing.js';
import * as bunits from './bunits.js';
import * as catalog from './catalog.js';
import * as consumers from './consumers.js';
import * as jobs from './jobs.js';
import * as meta from './meta.js';
import * as nodes from './nodes.js';
import * as proxies from './proxies.js';
import * as reports from './reports.js';
import * as servers from './servers.js';
import * as timezones from './timezones.js';

/** Every operation by area module, for typed access (`areas.consumers.create`). */
export const areas = {
  meta,
  bunits,
  timezones,
  consumers,
  audit,
  reports,
  jobs,
  servers,
  catalog,
  nodes,
  proxies,
  billing,
};

type AreaOps = (typeof areas)[keyof typeof areas];
type OpsOf<T> = T extends unknown ? T[keyof T] : never;
/** The union of every declared operation's type. */
export type AnyOperation = OpsOf<AreaOps>;

/** Every operation, in catalog order (E01, E02, ...). */
export const operations: readonly AnyOperation[] = Object.values(areas)
  .flatMap((area) => Object.values(area) as AnyOperation[])
  .sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));

/** Looks up an operation by its dotted name (`consumers.create`) or id (`E16`). */
export function findOperation(nameOrId: string): AnyOperation | undefined {
  return operations.find((op) => op.name === nameOrId || op.id === nameOrId);
}
