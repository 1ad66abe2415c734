import { z } from 'zod';
import { kebab } from './kebab.js';

export { kebab };

/** How a flag's text becomes an input value. */
export type FlagKind = 'integer' | 'number' | 'boolean' | 'string' | 'list';

/** One command-line flag, derived from one field of an input schema. */
export interface FlagSpec {
  /** The input field (camelCase), e.g. `bunitId`. */
  field: string;
  /** The long flag without dashes, kebab-case: `bunit-id`. */
  name: string;
  /** Other long names that set the same field: `bunit` for `bunitId`, `since` for `startTime`. */
  aliases: string[];
  kind: FlagKind;
  /** For a list: the kind of its items. */
  itemKind?: Exclude<FlagKind, 'list' | 'boolean'>;
  /** An ISO date-time: a bare date (`2026-11-01`) is taken as midnight UTC. */
  dateTime: boolean;
  /** The allowed values, when the schema says. */
  choices?: string[];
  required: boolean;
  /** From the field's `.description`. */
  description: string;
  /** The schema's default, shown in help. */
  defaultValue?: unknown;
}

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  default?: unknown;
  description?: string;
};

// Short names for time windows, the words operators use.
const TIME_ALIASES: Record<string, string> = {
  startTime: 'since',
  startDate: 'since',
  endTime: 'until',
  endDate: 'until',
};

/**
 * The flags of an input shape (a registry operation's `input`, or a workflow's schema): one per
 * field, typed from the field's JSON Schema, with short aliases: an `...Id` field also answers to
 * its stem (`--bunit` for `bunitId`), start and end times to `--since` and `--until`. An alias
 * that would collide with another field or with a `reserved` (global) flag is left out.
 */
export function deriveFlags(
  shape: Record<string, z.ZodType>,
  reserved: ReadonlySet<string> = new Set(),
): FlagSpec[] {
  const fields = Object.keys(shape);
  const taken = new Set<string>([...reserved, ...fields.map(kebab)]);
  return fields.map((field) => {
    const schema = shape[field] as z.ZodType;
    const json = toJson(schema);
    const aliases = aliasesOf(field).filter((alias) => !taken.has(alias));
    for (const alias of aliases) taken.add(alias);
    const type = Array.isArray(json.type) ? json.type[0] : json.type;
    const itemType = json.items?.type;
    const kind: FlagKind =
      type === 'integer' || type === 'number' || type === 'boolean' || type === 'string'
        ? type
        : type === 'array'
          ? 'list'
          : 'string';
    const spec: FlagSpec = {
      field,
      name: kebab(field),
      aliases,
      kind,
      dateTime: json.format === 'date-time',
      required: !schema.safeParse(undefined).success,
      description: json.description ?? schema.description ?? '',
    };
    if (kind === 'list') {
      spec.itemKind = itemType === 'integer' || itemType === 'number' ? itemType : 'string';
    }
    const choices = (json.enum ?? json.items?.enum)?.map(String);
    if (choices?.length) spec.choices = choices;
    if (json.default !== undefined) spec.defaultValue = json.default;
    return spec;
  });
}

function aliasesOf(field: string): string[] {
  const out: string[] = [];
  if (/[a-z]Id$/.test(field)) out.push(kebab(field.slice(0, -2)));
  const time = TIME_ALIASES[field];
  if (time) out.push(time);
  return out;
}

function toJson(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    // A schema JSON Schema cannot express is read as text; zod still validates it.
    return { type: 'string', description: schema.description };
  }
}
