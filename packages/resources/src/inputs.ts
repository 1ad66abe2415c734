import { z } from 'zod';
import { AUDIT_TYPES } from './models/audit.js';

/**
 * Strict schemas for user input. Every error names what was expected, so a caller (a person, a
 * CLI flag, a model calling an MCP tool) can fix the call from the message alone.
 */

/** A positive integer id, described with the operation that lists valid values. */
export function idOf(what: string, listedBy: string): z.ZodNumber {
  return z
    .number({ error: `expected the ${what} id (a positive integer)` })
    .int({ error: `expected the ${what} id as a whole number` })
    .positive({ error: `expected the ${what} id (a positive integer)` })
    .describe(`${capitalize(what)} id (from ${listedBy})`);
}

export const bunitId = idOf('business unit', 'bunits.tree or bunits.children');
export const consumerId = idOf('consumption unit (consumer)', 'consumers.list');

/** ISO 8601 date-time with an offset, e.g. `2026-11-03T08:00:00Z`. */
export const isoDateTime = z.iso
  .datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2026-11-03T08:00:00Z' })
  .describe('ISO 8601 date-time, e.g. 2026-11-03T08:00:00Z');

/** A calendar date as the API's paths want it: `YYYY-MM-DD`. */
export const calendarDate = z.iso
  .date({ error: 'expected a date as YYYY-MM-DD, e.g. 2026-11-01' })
  .describe('Date as YYYY-MM-DD');

/**
 * The portal's length and range limits for input fields, in one table. The API documents state
 * only the node name's (1-64 characters, IBM Storage Protect's rule) and the password's; for the
 * rest they are silent, and these are the values the simulator enforces as well (it declares its
 * own copy, as an independent implementation). `test/limits.test.ts` walks every operation and
 * checks both sides refuse exactly the same first value.
 */
export const LIMITS = {
  /** Business unit and consumption unit names. */
  name: 100,
  note: 2000,
  externalReference: 100,
  registrationNumber: 50,
  contact: 255,
  deletionComment: 1000,
  erpReference: 100,
  invoiceDay: { min: 0, max: 28 },
  cpuCount: { min: 1, max: 1024 },
  nodeName: 64,
  nodePassword: { min: 8, max: 64 },
  auditPage: { min: 1, max: 1000 },
  includeNext: { min: 0, max: 24 },
} as const;

/** The characters IBM Storage Protect allows in a node name. */
export const NODE_NAME_CHARS = /^[A-Za-z0-9_.\-+&]+$/;

/**
 * A backup node name (`tsmName`) by IBM Storage Protect's rules: 1 to 64 characters from
 * `A-Z 0-9 _ . - + &`, case-insensitive (stored upper-case).
 */
export const nodeName = z
  .string({ error: 'expected a node name (text)' })
  .min(1, { error: 'a node name needs at least 1 character' })
  .max(LIMITS.nodeName, { error: `a node name has at most ${LIMITS.nodeName} characters` })
  .regex(NODE_NAME_CHARS, { error: 'a node name may contain only A-Z, 0-9 and _ . - + &' })
  .describe('Backup node name: 1-64 characters from A-Z 0-9 _ . - + & (stored upper-case)');

// A backup node's settings, as `nodes.create`/`nodes.update` and `enrollMachine` take them. The
// ids are required here; a caller that defaults them wraps them in `optional`.
export const operatingSystemId = idOf('operating system', 'catalog.operatingSystems');
export const nodeTypeId = idOf('node type', 'catalog.nodeTypes; one the OS supports');
export const domainId = idOf('policy domain', 'servers.domains');
export const clientOptionSetId = idOf('client option set', 'servers.clientOptionSets');
export const serverId = idOf('backup server', 'servers.default');
export const nodeContact = z
  .string()
  .max(LIMITS.contact)
  .optional()
  .describe('Contact information for the node');
const CPU_COUNT = `expected a CPU count: a whole number from ${LIMITS.cpuCount.min} to ${LIMITS.cpuCount.max}`;
export const cpuCount = z
  .number({ error: CPU_COUNT })
  .int({ error: CPU_COUNT })
  .min(LIMITS.cpuCount.min, { error: CPU_COUNT })
  .max(LIMITS.cpuCount.max, { error: CPU_COUNT })
  .optional()
  .describe('Number of CPUs');

/** Audit log entry types by name, as the `types` query wants them by number. */
export const AUDIT_TYPE_CODES = AUDIT_TYPES;
export type AuditTypeName = keyof typeof AUDIT_TYPE_CODES;
export const auditTypeName = z.enum(
  Object.keys(AUDIT_TYPE_CODES) as [AuditTypeName, ...AuditTypeName[]],
  {
    error: 'expected one of info, create, modify, delete, error',
  },
);

// C0, DEL and C1: a tab or line break in a name splits the portal's lists, exports and logs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is refused
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f-\u009f]*$/;

/** A name without control characters, trimmed, non-empty and of at most `max` characters. */
export function nameText(what: string, max: number = LIMITS.name) {
  return (
    z
      .string({ error: `expected the ${what} (text)` })
      // Before trimming, as the JSON Schema's pattern says: `web-07\n` is a mistake to show.
      .regex(NO_CONTROL_CHARS, {
        error: 'a name may not contain control characters (tab, line breaks)',
      })
      .trim()
      .min(1, { error: `the ${what} must not be empty` })
      .max(max, { error: `the ${what} has at most ${max} characters` })
      .describe(capitalize(what))
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `YYYY-MM-DD` or an ISO 8601 date-time: one string schema (no union), so a flat JSON Schema. */
export const dateOrDateTime = z
  .string({ error: 'expected a date (YYYY-MM-DD) or an ISO 8601 date-time' })
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/, {
    error: 'expected a date (YYYY-MM-DD) or an ISO 8601 date-time such as 2026-11-03T08:00:00Z',
  })
  .describe('Date (YYYY-MM-DD) or ISO 8601 date-time');

/** A number of days, 1 to 366, default 7 (a window of jobs). */
export function dayCount(description: string) {
  return z.number().int().min(1).max(366).default(7).describe(description);
}

/** An optional flag. */
export function flag(description: string) {
  return z.boolean({ error: 'expected true or false' }).optional().describe(description);
}

/** A reference body field `{ id }` built from a flat `...Id` input. */
export function ref(id: number | undefined): { id: number } | undefined {
  return id === undefined ? undefined : { id };
}

/** Drops undefined fields, so a body carries only what the caller set. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Makes a schema optional and keeps its description (zod's `.optional()` starts a new, bare schema). */
export function optional<T extends z.ZodType>(schema: T) {
  const wrapped = schema.optional();
  return schema.description ? wrapped.describe(schema.description) : wrapped;
}
