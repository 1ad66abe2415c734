import { z } from 'zod';
import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { bunitId, consumerId, idOf, isoDateTime, optional } from '../inputs.js';
import { NodeReport, NodeReportList, NodeWarningTypeList } from '../models/index.js';

/** E20: reports of a consumption unit. */
export const list = defineOperation({
  id: 'E20',
  name: 'reports.list',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/reports',
  summary: 'List the usage reports of a consumption unit',
  description:
    'Lists the daily reports of consumption unit consumerId: storage, transfer and, when asked, status and warnings (types: reports.warningTypes).',
  safety: 'read',
  idempotent: true,
  input: {
    bunitId,
    consumerId,
    startDate: isoDateTime.optional().describe('Reports from this time (ISO 8601)'),
    endDate: isoDateTime.optional().describe('Reports until this time (ISO 8601)'),
    status: z.boolean().optional().describe("Include each report's status"),
    warnings: z.boolean().optional().describe("Include each report's warnings"),
  },
  query: ['startDate', 'endDate', 'status', 'warnings'],
  response: NodeReportList,
  example: (x) => ({ bunitId: x.ids.acme, consumerId: x.ids.sql01, status: true, warnings: true }),
  columns: {
    id: 'id',
    reportDate: 'reportDate',
    tsmName: 'tsmName',
    status: 'status',
    megaBytes: 'megaBytes',
    transferredMegaBytes: 'transferredMegaBytes',
    warnings: 'warnings',
  },
});

/** E21: the latest report. */
export const latest = defineOperation({
  id: 'E21',
  name: 'reports.latest',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/reports/latest',
  summary: 'Get the latest report of a consumption unit',
  description:
    "Returns the latest report of consumption unit consumerId (status, storage, last transfer, warnings): whether last night's backup worked.",
  safety: 'read',
  idempotent: true,
  input: { bunitId, consumerId, userId: optional(idOf('user', 'bunits.users')) },
  query: ['userId'],
  response: NodeReport,
  example: (x) => ({ bunitId: x.ids.acme, consumerId: x.ids.sql01 }),
  toolName: 'get_latest_report',
});

/** E22: node warning types. */
export const warningTypes = defineOperation({
  id: 'E22',
  name: 'reports.warningTypes',
  method: 'GET',
  path: '/v1/nodewarningtypes',
  summary: 'List node warning types',
  description: 'Lists the warning types reports carry (id, name, whether it uses a limit).',
  safety: 'read',
  idempotent: true,
  input: {},
  response: NodeWarningTypeList,
  example: () => ({}),
  toolName: 'list_node_warning_types',
  columns: { id: 'id', name: 'name', usesLimit: 'usesLimit' },
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'reports', toolset: 'reports' });
