import type {
  ActionRecord,
  BackupServerRecord,
  ClientOptionSetRecord,
  NodeTypeRecord,
  OperatingSystemRecord,
  PolicyDomainRecord,
  SimulatorState,
} from '../state/model.js';
import { hrefs } from './links.js';

/** A NodeType (E30, E31, and nested in nodes and operating systems). */
export function nodeTypeView(base: string, type: NodeTypeRecord) {
  return {
    href: `${base}/nodetypes/${type.id}`,
    id: type.id,
    name: type.name,
    shortName: type.shortName,
    createdDate: type.createdDate,
  };
}

/** A NodeOperatingSystem with its `supportedNodeTypes` (E28, E29). */
export function operatingSystemView(
  base: string,
  state: SimulatorState,
  os: OperatingSystemRecord,
  withTypes = true,
) {
  return {
    href: `${base}/nodeoperatingsystems/${os.id}`,
    name: os.name,
    shortName: os.shortName,
    ...(withTypes
      ? {
          supportedNodeTypes: os.supportedNodeTypeIds
            .map((id) => state.nodeTypes.find((t) => t.id === id))
            .filter((t): t is NodeTypeRecord => t !== undefined)
            .map((t) => nodeTypeView(base, t)),
        }
      : {}),
    id: os.id,
    createdDate: os.createdDate,
  };
}

/** A BackupServer (E25); nested servers have no address of their own. */
export function serverView(server: BackupServerRecord, href?: string) {
  return { ...(href ? { href } : {}), id: server.id, name: server.name };
}

/** A PolicyDomain (E26, and nested in nodes). */
export function domainView(base: string, state: SimulatorState, domain: PolicyDomainRecord) {
  const server = state.servers.find((s) => s.id === domain.serverId);
  return {
    href: hrefs.domain(base, domain.serverId, domain.id),
    ...(server ? { server: serverView(server) } : {}),
    name: domain.name,
    description: domain.description,
    backupRetention: domain.backupRetention,
    archiveRetention: domain.archiveRetention,
    missingInTsm: false,
    id: domain.id,
    createdDate: domain.createdDate,
  };
}

/** A ClientOptionSet (E27, and nested in nodes). */
export function optionSetView(base: string, set: ClientOptionSetRecord) {
  return {
    href: hrefs.optionSet(base, set.serverId, set.id),
    name: set.name,
    ...(set.description ? { description: set.description } : {}),
    id: set.id,
    createdDate: set.createdDate,
  };
}

/** An Action (E03, E04). */
export function actionView(base: string, action: ActionRecord) {
  return {
    href: `${base}/actions/${action.id}`,
    name: action.name,
    id: action.id,
    createdDate: action.createdDate,
  };
}
