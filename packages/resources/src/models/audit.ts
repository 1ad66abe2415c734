import { z } from 'zod';
import { collectionOf, Ref, STORED } from './common.js';
import { optionalText } from './leaves.js';

/** The kinds of audit log entry, as sent in `AuditLogEntry.type` and the `types` query. */
export const AUDIT_TYPES = { info: 0, create: 100, modify: 200, delete: 300, error: 400 } as const;
/** One of the {@link AUDIT_TYPES} codes. */
export type AuditType = (typeof AUDIT_TYPES)[keyof typeof AUDIT_TYPES];

/** An audit log entry: who did what to a consumption unit or business unit, and when. */
export const AuditLogEntry = z.looseObject({
  href: optionalText,
  type: z
    .number()
    .int()
    .optional()
    .describe('The kind of entry: 0 info, 100 create, 200 modify, 300 delete, 400 error.'),
  message: optionalText,
  description: optionalText,
  user: Ref.optional().describe('The user who made the change.'),
  consumer: Ref.optional(),
  businessUnit: Ref.optional(),
  ...STORED,
});
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;

/** A page of audit log entries. */
export const AuditLogList = collectionOf(AuditLogEntry);
export type AuditLogList = z.infer<typeof AuditLogList>;
