/**
 * Reading the columns an operation declares (`columns`): the value at a column's path, and its
 * header. The CLI's tables and the MCP tools' rows both read them here, so a path means the same
 * everywhere.
 */

/**
 * The value at a column's path in an item: `a.b`, `a[].b` (the `b` of every element), and
 * `a.length` (the length of a list); undefined when a step is missing.
 */
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
