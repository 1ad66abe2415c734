import {
  DATA_SOURCE_STATE,
  DATA_SOURCE_TYPE,
  JOB_STATUS,
  JOB_TYPE,
  NODE_TYPE,
  STORAGE_POOL,
} from '../state/catalog.js';
import type {
  ConsumerRecord,
  FilespaceRecord,
  NodeRecord,
  SimulatorState,
} from '../state/model.js';
import { findBusinessUnit, findConsumer, findNodeOf, jobsOf } from '../state/queries.js';
import {
  domainView,
  nodeTypeView,
  operatingSystemView,
  optionSetView,
  serverView,
} from './catalog.js';
import { consumerLink, hrefs, unitLink } from './links.js';

/** The state of a consumer's data source: new (no node), created, active or decommissioned. */
export function dataSourceState(node: NodeRecord | undefined) {
  if (!node) return DATA_SOURCE_STATE.new;
  if (node.decommissioned) return DATA_SOURCE_STATE.decommissioned;
  return node.tsmName ? DATA_SOURCE_STATE.active : DATA_SOURCE_STATE.created;
}

/** A Consumer (E14-E17). The node appears as a link; read it with E32. */
export function consumerView(base: string, state: SimulatorState, consumer: ConsumerRecord) {
  const node = findNodeOf(state, consumer.id);
  const restorePoint = jobsOf(state, consumer.id)
    .filter((j) => j.type.id === JOB_TYPE.backup.id && j.status.id === JOB_STATUS.completed.id)
    .at(-1)?.completed;
  return {
    href: hrefs.consumer(base, consumer.businessUnitId, consumer.id),
    dataSourceType: DATA_SOURCE_TYPE,
    dataSourceIsPotentialParent: false,
    dataSourceState: dataSourceState(node),
    ...(restorePoint ? { latestRestorePoint: restorePoint } : {}),
    name: consumer.name,
    ...(consumer.billingStartDate ? { billingStartDate: consumer.billingStartDate } : {}),
    businessUnit: unitLink(
      base,
      findBusinessUnit(state, consumer.businessUnitId),
      consumer.businessUnitId,
    ),
    comments: [],
    ...(consumer.note === undefined ? {} : { note: consumer.note }),
    ...(consumer.externalReference === undefined
      ? {}
      : { externalReference: consumer.externalReference }),
    ...(node
      ? {
          node: {
            href: hrefs.node(base, consumer.businessUnitId, consumer.id),
            id: node.id,
            ...(node.tsmName ? { tsmName: node.tsmName } : {}),
          },
        }
      : {}),
    ...(consumer.limitHighStorage === undefined
      ? {}
      : { limitHighStorage: consumer.limitHighStorage }),
    allowNoActivity: consumer.allowNoActivity,
    tags: [],
    jobs: [],
    id: consumer.id,
    createdDate: consumer.createdDate,
  };
}

/** A short node reference, as listed in proxy relationships and possible proxy nodes. */
export function nodeLink(base: string, state: SimulatorState, consumerId: number) {
  const consumer = findConsumer(state, consumerId);
  const node = findNodeOf(state, consumerId);
  if (!consumer || !node) return undefined;
  return {
    href: hrefs.node(base, consumer.businessUnitId, consumer.id),
    id: node.id,
    name: node.tsmName ?? consumer.name,
    ...(node.tsmName ? { tsmName: node.tsmName } : {}),
    consumer: consumerLink(base, consumer),
  };
}

/** A BackupNode (E32-E35, E41, E42). `tsmPassword` is shown, as the portal shows it to admins. */
export function nodeView(base: string, state: SimulatorState, node: NodeRecord) {
  const consumer = findConsumer(state, node.consumerId)!;
  const os = state.operatingSystems.find((o) => o.id === node.operatingSystemId);
  const type = state.nodeTypes.find((t) => t.id === node.typeId);
  const domain = state.domains.find((d) => d.id === node.domainId);
  const optionSet = state.clientOptionSets.find((o) => o.id === node.clientOptionSetId);
  const server = state.servers.find((s) => s.id === node.serverId);
  const links = (ids: number[]) =>
    ids.map((id) => nodeLink(base, state, id)).filter((n) => n !== undefined);
  const activated = node.tsmName !== undefined;
  return {
    href: hrefs.node(base, consumer.businessUnitId, consumer.id),
    cpuCount: node.cpuCount,
    ...(node.activatedDate ? { activatedDate: node.activatedDate } : {}),
    locked: node.locked,
    ...(os ? { operatingSystem: operatingSystemView(base, state, os, false) } : {}),
    ...(type ? { type: nodeTypeView(base, type) } : {}),
    ...(activated
      ? { syncState: { id: 1, name: 'Synchronized', createdDate: node.activatedDate } }
      : {}),
    ...(domain ? { domain: domainView(base, state, domain) } : {}),
    ...(optionSet ? { clientOptionSet: optionSetView(base, optionSet) } : {}),
    ...(server ? { server: serverView(server) } : {}),
    schedules: [],
    nodeSchedules: [],
    proxyAgents: links(
      state.proxies.filter((p) => p.targetConsumerId === consumer.id).map((p) => p.agentConsumerId),
    ),
    proxyTargets: links(
      state.proxies.filter((p) => p.agentConsumerId === consumer.id).map((p) => p.targetConsumerId),
    ),
    ...(node.tsmName ? { tsmName: node.tsmName } : {}),
    ...(node.tsmPassword ? { tsmPassword: node.tsmPassword } : {}),
    ...(node.contact === undefined ? {} : { contact: node.contact }),
    ...(node.platform ? { platform: { name: node.platform } } : {}),
    ...(node.tsmClientVersion ? { tsmClientVersion: { name: node.tsmClientVersion } } : {}),
    ...(node.osLevel ? { osLevel: { name: node.osLevel } } : {}),
    ...(node.tcpName ? { tcpName: node.tcpName } : {}),
    ...(node.tcpAddress ? { tcpAddress: node.tcpAddress } : {}),
    ...(activated ? { sessionSecurity: { id: 1, name: 'Transitional' } } : {}),
    containsVmFilespaces: node.typeId === NODE_TYPE.vmware || node.typeId === NODE_TYPE.hyperv,
    ...(node.lastAccessTime ? { lastAccessTime: node.lastAccessTime } : {}),
    ...(node.activatedDate ? { registeredTime: node.activatedDate } : {}),
    decommissioned: node.decommissioned,
    replicationState: false,
    replicationMode: 0,
    name: node.tsmName ?? consumer.name,
    dataSourceState: dataSourceState(node),
    dataSourceType: DATA_SOURCE_TYPE,
    consumer: consumerLink(base, consumer),
    id: node.id,
    createdDate: node.createdDate,
  };
}

/** A Filespace (E39) with one backup occupancy in the storage pool. */
export function filespaceView(nodeHref: string, fs: FilespaceRecord) {
  return {
    href: `${nodeHref}/filespaces/${fs.id}`,
    tsmFilespaceId: fs.tsmFilespaceId,
    type: fs.type,
    capacityMegaBytes: fs.capacityMegaBytes,
    frontEndCapacityMegaBytes: Math.round(fs.storedMegaBytes),
    percentageUtilized: fs.percentageUtilized,
    ...(fs.lastBackupStart ? { lastBackupStart: fs.lastBackupStart } : {}),
    ...(fs.lastBackupEnd ? { lastBackupEnd: fs.lastBackupEnd } : {}),
    occupancies: [
      {
        storagePool: STORAGE_POOL,
        files: fs.files,
        logicalMegaBytes: fs.storedMegaBytes,
        logicalMegaBytesCorrected: fs.storedMegaBytes,
        dedupStatNeeded: false,
        dedupStatUpToDate: true,
        physicalMegaBytes: Math.round(fs.storedMegaBytes * 0.41 * 100) / 100,
        reportingMegaBytes: fs.storedMegaBytes,
        storageMegaBytes: Math.round(fs.storedMegaBytes * 0.41 * 100) / 100,
        type: { id: 1, name: 'Backup', createdDate: STORAGE_POOL.createdDate },
        id: fs.id,
        createdDate: fs.createdDate,
      },
    ],
    name: fs.name,
    dataSourceState: DATA_SOURCE_STATE.active,
    id: fs.id,
    createdDate: fs.createdDate,
  };
}
