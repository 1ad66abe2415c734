import { z } from 'zod';
import { collectionOf, NamedValue, Ref, STORED } from './common.js';
import { DataSourceState, DataSourceType } from './consumers.js';
import { optionalBoolean, optionalInt, optionalNumber, optionalText } from './leaves.js';

/** A kind of warning a node report can carry (e.g. no backup for N days, storage over a limit). */
export const NodeWarningType = NamedValue.extend({ usesLimit: optionalBoolean });
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
  days: optionalInt,
  limit: optionalNumber,
  nodeReportId: optionalInt,
  ...STORED,
});
export type NodeReportWarning = z.infer<typeof NodeReportWarning>;

/** A status report of a consumption unit's node: storage used, data transferred, warnings. */
export const NodeReport = z.looseObject({
  name: optionalText.describe('The consumption unit name.'),
  statusReportId: optionalInt,
  pending: optionalBoolean,
  dataSourceType: z.union([DataSourceType, z.string()]).optional(),
  dataSource: optionalText,
  dataSourceState: z.union([DataSourceState, z.string()]).optional(),
  deviceName: optionalText,
  tsmName: optionalText.describe('The node name on the backup server.'),
  // An ErrorStatus enum code; the docs do not list its values.
  status: z
    .union([z.number().int(), z.string(), Ref])
    .optional()
    .describe('The report status, as a code, a name or {id, name}'),
  tsmServerName: optionalText,
  get proxyNodeReports() {
    return z.array(NodeReport).optional();
  },
  megaBytes: optionalNumber,
  backupMegaBytes: optionalNumber,
  archiveMegaBytes: optionalNumber,
  megaBytesDelta: optionalNumber,
  transferredMegaBytes: optionalNumber,
  transferredBackupMegaBytes: optionalNumber,
  transferredRestoreMegaBytes: optionalNumber,
  consumerId: optionalInt,
  nodeId: optionalInt,
  businessUnitId: optionalInt,
  businessUnitName: optionalText,
  reportDate: optionalText,
  warnings: z.array(NodeReportWarning).optional(),
  id: optionalInt,
  createdDate: optionalText,
});
export type NodeReport = z.infer<typeof NodeReport>;

/** The node reports of a consumption unit in a date interval. */
export const NodeReportList = collectionOf(NodeReport);
export type NodeReportList = z.infer<typeof NodeReportList>;
