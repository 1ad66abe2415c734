import type { Context } from 'hono';
import { badRequest, validationFailed } from './errors.js';
import { parseIsoUtc } from './state/dates.js';

/**
 * Request bodies as an ASP.NET (Json.NET) backend reads them: property names match
 * case-insensitively (the Go client sends `{"Name": ...}`), unknown properties are ignored, and a
 * reference to another resource is an object with an `id`.
 *
 * `readJsonObject` lower-cases every key once; the field readers then look names up in lower
 * case and report them in the API's camelCase.
 */

/** A JSON object whose keys have all been lower-cased (recursively). */
export type JsonObject = { readonly [lowerCaseKey: string]: unknown };

/** Reads the body as a JSON object; 400 when it is empty, malformed or not an object. */
export async function readJsonObject(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  if (text.trim() === '') {
    throw badRequest(
      'The request body is empty; a JSON object is required',
      `${c.req.method} ${c.req.path} expects a JSON object body.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(
      'The request body is not valid JSON',
      `JSON.parse failed: ${(err as Error).message}. Send a JSON object with Content-Type: application/json.`,
    );
  }
  if (!isPlainObject(value)) {
    throw badRequest(
      `The request body must be a JSON object, got ${describe(value)}`,
      `${c.req.method} ${c.req.path} expects a JSON object.`,
    );
  }
  return lowerKeys(value) as JsonObject;
}

/** Lower-cases the keys of every object in a JSON value; later duplicates win, as in Json.NET. */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key.toLowerCase()] = lowerKeys(v);
  return out;
}

/** Whether the body has the field at all (null counts as present). */
export const hasField = (body: JsonObject, name: string) => body[name.toLowerCase()] !== undefined;

/** A string field; `null` and absent are both undefined. */
export function stringField(
  body: JsonObject,
  name: string,
  opts: { required?: boolean; min?: number; max?: number; path?: string } = {},
): string | undefined {
  const label = opts.path ?? name;
  const value = body[name.toLowerCase()];
  if (value === undefined || value === null) {
    if (opts.required)
      throw validationFailed(`Field '${label}' is required`, `Send '${label}' as a string.`);
    return undefined;
  }
  if (typeof value !== 'string') {
    throw validationFailed(`Field '${label}' must be a string, got ${describe(value)}`);
  }
  const min = opts.min ?? (opts.required ? 1 : 0);
  if (value.trim().length < min) {
    throw validationFailed(
      `Field '${label}' must not be empty`,
      `'${label}' needs at least ${min} non-blank character(s).`,
    );
  }
  if (opts.max !== undefined && value.length > opts.max) {
    throw validationFailed(
      `Field '${label}' must be at most ${opts.max} characters long, got ${value.length}`,
    );
  }
  return value;
}

/** An integer field within optional bounds. */
export function intField(
  body: JsonObject,
  name: string,
  opts: { required?: boolean; min?: number; max?: number } = {},
): number | undefined {
  const value = numberField(body, name, opts);
  if (value !== undefined && !Number.isInteger(value)) {
    throw validationFailed(`Field '${name}' must be an integer, got ${value}`);
  }
  return value;
}

/** A number field within optional bounds. */
export function numberField(
  body: JsonObject,
  name: string,
  opts: { required?: boolean; min?: number; max?: number } = {},
): number | undefined {
  const value = body[name.toLowerCase()];
  if (value === undefined || value === null) {
    if (opts.required) throw validationFailed(`Field '${name}' is required`);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw validationFailed(`Field '${name}' must be a number, got ${describe(value)}`);
  }
  if (opts.min !== undefined && value < opts.min) {
    throw validationFailed(`Field '${name}' must be at least ${opts.min}, got ${value}`);
  }
  if (opts.max !== undefined && value > opts.max) {
    throw validationFailed(`Field '${name}' must be at most ${opts.max}, got ${value}`);
  }
  return value;
}

/** A boolean field. */
export function boolField(body: JsonObject, name: string): boolean | undefined {
  const value = body[name.toLowerCase()];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw validationFailed(`Field '${name}' must be true or false, got ${describe(value)}`);
  }
  return value;
}

/** An ISO 8601 date field, returned normalised (`...Z`). */
export function dateField(body: JsonObject, name: string): string | undefined {
  const value = stringField(body, name);
  if (value === undefined || value === '') return undefined;
  const ms = parseIsoUtc(value);
  if (ms === undefined) {
    throw validationFailed(
      `Field '${name}' must be an ISO 8601 date such as 2023-11-03T08:00:00Z, got '${value}'`,
    );
  }
  return new Date(ms).toISOString();
}

/**
 * A reference to another resource: an object with an integer `id` (any other properties, such
 * as a whole resource read earlier, are ignored).
 */
export function refField(
  body: JsonObject,
  name: string,
  opts: { required?: boolean } = {},
): number | undefined {
  const value = body[name.toLowerCase()];
  if (value === undefined || value === null) {
    if (opts.required) {
      throw validationFailed(
        `Field '${name}' is required`,
        `Send '${name}' as a reference: {"id": <number>}.`,
      );
    }
    return undefined;
  }
  if (!isPlainObject(value)) {
    throw validationFailed(
      `Field '${name}' must be a reference object like {"id": 3}, got ${describe(value)}`,
    );
  }
  const id = (value as JsonObject).id;
  if (typeof id !== 'number' || !Number.isInteger(id)) {
    throw validationFailed(
      `Field '${name}.id' must be an integer, got ${describe(id)}`,
      `Send '${name}' as {"id": <number>}.`,
    );
  }
  return id;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value's type for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string '${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  return `${typeof value} ${String(value)}`;
}
