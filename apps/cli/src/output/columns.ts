import { columnHeader, columnValue, loadOperation } from '@cloutapi/resources';
import { isShown } from './values.js';

/** A table column: its header and the path of its value in an item (see `columnValue`). */
export type Column = readonly [header: string, path: string];

/**
 * Lists that are the CLI's own views rather than an operation's answer. An operation's list has
 * the columns its declaration names (`columns` in the registry).
 */
const OWN_COLUMNS: Record<string, readonly Column[]> = {
  'bunit.list': [
    ['ID', 'id'],
    ['NAME', 'name'],
    ['TYPE', 'type'],
    ['PARENT', 'parentId'],
  ],
};

const MAX_GENERIC = 6;

/**
 * The columns for a list of `kind` (an operation name such as `consumers.list`): the ones its
 * declaration names, or generic ones read from the items: `id`, other `...Id` fields, `name`,
 * then scalar fields, at most six, never `$type`, `href` or `actions`.
 */
export async function columnsFor(
  kind: string,
  items: readonly unknown[],
): Promise<readonly Column[]> {
  const own = OWN_COLUMNS[kind];
  if (own) return own;
  const declared = (await loadOperation(kind))?.columns;
  if (declared) return Object.entries(declared).map(([key, path]) => [columnHeader(key), path]);
  const keys: string[] = [];
  for (const item of items.slice(0, 20)) {
    if (!item || typeof item !== 'object') continue;
    for (const [key, value] of Object.entries(item)) {
      if (!keys.includes(key) && isShown(key, value) && isSimple(value)) keys.push(key);
    }
  }
  const rank = (key: string) =>
    key === 'id' ? 0 : /Id$/.test(key) ? 1 : key === 'name' || key === 'tsmName' ? 2 : 3;
  return keys
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, MAX_GENERIC)
    .map((key) => [columnHeader(key), key] as const);
}

/** The summary (money per currency) and counts are the only non-scalar values a list shows. */
function isSimple(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return !Array.isArray(value) && typeof (value as { name?: unknown }).name === 'string';
}

/** The cells of one row. */
export function rowOf(item: unknown, columns: readonly Column[]): unknown[] {
  return columns.map(([, path]) => columnValue(item, path));
}
