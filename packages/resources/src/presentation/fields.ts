import { isSecretKey } from '@cloutapi/core';

// Which fields of an answer a person or a model reads. The CLI and the MCP server both ask here;
// only their words for a hidden secret differ. `$type` and the links are for programs.
const NOISE = new Set(['$type', 'href', 'first', 'actions']);

/** Whether a field is the API's hypermedia (`$type`, `href`, `first`, `actions`). */
export const isNoise = (key: string): boolean => NOISE.has(key);

/** Whether a value says nothing: undefined, null, `''` or `[]`. */
export const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

/** Whether a field holds a secret to hide: a secret's name (`tsmPassword`, tokens) with a value. */
export const isSecretField = (key: string, value: unknown): boolean =>
  isSecretKey(key) && !isEmpty(value);

/** Whether a field is worth showing: not noise, not empty. */
export const isShown = (key: string, value: unknown): boolean => !isNoise(key) && !isEmpty(value);

/** Where a field reads: its id first, then its name, then what it links to (ids), then the rest. */
export function fieldRank(key: string): number {
  if (key === 'id') return 0;
  if (key === 'name' || key === 'tsmName') return 1;
  return /Id$/.test(key) ? 2 : 3;
}

/** The fields of one item worth showing, in reading order (see {@link fieldRank}). */
export function shownFields(item: object): [string, unknown][] {
  return Object.entries(item)
    .filter(([key, value]) => isShown(key, value))
    .sort(([a], [b]) => fieldRank(a) - fieldRank(b));
}

/** A deep copy of `value`, each secret's value replaced by `hidden` (`[hidden]`), all else kept. */
export function hideSecrets<T>(value: T, hidden: string, depth = 0): T {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => hideSecrets(v, hidden, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of fieldsOf(value))
    out[key] = isSecretField(key, v) ? hidden : hideSecrets(v, hidden, depth + 1);
  return out as T;
}

/**
 * An API answer as a model reads it: no noise, no empty values, every secret replaced by
 * `hidden` (kept when `hidden` is undefined: the user allowed secrets), and an invoice's date kept
 * when its `href` goes (it is what the invoice operations take). Undefined when nothing is left.
 */
export function compact(value: unknown, hidden: string | undefined, depth = 0): unknown {
  if (depth > 6) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => compact(v, hidden, depth + 1)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') return compactObject(value, hidden, depth);
  return isEmpty(value) ? undefined : value;
}

function compactObject(value: object, hidden: string | undefined, depth: number): unknown {
  const out: Record<string, unknown> = {};
  const invoiceDate = invoiceDateOf(value);
  if (invoiceDate) out.invoiceDate = invoiceDate;
  for (const [key, v] of fieldsOf(value)) {
    if (isNoise(key) || (invoiceDate && key === 'invoiceDate')) continue;
    const shown =
      hidden !== undefined && isSecretField(key, v) ? hidden : compact(v, hidden, depth + 1);
    if (shown !== undefined) out[key] = shown;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The `YYYY-MM-DD` an invoice's href ends with (how the API addresses an invoice). */
function invoiceDateOf(value: object): string | undefined {
  const href = (value as { href?: unknown }).href;
  return typeof href === 'string' ? /\/(\d{4}-\d{2}-\d{2})$/.exec(href)?.[1] : undefined;
}

/** An object's own fields, without `__proto__` (a hostile answer's, which a copy would obey). */
function fieldsOf(value: object): [string, unknown][] {
  return Object.entries(value).filter(([key]) => key !== '__proto__');
}
