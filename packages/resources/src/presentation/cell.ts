// How a value reads in a cell, in the CLI and for a model alike; the apps add only what their
// medium needs (the CLI makes control characters visible).
const LIST_MAX = 5; // references in a list, then "(+N more)"
const JSON_MAX = 60; // an object that is no reference reads as its JSON, cut here

// An ISO 8601 time; its seconds are dropped, as a table needs minutes.
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A value as it reads in a cell: times as `2026-11-22 03:10Z` (the API's year-1 placeholder as
 * nothing), booleans as `yes`/`no`, numbers to two decimals, a money total as `167.5 EUR`, a
 * reference as `name (#id)`, a list by its elements (references: the first five, then
 * `(+N more)`), text on one line and never cut.
 */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return textOf(value);
  if (typeof value === 'number') return String(Number.isInteger(value) ? value : round(value));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return listOf(value);
  if (typeof value === 'object') return refOf(value) ?? jsonOf(value);
  return String(value);
}

function listOf(values: readonly unknown[]): string {
  if (values.every((v) => v === null || typeof v !== 'object'))
    return values.map(cellText).join(', ');
  const refs = values.map(refOf).filter((r): r is string => r !== undefined);
  if (refs.length < values.length) return `${values.length} item${values.length === 1 ? '' : 's'}`;
  const more = refs.length > LIST_MAX ? ` (+${refs.length - LIST_MAX} more)` : '';
  return refs.slice(0, LIST_MAX).join(', ') + more;
}

/** A reference as `name (#id)`, `name` or `#id`; a money total as `167.5 EUR`. */
function refOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const name = nameOf(value as Record<string, unknown>);
  const id = (value as { id?: unknown }).id;
  if (name !== undefined) return id === undefined ? name : `${name} (#${String(id)})`;
  return id === undefined ? undefined : `#${String(id)}`;
}

function nameOf(v: Record<string, unknown>): string | undefined {
  // A billing total: { currency: { code: 'EUR' }, total: 167.5 }.
  if (typeof v.total === 'number' && v.currency && typeof v.currency === 'object') {
    const code = (v.currency as { code?: unknown }).code;
    return `${round(v.total)}${typeof code === 'string' ? ` ${code}` : ''}`;
  }
  for (const key of ['name', 'tsmName', 'text', 'code']) {
    if (typeof v[key] === 'string' && v[key] !== '') return v[key] as string;
  }
  return undefined;
}

function jsonOf(value: object): string {
  const json = JSON.stringify(value) ?? '';
  return json.length > JSON_MAX ? `${json.slice(0, JSON_MAX - 1)}…` : json;
}

function textOf(text: string): string {
  const time = ISO_TIME.exec(text);
  if (!time) return text.replace(/\s*\n\s*/g, ' ');
  // The API's placeholder for "no date" (jobs.first) is year 1.
  if (time[1]?.startsWith('0001-')) return '';
  const zone = time[5];
  const utc = !zone || zone === 'Z' || /^[+-]00:?00$/.test(zone);
  return `${time[1]} ${time[2]}${utc ? 'Z' : zone}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
