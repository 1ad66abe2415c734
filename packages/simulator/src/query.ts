import type { Context } from 'hono';
import { validationFailed } from './errors.js';
import { parseIsoUtc } from './state/dates.js';

/**
 * Query parameters, read the way ASP.NET binds them: names are case-insensitive, booleans are
 * `true`/`false` in any case, dates are ISO 8601. A value of the wrong shape is a 400 naming the
 * parameter; an absent or empty one is undefined.
 */

/** Every value of a parameter, in order (for repeated ones such as `types`). */
export function queryAll(c: Context, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of new URL(c.req.url).searchParams) {
    if (key.toLowerCase() === wanted) out.push(value);
  }
  return out;
}

/** The first non-empty value of a parameter. */
export function queryString(c: Context, name: string): string | undefined {
  return queryAll(c, name).find((v) => v !== '');
}

/** A boolean parameter. */
export function queryBool(c: Context, name: string): boolean | undefined {
  const value = queryString(c, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw validationFailed(`Query parameter '${name}' must be true or false, got '${value}'`);
}

/** An integer parameter within optional bounds. */
export function queryInt(
  c: Context,
  name: string,
  opts: { min?: number; max?: number } = {},
): number | undefined {
  const value = queryString(c, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) {
    throw validationFailed(`Query parameter '${name}' must be an integer, got '${value}'`);
  }
  const n = Number(value);
  if (opts.min !== undefined && n < opts.min) {
    throw validationFailed(`Query parameter '${name}' must be at least ${opts.min}, got ${n}`);
  }
  if (opts.max !== undefined && n > opts.max) {
    throw validationFailed(`Query parameter '${name}' must be at most ${opts.max}, got ${n}`);
  }
  return n;
}

/** An ISO 8601 date parameter, as epoch milliseconds. */
export function queryDate(c: Context, name: string): number | undefined {
  const value = queryString(c, name);
  if (value === undefined) return undefined;
  // An unencoded '+' of an offset (`+01:00`) arrives as a space.
  const ms = parseIsoUtc(value.replace(/ (\d{2}:?\d{2})$/, '+$1'));
  if (ms === undefined) {
    throw validationFailed(
      `Query parameter '${name}' must be an ISO 8601 date such as 2023-11-03T08:00:00Z, got '${value}'`,
    );
  }
  return ms;
}

/** A numeric id from a path segment; 400 when it is not a positive integer. */
export function pathId(c: Context, name: string, what: string): number {
  const raw = c.req.param(name) ?? '';
  if (!/^\d{1,9}$/.test(raw)) {
    throw validationFailed(
      `${what} id must be a positive integer, got '${raw}'`,
      `Path parameter {${name}}.`,
    );
  }
  return Number(raw);
}
