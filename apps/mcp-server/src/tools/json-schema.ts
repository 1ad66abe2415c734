import { z } from 'zod';

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

/**
 * The JSON Schema of a tool's input as clients see it: flat, no `$schema`, no `$ref`, no
 * `anyOf`/`oneOf`, and without zod's safe-integer bounds and format regexes (noise that costs
 * tokens on every tools/list; the input is validated in full anyway).
 */
export function toolInputJsonSchema(schema: z.ZodObject): Record<string, unknown> {
  return itemsUndescribed(prune(jsonSchemaOf(schema, 'input'))) as Record<string, unknown>;
}

/**
 * The JSON Schema of a tool's structured output, from its zod schema: flat and pruned like the
 * input's; an object whose fields the schema leaves open (`z.record`, `z.looseObject({})`) is
 * just `{type: 'object'}`, an array of them just `{type: 'array'}`. Only ids are listed as
 * required, as in the operation tools' schemas: they are what the next call needs, and
 * tools/list is paid for in every conversation.
 */
export function toolOutputJsonSchema(schema: z.ZodObject): Record<string, unknown> {
  return requireIds(prune(jsonSchemaOf(schema, 'output'), isOpen)) as Record<string, unknown>;
}

function jsonSchemaOf(schema: z.ZodObject, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return json;
}

const isId = (key: unknown) => typeof key === 'string' && /^(id|[a-z]\w*Id)$/.test(key);

/** `required` narrowed to the ids, at every depth; left out when none is an id. */
function requireIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(requireIds);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'required' || !Array.isArray(v)) out[key] = requireIds(v);
    else if (v.some(isId)) out[key] = v.filter(isId);
  }
  return out;
}

type Noise = (key: string, v: unknown, record: Record<string, unknown>) => boolean;

function prune(value: unknown, noise: Noise = isNoise): unknown {
  if (Array.isArray(value)) return value.map((v) => prune(v, noise));
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    if (!noise(key, v, record))
      out[key] = key === 'description' ? describe(v, record) : prune(v, noise);
  }
  return out;
}

const isEmpty = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/** `{type: 'object'}` saying nothing about its fields (`z.record(z.string(), z.unknown())`). */
const isOpenObject = (v: unknown) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const {
    type,
    properties,
    additionalProperties,
    propertyNames: _keys,
    ...rest
  } = v as Record<string, unknown>;
  return (
    type === 'object' &&
    isEmpty(rest) &&
    (properties === undefined || isEmpty(properties)) &&
    (additionalProperties === undefined || isEmpty(additionalProperties))
  );
};

/**
 * Output noise: the input's, plus what an open object says about its (unknown) fields; an array
 * of open objects is just an array (the tool's text shows the rows).
 */
const isOpen: Noise = (key, v, record) =>
  isNoise(key, v, record) ||
  key === 'propertyNames' ||
  (key === 'additionalProperties' && isEmpty(v)) ||
  (key === 'properties' && isEmpty(v)) ||
  (key === 'items' && record.type === 'array' && isOpenObject(v));

/**
 * The schema without the descriptions inside a list's items: the list's own description says
 * where its item fields are explained (a list of machines: enroll_machine's fields), which would
 * otherwise be paid for twice in every tools/list.
 */
function itemsUndescribed(value: unknown, inItems = false): unknown {
  if (Array.isArray(value)) return value.map((v) => itemsUndescribed(v, inItems));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (inItems && key === 'description' && typeof v === 'string') continue;
    out[key] = itemsUndescribed(v, inItems || key === 'items');
  }
  return out;
}

/** Schema keywords that tell a model nothing useful; the call is still validated against them. */
function isNoise(key: string, v: unknown, record: Record<string, unknown>): boolean {
  switch (key) {
    case 'maximum':
      return v === SAFE_MAX;
    case 'minimum':
      return v === -SAFE_MAX;
    case 'exclusiveMinimum':
      return v === 0; // ids: "id" in the description says it
    case 'minLength':
      return v === 1;
    case 'maxLength':
      return typeof v === 'number' && v >= 255;
    case 'additionalProperties':
      return v === false; // an unknown field gets a clear error naming the allowed ones
    case 'pattern':
      return typeof record.format === 'string'; // zod spells formats out as ~450-byte regexes
    default:
      return false;
  }
}

function describe(v: unknown, record: Record<string, unknown>): unknown {
  return typeof v === 'string' && record.format === 'date-time'
    ? v.replace(/ ?\(ISO 8601\)/, '')
    : v;
}

/** Output schema of a tool returning one value (a version, a node name). */
export const VALUE_OUTPUT = {
  type: 'object',
  properties: { value: { type: 'string' } },
  required: ['value'],
};

/** Output schema of a tool that confirms, or previews, a change. */
export const DONE_OUTPUT = {
  type: 'object',
  properties: {
    done: { type: 'boolean' },
    preview: { type: 'boolean' },
    affected: { type: 'object' },
    confirmationToken: { type: 'string' },
  },
  required: ['done'],
};

/** Output schema of a tool whose answer the registry does not model: whatever came back. */
export const UNMODELLED_OUTPUT = {
  type: 'object',
  properties: {
    done: { type: 'boolean' },
    item: { type: 'object', description: "The portal's answer, not modelled" },
  },
};
