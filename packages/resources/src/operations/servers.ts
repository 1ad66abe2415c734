import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { bunitId } from '../inputs.js';
import { BackupServer, ClientOptionSetList, PolicyDomainList } from '../models/index.js';

/** E25: the default backup server. */
export const defaultServer = defineOperation({
  id: 'E25',
  name: 'servers.default',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/defaultserver',
  summary: 'Get the default backup server of a business unit',
  description:
    'Returns the backup server (id, name) new backup nodes of business unit bunitId go to; nodes.create takes its id as serverId.',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: BackupServer,
  example: (x) => ({ bunitId: x.ids.acme }),
  toolName: 'get_default_server',
});

/** E26: policy domains. */
export const domains = defineOperation({
  id: 'E26',
  name: 'servers.domains',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/defaultserver/domains',
  summary: 'List the policy domains of the default backup server',
  description:
    'Lists the policy domains (retention rules) of the default backup server of business unit bunitId; nodes.create takes one as domainId.',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: PolicyDomainList,
  example: (x) => ({ bunitId: x.ids.acme }),
  toolName: 'list_policy_domains',
  columns: { id: 'id', name: 'name', server: 'server.name', description: 'description' },
});

/** E27: client option sets. */
export const clientOptionSets = defineOperation({
  id: 'E27',
  name: 'servers.clientOptionSets',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/defaultserver/clientoptionsets',
  summary: 'List the client option sets of the default backup server',
  description:
    'Lists the client option sets of the default backup server of business unit bunitId; nodes.create takes one as clientOptionSetId.',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: ClientOptionSetList,
  example: (x) => ({ bunitId: x.ids.acme }),
  toolName: 'list_client_option_sets',
  columns: { id: 'id', name: 'name', description: 'description' },
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'servers', toolset: 'catalog' });
