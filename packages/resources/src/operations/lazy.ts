/**
 * The registry, one API area at a time: each area module (operations/<area>.ts) is imported when
 * first needed, so a program that calls one operation loads that area's schemas, not those
 * of every area. The index of names (`OPERATION_INDEX`, generated from the registry) says where each
 * operation is declared without loading any.
 */
import { OPERATION_INDEX } from '../api.generated.js';
import { operationsOf } from '../define-area.js';
import { AREAS } from './areas.generated.js';
import type { AnyOperation } from './index.js';

/** An area module of the registry (`operations/<area>.ts`). */
export type AreaModule = keyof typeof AREAS;

type Index = typeof OPERATION_INDEX;
/** A namespace of the facade (`consumers`), the first half of an operation's name. */
export type Namespace = keyof Index;

const loaded = new Map<AreaModule, Promise<readonly AnyOperation[]>>();

/** The operations declared in one area module, loading it the first time. */
export function loadArea(area: AreaModule): Promise<readonly AnyOperation[]> {
  let ops = loaded.get(area);
  if (!ops) {
    ops = AREAS[area].load().then(operationsOf);
    loaded.set(area, ops);
  }
  return ops;
}

/** The namespaces of the facade, in catalog order: `meta`, `actions`, `bunits`, ... */
export function namespaceNames(): Namespace[] {
  return Object.keys(OPERATION_INDEX) as Namespace[];
}

/** The method names of a namespace (`list`, `get`, ...), without loading it. */
export function actionsOf(namespace: string): string[] {
  const entry = (OPERATION_INDEX as Record<string, object>)[namespace];
  return entry ? Object.keys(entry) : [];
}

/** Where an operation is declared, by its dotted name; undefined for an unknown name. */
export function indexEntry(name: string): { area: AreaModule; collection: boolean } | undefined {
  const [namespace = '', action = ''] = name.split('.');
  const entries = (OPERATION_INDEX as Record<string, Record<string, unknown>>)[namespace];
  return Object.hasOwn(entries ?? {}, action)
    ? (entries?.[action] as { area: AreaModule; collection: boolean })
    : undefined;
}

/** One operation by its dotted name (`consumers.list`), loading its area; undefined if unknown. */
export async function loadOperation(name: string): Promise<AnyOperation | undefined> {
  const entry = indexEntry(name);
  if (!entry) return undefined;
  return (await loadArea(entry.area)).find((op) => op.name === name);
}

/**
 * The operations of one namespace (or of every namespace), in catalog order (E01..E51), loading
 * only the areas that declare them.
 */
export async function loadOperations(namespace?: string): Promise<readonly AnyOperation[]> {
  const wanted = namespace === undefined ? namespaceNames() : [namespace];
  const areas = wanted.flatMap((ns) =>
    actionsOf(ns).flatMap((a) => indexEntry(`${ns}.${a}`)?.area ?? []),
  );
  const ops = (await Promise.all([...new Set(areas)].map(loadArea))).flat();
  return ops
    .filter((op) => namespace === undefined || op.name.startsWith(`${namespace}.`))
    .sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
}
