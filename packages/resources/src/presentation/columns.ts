import type { Operation } from '../define.js';
import { fieldRank, isSecretField, isShown } from './fields.js';

/** A column: its key (the MCP row's field; the CLI header, see {@link columnHeader}) and path. */
export type Column = readonly [key: string, path: string];

const FALLBACK_MAX = 6; // columns
const FALLBACK_SAMPLE = 20; // items read for them

/** The columns an operation declares for its collection (none for anything else). */
export function declaredColumns(op: Pick<Operation, 'columns'>): Column[] {
  return Object.entries(op.columns ?? {});
}

/**
 * The columns of a list, for the CLI's tables and the MCP tools' rows alike: its operation's
 * declared ones, else (a list of an app's own) the fallback read from the items: `id`, the name,
 * other `...Id` fields, then other plain fields (a reference or a money total counts as plain),
 * at most six, never noise or a secret.
 */
export function listColumns(
  op: Pick<Operation, 'columns'> | undefined,
  items: readonly unknown[],
): Column[] {
  if (op?.columns) return declaredColumns(op);
  const keys: string[] = [];
  for (const item of items.slice(0, FALLBACK_SAMPLE)) {
    if (!item || typeof item !== 'object') continue;
    for (const [key, value] of Object.entries(item)) {
      if (keys.includes(key) || isSecretField(key, value)) continue;
      if (isShown(key, value) && isPlain(value)) keys.push(key);
    }
  }
  return keys
    .sort((a, b) => fieldRank(a) - fieldRank(b))
    .slice(0, FALLBACK_MAX)
    .map((key) => [key, key] as const);
}

/** A scalar, or an object that reads as one cell (a reference, a money total); never a list. */
function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return false;
  const v = value as { name?: unknown; total?: unknown };
  return typeof v.name === 'string' || typeof v.total === 'number';
}

/** An item projected onto columns: its non-empty values by column key. */
export function project(item: unknown, columns: readonly Column[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, path] of columns) {
    const value = columnValue(item, path);
    if (value !== undefined && value !== '' && value !== null) out[key] = value;
  }
  return out;
}

/** The value at a column's path: `a.b`, `a[].b` (each element's), `a.length`; else undefined. */
export function columnValue(item: unknown, path: string): unknown {
  const [head, ...rest] = path.split('[].');
  let value: unknown = item;
  for (const key of (head ?? '').split('.')) {
    if (key === 'length' && Array.isArray(value)) return value.length;
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (rest.length && Array.isArray(value))
    return value
      .map((element) => columnValue(element, rest.join('[].')))
      .filter((v) => v !== undefined);
  return value;
}

/** A column's key as a table header: `transferredMegaBytes` -> `TRANSFERRED MEGA BYTES`. */
export function columnHeader(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toUpperCase();
}
