import { type Column, isNoise } from '@cloutapi/resources';
import { z } from 'zod';

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** The wrapped schema of optional/nullable/default wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (
    s instanceof z.ZodOptional ||
    s instanceof z.ZodNullable ||
    s instanceof z.ZodDefault ||
    s instanceof z.ZodReadonly
  )
    s = s.unwrap() as z.ZodType;
  return s;
}

/** The JSON type a compacted value of this schema has; undefined when it varies (unions). */
function jsonTypeOf(schema: z.ZodType): JsonType | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodString || s instanceof z.ZodEnum) return 'string';
  if (s instanceof z.ZodNumber) return s.format?.includes('int') ? 'integer' : 'number';
  if (s instanceof z.ZodBoolean) return 'boolean';
  if (s instanceof z.ZodObject) return 'object';
  if (s instanceof z.ZodArray) return 'array';
  return undefined;
}

/**
 * The schema at a column path of an object schema (`status.name`; `lines.length` is an integer,
 * `types[].name` a list).
 */
function at(schema: z.ZodType, path: string): z.ZodType | undefined {
  if (path.includes('[].')) return z.array(z.unknown());
  let current: z.ZodType | undefined = schema;
  for (const key of path.split('.')) {
    const s: z.ZodType | undefined = current ? unwrap(current) : undefined;
    if (key === 'length' && s instanceof z.ZodArray) return z.number().int();
    if (!(s instanceof z.ZodObject)) return undefined;
    current = (s.shape as Record<string, z.ZodType>)[key];
  }
  return current;
}

const typed = (schema: z.ZodType | undefined) => {
  const type = schema ? jsonTypeOf(schema) : undefined;
  return type ? { type } : {};
};

/**
 * The JSON Schema of a collection's rows: the columns the tool projects each item onto, typed
 * from the response model, the first column (the id the next call takes) required.
 */
export function rowSchema(item: z.ZodType, columns: readonly Column[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, path] of columns) properties[key] = typed(at(item, path));
  const first = columns[0];
  return { type: 'object', properties, ...(first ? { required: [first[0]] } : {}) };
}

/** A list the model leaves untyped (`z.array(z.unknown())`): the API sends it empty, if at all. */
const isOpaqueList = (schema: z.ZodType) => {
  const s = unwrap(schema);
  return s instanceof z.ZodArray && s.element instanceof z.ZodUnknown;
};

/**
 * The JSON Schema of one compacted object: the model's top-level fields with their types (noise
 * removed, as compacting removes it), `id` required when the model has one. Fields the model
 * leaves untyped are left out: there is nothing to say about them, and tools/list is paid for in
 * every conversation.
 */
export function objectSchema(model: z.ZodType): Record<string, unknown> {
  const s = unwrap(model);
  if (!(s instanceof z.ZodObject)) return { type: 'object' };
  const properties: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(s.shape as Record<string, z.ZodType>)) {
    const type = typed(field);
    if (!isNoise(key) && 'type' in type && !isOpaqueList(field)) properties[key] = type;
  }
  return { type: 'object', properties, ...('id' in properties ? { required: ['id'] } : {}) };
}

/** The element schema of a collection response (`{items: [...]}`). */
export function itemModelOf(response: z.ZodType): z.ZodType {
  const items = at(response, 'items');
  const s = items ? unwrap(items) : undefined;
  return s instanceof z.ZodArray ? (s.element as z.ZodType) : z.unknown();
}
