import { z } from 'zod';
import { LIMITS } from './limits.js';
import { parseIsoUtc } from './state/dates.js';

/**
 * Building blocks of the simulator's request schemas. Each routes file declares the schemas of
 * its bodies and queries from these; `validate.ts` applies them and turns the first zod issue
 * into the API's 400. The simulator's own schemas, on purpose: it is an independent second
 * implementation of the API, so it never imports `@cloutapi/resources`.
 *
 * Wording of failures lives in `validate.ts` (by issue code); a check that zod cannot word
 * by itself raises a `custom` issue whose message completes "Field 'x' ..." and whose
 * `params.hint` says what to send instead.
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An object read the way an ASP.NET (Json.NET) backend reads a body: property names match the
 * shape's case-insensitively (the Go client sends `{"Name": ...}`), a later duplicate wins,
 * unknown properties are ignored and `null` counts as absent. Failures name the field in the
 * shape's (the API's camelCase) spelling.
 */
export function caseInsensitive<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = new Map(Object.keys(shape).map((name) => [name.toLowerCase(), name]));
  return z.preprocess((value) => {
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const name = names.get(key.toLowerCase());
      if (name !== undefined) out[name] = v;
    }
    for (const [name, v] of Object.entries(out)) if (v === null) delete out[name];
    return out;
  }, z.object(shape));
}

/**
 * A reference to another resource: an object with an integer `id`, read as that id. Any other
 * property (such as the rest of a resource read earlier) is ignored.
 */
export const ref = caseInsensitive({ id: z.int() }).transform((r) => r.id);

/** A name: not blank, at most `max` characters before trimming; read trimmed. */
export const name = (max: number = LIMITS.name) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1));

/** An ISO 8601 date (`2023-11-03T08:00:00Z`), read normalised to UTC; `''` counts as absent. */
export const isoDate = z.string().transform((value, ctx) => {
  if (value === '') return undefined;
  const ms = parseIsoUtc(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', input: value, message: notADate(value) });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

const notADate = (value: string) =>
  `must be an ISO 8601 date such as 2023-11-03T08:00:00Z, got '${value}'`;

/**
 * Query parameters, bound the way ASP.NET binds them: names are case-insensitive and a
 * parameter may repeat (`types=100&types=400`). `queryObject` hands each field every value it
 * was sent, in order; the `param` readers below pick what they need from that list.
 */
export function queryObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = new Map(Object.keys(shape).map((name) => [name.toLowerCase(), name]));
  return z.preprocess((value) => {
    const out: Record<string, string[]> = {};
    for (const [key, v] of Object.entries(isPlainObject(value) ? value : {})) {
      const name = names.get(key.toLowerCase());
      if (name !== undefined) out[name] = [...(out[name] ?? []), ...(Array.isArray(v) ? v : [v])];
    }
    return out;
  }, z.object(shape));
}

/** The first non-empty value of a parameter, or undefined: how a scalar parameter binds. */
const firstValue = (values: unknown) =>
  Array.isArray(values) ? values.find((v) => v !== '') : values;

/** Readers of one query parameter (a field of {@link queryObject}). */
export const param = {
  /** Every value sent, in order (`[]` when absent). */
  all: () => z.array(z.string()).default([]),

  /** The first value as sent, even an empty one (for a parameter whose emptiness is an error). */
  raw: () => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional()),

  /** A string of at most `max` characters. */
  string: (max?: number) =>
    z.preprocess(firstValue, (max === undefined ? z.string() : z.string().max(max)).optional()),

  /** `true` or `false`, in any case. */
  bool: () =>
    z.preprocess(
      firstValue,
      z
        .string()
        .transform((value, ctx) => {
          const lower = value.toLowerCase();
          if (lower === 'true' || lower === 'false') return lower === 'true';
          ctx.addIssue({
            code: 'custom',
            input: value,
            message: `must be true or false, got '${value}'`,
          });
          return z.NEVER;
        })
        .optional(),
    ),

  /** A whole number within the bounds. */
  int: (bounds: { min?: number; max?: number } = {}) => {
    let number = z.int();
    if (bounds.min !== undefined) number = number.min(bounds.min);
    if (bounds.max !== undefined) number = number.max(bounds.max);
    return z.preprocess(
      firstValue,
      z
        .string()
        .transform((value, ctx) => {
          if (/^-?\d+$/.test(value)) return Number(value);
          ctx.addIssue({
            code: 'custom',
            input: value,
            message: `must be an integer, got '${value}'`,
          });
          return z.NEVER;
        })
        .pipe(number)
        .optional(),
    );
  },

  /** An ISO 8601 date, as epoch milliseconds. */
  date: () =>
    z.preprocess(
      firstValue,
      z
        .string()
        .transform((value, ctx) => {
          // An unencoded '+' of an offset (`+01:00`) arrives as a space.
          const ms = parseIsoUtc(value.replace(/ (\d{2}:?\d{2})$/, '+$1'));
          if (ms !== undefined) return ms;
          ctx.addIssue({ code: 'custom', input: value, message: notADate(value) });
          return z.NEVER;
        })
        .optional(),
    ),
};

/** `offset` and `limit` of a collection (see `collection.ts`); `limit` within `page`. */
export const paging = (page: { min: number; max: number } = LIMITS.page) => ({
  offset: param.int({ min: 0 }),
  limit: param.int(page),
});

/** The query of a plain collection route: paging and nothing else. */
export const Paged = queryObject(paging());
