import { isSecretKey } from '@cloutapi/core';
import { visible } from './sanitize.js';

/** What a hidden secret shows instead of its value. */
const HIDDEN = '[hidden]';

/** Fields of the API's hypermedia that say nothing to a person reading a table. */
const NOISE = new Set(['$type', 'href', 'actions']);

/**
 * A deep copy with every secret field (`tsmPassword`, `password`, tokens) replaced by `[hidden]`,
 * unless `reveal`. Applied to every output, JSON included: only `enroll` and `nodes get --reveal`
 * show a node password.
 */
export function hideSecrets<T>(value: T, reveal = false): T {
  if (reveal) return value;
  return mapSecrets(value, 0) as T;
}

function mapSecrets(value: unknown, depth: number): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => mapSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) && v !== undefined && v !== null && v !== ''
        ? HIDDEN
        : mapSecrets(v, depth + 1);
  }
  return out;
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A value as it reads in a table cell: terse, one line, control characters made visible. */
export function cell(value: unknown): string {
  return visible(cellText(value));
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return formatText(value);
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(round(value));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object'))
      return value.map(cellText).join(', ');
    const names = value.map(nameOf).filter((n): n is string => n !== undefined);
    if (names.length === value.length) {
      return names.length > 5
        ? `${names.slice(0, 5).join(', ')} (+${names.length - 5} more)`
        : names.join(', ');
    }
    return `${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  if (typeof value === 'object') {
    const name = nameOf(value);
    const id = (value as { id?: unknown }).id;
    if (name !== undefined) return id !== undefined ? `${name} (#${String(id)})` : name;
    if (id !== undefined) return `#${String(id)}`;
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  }
  return String(value);
}

/** Whether a top-level field is worth a row in a table (not hypermedia, not empty). */
export function isShown(key: string, value: unknown): boolean {
  if (NOISE.has(key) || value === undefined || value === null || value === '') return false;
  if (Array.isArray(value) && value.length === 0) return false;
  return true;
}

function nameOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
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

function formatText(text: string): string {
  const time = ISO_TIME.exec(text);
  if (time) {
    // The API's placeholder for "no date" (jobs.first) is year 1.
    if (time[1]?.startsWith('0001-')) return '';
    const utc = !time[5] || time[5] === 'Z' || /^[+-]00:?00$/.test(time[5]);
    return `${time[1]} ${time[2]}${utc ? 'Z' : (time[5] ?? '')}`;
  }
  return text.replace(/\s*\n\s*/g, ' ');
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
