import type {
  AuditEntryRecord,
  JobRecord,
  NodeReportRecord,
  SimulatorState,
} from '../state/model.js';
import { findBusinessUnit, findConsumer, findNodeOf } from '../state/queries.js';
import { hrefs } from './links.js';

/** `hh:mm:ss`, as .NET serialises a TimeSpan. */
function timeSpan(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A Job (E24). */
export function jobView(base: string, state: SimulatorState, job: JobRecord) {
  const node = findNodeOf(state, job.consumerId);
  const durationMs = job.actualStart ? Date.parse(job.completed) - Date.parse(job.actualStart) : 0;
  return {
    href: `${hrefs.consumer(base, job.businessUnitId, job.consumerId)}/jobs/${job.id}`,
    businessUnitId: job.businessUnitId,
    consumerId: job.consumerId,
    ...(node ? { dataSourceId: node.id } : {}),
    serverId: job.serverId,
    tags: [],
    type: job.type,
    status: job.status,
    severity: job.severity,
    scheduled: job.scheduled,
    ...(job.scheduledStart ? { scheduledStart: job.scheduledStart } : {}),
    ...(job.actualStart ? { actualStart: job.actualStart } : {}),
    completed: job.completed,
    examinedFiles: job.examinedFiles,
    affectedFiles: job.affectedFiles,
    failedFiles: job.failedFiles,
    result: job.result,
    transferredMegaBytes: job.transferredMegaBytes,
    transferredGigaBytes: round(job.transferredMegaBytes / 1024),
    name: job.name,
    duration: timeSpan(durationMs),
    transferredMegaBytesPerSecond:
      durationMs > 0 ? round(job.transferredMegaBytes / (durationMs / 1000)) : 0,
    id: job.id,
    createdDate: job.createdDate,
  };
}

const DOTNET_MIN_DATE = '0001-01-01T00:00:00Z';

/**
 * What `jobs/first` returns (E23): only `completed` is real, every other field is a placeholder
 * (0, empty string, .NET's minimum date), exactly as the guide warns.
 */
export function firstJobView(href: string, completed: string) {
  return {
    href,
    businessUnitId: 0,
    consumerId: 0,
    dataSourceId: 0,
    serverId: 0,
    tags: [],
    type: { id: 0, name: '' },
    status: { id: 0, name: '' },
    severity: 0,
    scheduled: false,
    scheduledStart: DOTNET_MIN_DATE,
    actualStart: DOTNET_MIN_DATE,
    completed,
    examinedFiles: 0,
    affectedFiles: 0,
    failedFiles: 0,
    result: 0,
    transferredMegaBytes: 0.0,
    transferredGigaBytes: 0.0,
    name: '',
    duration: '00:00:00',
    transferredMegaBytesPerSecond: 0.0,
    id: 0,
    createdDate: DOTNET_MIN_DATE,
  };
}

/** A NodeReport (E20, E21); `status` and `warnings` only when asked for. */
export function reportView(
  state: SimulatorState,
  report: NodeReportRecord,
  include: { status: boolean; warnings: boolean },
) {
  const consumer = findConsumer(state, report.consumerId);
  const node = findNodeOf(state, report.consumerId);
  const server = node && state.servers.find((s) => s.id === node.serverId);
  return {
    name: consumer?.name ?? '',
    statusReportId: report.id,
    pending: false,
    dataSourceType: 'SP Backup node',
    ...(node?.tsmName ? { dataSource: node.tsmName } : {}),
    dataSourceState: 'Active',
    ...(node?.tcpName ? { deviceName: node.tcpName } : {}),
    ...(node?.tsmName ? { tsmName: node.tsmName } : {}),
    ...(include.status ? { status: report.status } : {}),
    ...(server ? { tsmServerName: server.name } : {}),
    megaBytes: report.megaBytes,
    backupMegaBytes: report.backupMegaBytes,
    archiveMegaBytes: report.archiveMegaBytes,
    megaBytesDelta: report.megaBytesDelta,
    transferredMegaBytes: round(
      report.transferredBackupMegaBytes + report.transferredRestoreMegaBytes,
    ),
    transferredBackupMegaBytes: report.transferredBackupMegaBytes,
    transferredRestoreMegaBytes: report.transferredRestoreMegaBytes,
    consumerId: report.consumerId,
    nodeId: report.nodeId,
    businessUnitId: report.businessUnitId,
    businessUnitName: findBusinessUnit(state, report.businessUnitId)?.name ?? '',
    reportDate: report.reportDate,
    ...(include.warnings ? { warnings: report.warnings.map((w) => ({ ...w })) } : {}),
    id: report.id,
    createdDate: report.createdDate,
  };
}

/** An audit log entry (E19). */
export function auditView(entry: AuditEntryRecord) {
  return {
    id: entry.id,
    type: entry.type,
    createdDate: entry.createdDate,
    message: entry.message,
    ...(entry.userId === undefined
      ? {}
      : { user: { id: entry.userId, name: entry.userName ?? '' } }),
    businessUnit: { id: entry.businessUnitId, name: entry.businessUnitName },
    ...(entry.consumerId === undefined
      ? {}
      : { consumer: { id: entry.consumerId, name: entry.consumerName ?? '' } }),
  };
}
