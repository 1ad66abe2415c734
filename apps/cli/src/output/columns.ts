import { columnHeader, columnValue, listColumns, loadOperation } from '@cloutapi/resources';

/** A table column: its header and the path of its value in an item (see `columnValue`). */
export type Column = readonly [header: string, path: string];

/**
 * The columns for a list of `kind` (an operation name such as `consumers.list`): the ones its
 * declaration names, or resources' fallback for a list of the CLI's own (`listColumns`).
 */
export async function columnsFor(
  kind: string,
  items: readonly unknown[],
): Promise<readonly Column[]> {
  return listColumns(await loadOperation(kind), items).map(([key, path]) => [
    columnHeader(key),
    path,
  ]);
}

/** The cells of one row. */
export function rowOf(item: unknown, columns: readonly Column[]): unknown[] {
  return columns.map(([, path]) => columnValue(item, path));
}
