import type { BusinessUnitSummary } from '../models/index.js';
import { matchByName } from './lookup.js';

/** One unit of a flattened tree. */
export interface FlatUnit {
  id: number;
  name: string;
  parentId: number | undefined;
  /** 0 for the root. */
  depth: number;
  /** Names from the root down to this unit. */
  path: string[];
}

/** Flattens the summary tree of `bunits.tree` depth-first, parents before children. */
export function flattenTree(root: BusinessUnitSummary): FlatUnit[] {
  const out: FlatUnit[] = [];
  const visit = (unit: BusinessUnitSummary, parentId: number | undefined, path: string[]) => {
    if (unit.id === undefined) return;
    const name = unit.name ?? `#${unit.id}`;
    const here = [...path, name];
    out.push({
      id: unit.id,
      name,
      parentId: unit.parentId ?? parentId,
      depth: path.length,
      path: here,
    });
    for (const child of unit.businessUnits ?? []) visit(child, unit.id, here);
  };
  visit(root, undefined, []);
  return out;
}

/** Units by id, else by exact name (any case), else by part of the name; several: caller picks. */
export function findUnits(root: BusinessUnitSummary, query: string | number): FlatUnit[] {
  const units = flattenTree(root);
  const text = String(query).trim();
  if (typeof query === 'number' || /^\d+$/.test(text)) {
    const byId = units.filter((u) => u.id === Number(text));
    if (byId.length || typeof query === 'number') return byId;
  }
  return matchByName(units, String(query));
}

/** The names from the root to the unit `id`, or undefined when it is not in the tree. */
export function pathFromRoot(root: BusinessUnitSummary, id: number): string[] | undefined {
  return flattenTree(root).find((u) => u.id === id)?.path;
}
