import { z } from 'zod';

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

/**
 * The JSON Schema of a tool's input as clients see it: flat, no `$schema`, no `$ref`, no
 * `anyOf`/`oneOf`, and without zod's safe-integer bounds and format regexes (noise that costs
 * tokens on every tools/list; the input is validated in full anyway).
 */
export function toolInputJsonSchema(schema: z.ZodObject): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return prune(json) as Record<string, unknown>;
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    if (!isNoise(key, v, record)) out[key] = key === 'description' ? describe(v, record) : prune(v);
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
