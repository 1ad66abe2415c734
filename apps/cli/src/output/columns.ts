import { columnHeader, columnValue, listColumns, loadOperation } from '@cloutapi/resources';
import type { Colors } from './colors.js';

/**
 * Items of `kind` (an operation name such as `jobs.list`) as a table: the columns its declaration
 * names, or resources' fallback for a list of the CLI's own (`listColumns`).
 */
export async function renderList(
  kind: string,
  items: readonly unknown[],
  colors: Colors,
): Promise<string> {
  const { renderTable } = await import('./table.js');
  const columns = listColumns(await loadOperation(kind), items);
  return renderTable(
    columns.map(([key]) => columnHeader(key)),
    items.map((item) => columns.map(([, path]) => columnValue(item, path))),
    colors,
  );
}
