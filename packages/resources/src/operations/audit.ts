import { z } from 'zod';
import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import {
  AUDIT_TYPE_CODES,
  auditTypeName,
  bunitId,
  consumerId,
  isoDateTime,
  LIMITS,
} from '../inputs.js';
import { AuditLogList } from '../models/index.js';

/** E19: the audit log of a consumption unit. */
export const query = defineOperation({
  id: 'E19',
  name: 'audit.query',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/auditlogs',
  summary: 'Query the audit log of a consumption unit',
  description:
    'Returns audit log entries (who did what, when) for consumption unit consumerId, filtered by time and type, paged with limit/offset, newest first with orderDesc. includeDescendants adds related objects such as its node.',
  safety: 'read',
  idempotent: true,
  input: {
    bunitId,
    consumerId,
    startTime: isoDateTime.optional().describe('Only entries at or after this time (ISO 8601)'),
    endTime: isoDateTime.optional().describe('Only entries before this time (ISO 8601)'),
    types: z
      .array(auditTypeName)
      .optional()
      .describe('Entry types: info, create, modify, delete, error'),
    limit: z
      .number()
      .int()
      .min(LIMITS.auditPage.min)
      .max(LIMITS.auditPage.max)
      .optional()
      .describe(`Entries per page (${LIMITS.auditPage.min}-${LIMITS.auditPage.max})`),
    offset: z.number().int().min(0).optional().describe('Entries to skip'),
    orderDesc: z.boolean().optional().describe('Newest first'),
    includeDescendants: z.boolean().optional().describe('Include entries of descendant objects'),
  },
  query: (i) => ({
    includeDescendants: i.includeDescendants,
    limit: i.limit,
    offset: i.offset,
    orderDesc: i.orderDesc,
    startTime: i.startTime,
    endTime: i.endTime,
    types: i.types?.map((t) => AUDIT_TYPE_CODES[t]),
  }),
  paged: true,
  response: AuditLogList,
  example: (x) => ({
    bunitId: x.ids.acme,
    consumerId: x.made('consumers.create'),
    types: ['create' as const, 'modify' as const],
    limit: 10,
    orderDesc: true,
  }),
  toolName: 'query_audit_log',
  columns: {
    id: 'id',
    createdDate: 'createdDate',
    type: 'type',
    user: 'user.name',
    message: 'message',
  },
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'audit', toolset: 'audit' });
