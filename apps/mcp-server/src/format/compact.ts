import { columnValue } from '@cloutapi/resources';
import type { Column } from './columns.js';

/**
 * Turns API resources into what a model needs: no `$type`/`href`/`actions` noise, no empty
 * values, `{id, name}` references as "name (#id)", and node passwords redacted unless allowed.
 */

const NOISE = new Set(['$type', 'href', 'actions', 'first']);
const SECRETS = new Set(['tsmpassword', 'password']);

/** What replaces a node password when secrets are not allowed. */
export const SECRET_PLACEHOLDER =
  '[redacted: start the MCP server with --allow-secrets to see node passwords]';

/** Options of compacting. */
export interface CompactOptions {
  allowSecrets: boolean;
}

/** Whether a field name holds a secret. */
export const isSecretField = (key: string) => SECRETS.has(key.toLowerCase());

/** Removes noise and empty values and redacts secrets, recursively (a copy). */
export function compact(value: unknown, options: CompactOptions, depth = 0): unknown {
  if (depth > 6) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => compact(v, options, depth + 1)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    // An invoice is addressed by the date at the end of its href; keep it when the link goes.
    const dated =
      typeof record.href === 'string' ? record.href.match(/\/(\d{4}-\d{2}-\d{2})$/) : null;
    if (dated) out.invoiceDate = dated[1]; // the path's YYYY-MM-DD, which the tools take
    for (const [key, v] of Object.entries(record)) {
      if (NOISE.has(key) || key === '__proto__' || (dated && key === 'invoiceDate')) continue;
      if (isSecretField(key) && typeof v === 'string') {
        out[key] = options.allowSecrets ? v : SECRET_PLACEHOLDER;
        continue;
      }
      const c = compact(v, options, depth + 1);
      if (c !== undefined) out[key] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (value === '' || value === null) return undefined;
  return value;
}

/** One cell of text for a value: references as "name (#id)", lists by their names. */
export function cell(value: unknown, max = 60): string {
  let text: string;
  if (value === undefined || value === null) text = '';
  else if (Array.isArray(value)) text = value.map((v) => cell(v, max)).join(', ');
  else if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    text =
      o.name !== undefined && o.id !== undefined
        ? `${o.name} (#${o.id})`
        : o.name !== undefined
          ? String(o.name)
          : o.id !== undefined
            ? `#${o.id}`
            : JSON.stringify(o);
  } else text = typeof value === 'string' ? shortTime(value) : String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Projects an item onto columns as a flat record of compact values, keyed by column. */
export function project(item: unknown, columns: readonly Column[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, path] of columns) {
    const v = columnValue(item, path);
    if (v !== undefined && v !== '' && v !== null) out[key] = v;
  }
  return out;
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** `2026-11-23T17:11:17.161Z` -> `2026-11-23 17:11:17Z`: a table does not need milliseconds. */
export function shortTime(text: string): string {
  const m = text.match(ISO_TIME);
  return m ? `${m[1]} ${m[2]}${m[3]}` : text;
}
