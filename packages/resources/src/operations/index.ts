/**
 * The operation registry: every Cloutility API operation of the catalog, declared once, grouped by
 * API area (one file per area, listed by `pnpm generate` in modules.generated.ts). The facade, the
 * MCP tools, the CLI commands, the docs table and the simulator's coverage check are all derived
 * from `operations`.
 */
import { type Area, operationsOf } from '../define-area.js';
import * as modules from './modules.generated.js';

/** Every area module, for typed access (`areas.consumers.create`); `.area` is its declaration. */
export const areas = modules;

type AreaModules = (typeof areas)[keyof typeof areas];
type OpsOf<T> = T extends unknown ? Exclude<T[keyof T], Area> : never;
/** The union of every declared operation's type. */
export type AnyOperation = OpsOf<AreaModules>;
/** The union of every area's declaration. */
export type AnyArea = AreaModules['area'];

/** Every operation, in catalog order (E01, E02, ...). */
export const operations: readonly AnyOperation[] = Object.values(areas)
  .flatMap(operationsOf)
  .sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));

const areaOfName = new Map<string, AnyArea>(
  Object.values(areas).flatMap((module) =>
    operationsOf(module).map((op) => [op.name, module.area]),
  ),
);

/** The area an operation is declared in (its file and its MCP toolset). */
export function areaOf(op: { name: string }): AnyArea {
  const area = areaOfName.get(op.name);
  if (!area) throw new Error(`${op.name} is not an operation of the registry`);
  return area;
}

/** Looks up an operation by its dotted name (`consumers.create`) or id (`E16`). */
export function findOperation(nameOrId: string): AnyOperation | undefined {
  return operations.find((op) => op.name === nameOrId || op.id === nameOrId);
}
