import { z } from 'zod';
import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import {
  bunitId,
  clientOptionSetId,
  compact,
  consumerId,
  cpuCount,
  domainId,
  LIMITS,
  nodeContact,
  nodeName,
  nodeTypeId,
  operatingSystemId,
  optional,
  ref,
  serverId,
} from '../inputs.js';
import { BackupNode, FilespaceList } from '../models/index.js';

const settings = {
  operatingSystemId,
  nodeTypeId,
  domainId,
  clientOptionSetId,
  serverId,
  contact: nodeContact,
  cpuCount,
};
type Settings = { [K in keyof typeof settings]?: number | string | undefined };

const nodeBody = (i: Settings) =>
  compact({
    operatingSystem: ref(i.operatingSystemId as number | undefined),
    type: ref(i.nodeTypeId as number | undefined),
    domain: ref(i.domainId as number | undefined),
    clientOptionSet: ref(i.clientOptionSetId as number | undefined),
    server: ref(i.serverId as number | undefined),
    contact: i.contact,
    cpuCount: i.cpuCount,
  });

/** E32: the backup node of a consumption unit. */
export const get = defineOperation({
  id: 'E32',
  name: 'nodes.get',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node',
  summary: 'Get the backup node of a consumption unit',
  description:
    'Returns the backup node of consumption unit consumerId: OS, type, domain, option set, tsmName (its name on the backup server, once activated) and tsmPassword (a secret). 404 when it has no node yet.',
  safety: 'read',
  idempotent: true,
  input: { bunitId, consumerId },
  response: BackupNode,
  example: (x) => ({ bunitId: x.ids.acme, consumerId: x.ids.dc01 }),
});

/** E33: create the backup node. */
export const create = defineOperation({
  id: 'E33',
  name: 'nodes.create',
  method: 'POST',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node',
  summary: 'Create the backup node of a consumption unit',
  description:
    'Creates the backup node of consumption unit consumerId (at most one per unit). The OS must support the node type (catalog.operatingSystems). The node is unusable until nodes.activate names it.',
  safety: 'write',
  idempotent: false,
  input: { bunitId, consumerId, ...settings },
  body: nodeBody,
  response: BackupNode,
  example: async (x) => {
    const bunit = { bunitId: x.ids.acme };
    const oses = (await x.call('catalog.operatingSystems')) as {
      items: { id: number; name?: string; supportedNodeTypes?: { id: number }[] }[];
    };
    const os = oses.items.find((o) => /linux/i.test(o.name ?? '') && o.supportedNodeTypes?.length);
    return {
      ...bunit,
      consumerId: x.made('consumers.create'),
      operatingSystemId: os?.id ?? 0,
      nodeTypeId: os?.supportedNodeTypes?.[0]?.id ?? 0,
      domainId: await x.first('servers.domains', bunit),
      clientOptionSetId: await x.first('servers.clientOptionSets', bunit),
      serverId: ((await x.call('servers.default', bunit)) as { id: number }).id,
      contact: 'ops@example.net',
      cpuCount: 4,
    };
  },
});

/** E34: update the backup node. */
export const update = defineOperation({
  id: 'E34',
  name: 'nodes.update',
  method: 'PUT',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node',
  summary: 'Update the backup node of a consumption unit',
  description:
    'Changes the given settings of the backup node of consumption unit consumerId (OS, type, domain, option set, contact, CPU count); fields left out are not sent.',
  safety: 'write',
  idempotent: true,
  input: {
    bunitId,
    consumerId,
    operatingSystemId: optional(settings.operatingSystemId),
    nodeTypeId: optional(settings.nodeTypeId),
    domainId: optional(settings.domainId),
    clientOptionSetId: optional(settings.clientOptionSetId),
    contact: settings.contact,
    cpuCount: settings.cpuCount,
  },
  body: nodeBody,
  response: BackupNode,
  example: (x) => ({
    bunitId: x.ids.acme,
    consumerId: x.made('consumers.create'),
    contact: 'backup-team@example.net',
  }),
});

/** E35: change the node password. */
export const changePassword = defineOperation({
  id: 'E35',
  name: 'nodes.changePassword',
  method: 'POST',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node/password',
  summary: 'Change the password of a backup node',
  description:
    'Sets a new password (tsmPassword) for the backup node of consumption unit consumerId. The backup client on the machine stops working until it is given the new password: treat as destructive.',
  safety: 'destructive',
  idempotent: true,
  input: {
    bunitId,
    consumerId,
    tsmPassword: z
      .string({ error: 'expected the new node password (text)' })
      .min(LIMITS.nodePassword.min, {
        error: `the node password needs at least ${LIMITS.nodePassword.min} characters`,
      })
      .max(LIMITS.nodePassword.max, {
        error: `the node password has at most ${LIMITS.nodePassword.max} characters`,
      })
      .describe('The new node password (8-64 characters); a secret'),
  },
  response: BackupNode,
  example: (x) => ({
    bunitId: x.ids.acme,
    consumerId: x.made('consumers.create'),
    tsmPassword: 'N3w-node-pass',
  }),
  toolName: 'change_node_password',
  removes: 'nodePassword',
});

/** E36: delete the backup node (and the consumption unit). */
export const remove = defineOperation({
  id: 'E36',
  name: 'nodes.delete',
  method: 'DELETE',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node',
  summary: 'Delete a backup node and its consumption unit',
  description:
    'Deletes the backup node of consumption unit consumerId AND the consumption unit itself (the guide: "this will remove the entire consumption unit as well"). Cannot be undone.',
  safety: 'destructive',
  idempotent: true,
  input: { bunitId, consumerId },
  response: z.unknown(),
  example: (x) => ({ bunitId: x.ids.acme, consumerId: x.made('consumers.create') }),
  removes: 'node',
});

/** E37: activate the node. */
export const activate = defineOperation({
  id: 'E37',
  name: 'nodes.activate',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node/activate',
  summary: 'Activate a backup node under a node name',
  description:
    'Registers the backup node of consumption unit consumerId on its backup server as tsmName (unique per server; nodes.suggestName proposes one) and generates its password, readable with nodes.get. Changes state although it is a GET: never retried automatically.',
  safety: 'write',
  idempotent: false,
  input: { bunitId, consumerId, tsmName: nodeName },
  query: ['tsmName'],
  response: z.string(),
  example: async (x) => {
    const ids = { bunitId: x.ids.acme, consumerId: x.made('consumers.create') };
    return { ...ids, tsmName: String(await x.call('nodes.suggestName', ids)) };
  },
});

/** E38: suggested node name. */
export const suggestName = defineOperation({
  id: 'E38',
  name: 'nodes.suggestName',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node/spname',
  summary: 'Get the node name the portal suggests for activation',
  description:
    'Returns the node name the portal suggests for activating the node of consumption unit consumerId (unquoted), ready for nodes.activate.',
  safety: 'read',
  idempotent: true,
  input: { bunitId, consumerId },
  unquote: true,
  response: z.string(),
  example: (x) => ({ bunitId: x.ids.acme, consumerId: x.made('consumers.create') }),
  toolName: 'suggest_node_name',
});

/** E39: filespaces. */
export const filespaces = defineOperation({
  id: 'E39',
  name: 'nodes.filespaces',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node/filespaces',
  summary: 'List the filespaces of a backup node',
  description:
    'Lists the filespaces (backed-up file systems, with capacity and last backup) of the node of consumption unit consumerId. tsmSync true asks the backup server first (slower, current).',
  safety: 'read',
  idempotent: true,
  input: {
    bunitId,
    consumerId,
    tsmSync: z.boolean().optional().describe('Sync with the backup server first (slower)'),
  },
  query: ['tsmSync'],
  response: FilespaceList,
  example: (x) => ({ bunitId: x.ids.acme, consumerId: x.ids.dc01, tsmSync: true }),
  toolName: 'list_filespaces',
  columns: {
    id: 'id',
    name: 'name',
    type: 'type',
    capacityMegaBytes: 'capacityMegaBytes',
    percentageUtilized: 'percentageUtilized',
    lastBackupEnd: 'lastBackupEnd',
  },
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'nodes', toolset: 'nodes' });
