import { z } from 'zod';
import { collectionOf, NamedValue, Ref, STORED } from './common.js';
import { DataSourceState, DataSourceType } from './consumers.js';

/** A kind of warning a node report can carry (e.g. no backup for N days, storage over a limit). */
export const NodeWarningType = NamedValue.extend({ usesLimit: z.boolean().optional() });
export type NodeWarningType = z.infer<typeof NodeWarningType>;

/** Every kind of node report warning, to interpret `NodeReportWarning.type`. */
export const NodeWarningTypeList = collectionOf(NodeWarningType);
export type NodeWarningTypeList = z.infer<typeof NodeWarningTypeList>;

/** One warning raised on a node report. */
export const NodeReportWarning = z.looseObject({
  // Documented as a NodeWarningType, yet the guide has clients look types up by id: accept either.
  type: z.union([z.number().int(), NodeWarningType]).optional(),
  status: z
    .union([z.number().int(), z.string(), Ref])
    .optional()
    .describe('The warning status, as a code, a name or {id, name}'),
  days: z.number().int().optional(),
  limit: z.number().optional(),
  nodeReportId: z.number().int().optional(),
  ...STORED,
});
export type NodeReportWarning = z.infer<typeof NodeReportWarning>;

/** A status report of a consumption unit's node: storage used, data transferred, warnings. */
export const NodeReport = z.looseObject({
  name: z.string().optional().describe('The consumption unit name.'),
  statusReportId: z.number().int().optional(),
  pending: z.boolean().optional(),
  dataSourceType: z.union([DataSourceType, z.string()]).optional(),
  dataSource: z.string().optional(),
  dataSourceState: z.union([DataSourceState, z.string()]).optional(),
  deviceName: z.string().optional(),
  tsmName: z.string().optional().describe('The node name on the backup server.'),
  // An ErrorStatus enum code; the docs do not list its values.
  status: z
    .union([z.number().int(), z.string(), Ref])
    .optional()
    .describe('The report status, as a code, a name or {id, name}'),
  tsmServerName: z.string().optional(),
  get proxyNodeReports() {
    return z.array(NodeReport).optional();
  },
  megaBytes: z.number().optional(),
  backupMegaBytes: z.number().optional(),
  archiveMegaBytes: z.number().optional(),
  megaBytesDelta: z.number().optional(),
  transferredMegaBytes: z.number().optional(),
  transferredBackupMegaBytes: z.number().optional(),
  transferredRestoreMegaBytes: z.number().optional(),
  consumerId: z.number().int().optional(),
  nodeId: z.number().int().optional(),
  businessUnitId: z.number().int().optional(),
  businessUnitName: z.string().optional(),
  reportDate: z.string().optional(),
  warnings: z.array(NodeReportWarning).optional(),
  id: z.number().int().optional(),
  createdDate: z.string().optional(),
});
export type NodeReport = z.infer<typeof NodeReport>;

/** The node reports of a consumption unit in a date interval. */
export const NodeReportList = collectionOf(NodeReport);
export type NodeReportList = z.infer<typeof NodeReportList>;
