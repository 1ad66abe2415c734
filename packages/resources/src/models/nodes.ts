import { z } from 'zod';
import { NodeOperatingSystem, NodeType } from './catalog.js';
import { collectionOf, NamedValue, Ref } from './common.js';
import { Consumer, DataSourceState, DataSourceType } from './consumers.js';
import { optionalBoolean, optionalInt, optionalText } from './leaves.js';
import { ClientOptionSet, PolicyDomain } from './servers.js';

// consumers.ts imports this module back, so everything taken from it sits behind a getter: the
// schemas are read at parse time, after both modules have loaded, whichever loaded first.

/** The client platform a backup node last reported (e.g. WinNT, Linux x86-64). */
export const NodePlatform = NamedValue;
export type NodePlatform = z.infer<typeof NodePlatform>;

/** The Storage Protect client version a backup node last connected with. */
export const NodeTsmClientVersion = NamedValue;
export type NodeTsmClientVersion = z.infer<typeof NodeTsmClientVersion>;

/** The operating system level (version) a backup node last reported. */
export const NodeOsLevel = NamedValue;
export type NodeOsLevel = z.infer<typeof NodeOsLevel>;

/** Whether the portal's copy of a backup node is in sync with the backup server. */
export const NodeSyncState = NamedValue;
export type NodeSyncState = z.infer<typeof NodeSyncState>;

/** The session security level (strict or transitional) of a backup node on the server. */
export const NodeSessionSecurity = Ref;
export type NodeSessionSecurity = z.infer<typeof NodeSessionSecurity>;

/**
 * A backup node: the Storage Protect client registration behind a consumption unit, with its
 * node name (`tsmName`) and password once activated.
 */
export const BackupNode = z.looseObject({
  href: optionalText,
  cpuCount: optionalInt,
  activatedDate: optionalText,
  locked: optionalBoolean,
  operatingSystem: NodeOperatingSystem.optional(),
  type: NodeType.optional(),
  syncState: NodeSyncState.optional(),
  domain: PolicyDomain.optional(),
  clientOptionSet: ClientOptionSet.optional(),
  schedules: z.array(z.unknown()).optional(),
  nodeSchedules: z.array(z.unknown()).optional(),
  filespaces: z.array(z.unknown()).optional(),
  events: z.array(z.unknown()).optional(),
  unscheduledActivities: z.array(z.unknown()).optional(),
  ticket: optionalText,
  retentionSets: z.array(z.unknown()).optional(),
  activityLogs: z.array(z.unknown()).optional(),
  get proxyAgents() {
    return z.array(BackupNode).optional();
  },
  get proxyTargets() {
    return z.array(BackupNode).optional();
  },
  nodeGroups: z.array(z.unknown()).optional(),
  tsmName: z
    .string()
    .optional()
    .describe(
      'The node name on the backup server (Storage Protect), given when the node is activated.',
    ),
  tsmNodeId: optionalText,
  tsmPassword: z
    .string()
    .optional()
    .describe('The node password on the backup server: a secret, never log or echo it.'),
  contact: optionalText,
  platform: NodePlatform.optional(),
  tsmClientVersion: NodeTsmClientVersion.optional(),
  osLevel: NodeOsLevel.optional(),
  tcpName: optionalText,
  tcpAddress: optionalText,
  macAddress: optionalText,
  sessionSecurity: NodeSessionSecurity.optional(),
  hypervisor: optionalText,
  containsVmFilespaces: optionalBoolean,
  lastAccessTime: optionalText,
  registeredTime: optionalText,
  decommissioned: optionalBoolean,
  replicationState: optionalBoolean,
  replicationMode: optionalInt,
  replicationServerPrimary: optionalText,
  replicationServerSecondary: optionalText,
  replicationServerSecondary2: optionalText,
  activityLogFilters: z.array(z.unknown()).optional(),
  remoteActivities: z.array(z.unknown()).optional(),
  name: optionalText,
  get dataSourceState() {
    return DataSourceState.optional();
  },
  get dataSourceType() {
    return DataSourceType.optional();
  },
  get consumer() {
    return Consumer.optional();
  },
  id: optionalInt,
  createdDate: optionalText,
});
export type BackupNode = z.infer<typeof BackupNode>;

/** A list of backup nodes, e.g. the nodes that can become proxies of a node. */
export const BackupNodeList = collectionOf(BackupNode);
export type BackupNodeList = z.infer<typeof BackupNodeList>;
