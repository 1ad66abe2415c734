import { z } from 'zod';
import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { bunitId, consumerId, idOf } from '../inputs.js';
import { BackupNode, BackupNodeList } from '../models/index.js';

const targetConsumerId = idOf('proxy target consumption unit', 'consumers.list');
const agentConsumerId = idOf('proxy agent consumption unit', 'consumers.list');

/** E40: possible proxy nodes. */
export const possibleNodes = defineOperation({
  id: 'E40',
  name: 'proxies.possibleNodes',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/node/possibleproxynodes',
  summary: 'List nodes that could be proxies of a node',
  description:
    'Lists the backup nodes that can be proxy agent or target of the node of consumerId.',
  safety: 'read',
  idempotent: true,
  input: { bunitId, consumerId },
  response: BackupNodeList,
  example: (x) => ({ bunitId: x.ids.acme, consumerId: x.ids.dc01 }),
  toolName: 'list_possible_proxy_nodes',
  // proxies.addAgent and proxies.addTarget take the consumer's id, not the node's own.
  columns: { consumerId: 'consumer.id', tsmName: 'tsmName', consumerName: 'consumer.name' },
});

/** E41: add a proxy agent to a target. */
export const addAgent = defineOperation({
  id: 'E41',
  name: 'proxies.addAgent',
  method: 'POST',
  path: '/v1/bunits/{bunitId}/consumers/{targetConsumerId}/node/proxyagents',
  summary: 'Let another node act as proxy agent for a node',
  description:
    'Makes the node of consumption unit agentConsumerId a proxy agent of the node of targetConsumerId, so it can act for it (e.g. restore its files). Candidates from proxies.possibleNodes.',
  safety: 'write',
  idempotent: false,
  input: {
    bunitId,
    targetConsumerId,
    // Named as proxies.removeAgent names it; the portal's query parameter is proxyAgentId.
    agentConsumerId: agentConsumerId.describe(
      'Consumer id of the node that becomes the agent (from proxies.possibleNodes)',
    ),
  },
  query: (input) => ({ proxyAgentId: input.agentConsumerId }),
  response: BackupNode,
  example: (x) => ({
    bunitId: x.ids.acme,
    targetConsumerId: x.ids.dc01,
    agentConsumerId: x.ids.exch01,
  }),
  toolName: 'add_proxy_agent',
});

/** E42: add a proxy target to an agent. */
export const addTarget = defineOperation({
  id: 'E42',
  name: 'proxies.addTarget',
  method: 'POST',
  path: '/v1/bunits/{bunitId}/consumers/{agentConsumerId}/node/proxytargets',
  summary: 'Let a node act as proxy agent for another node',
  description:
    'Makes the node of agentConsumerId a proxy agent of the node of targetConsumerId (proxies.addAgent from the other side).',
  safety: 'write',
  idempotent: false,
  input: {
    bunitId,
    agentConsumerId,
    // Named as proxies.removeTarget names it; the portal's query parameter is proxyTargetId.
    targetConsumerId: targetConsumerId.describe(
      'Consumer id of the node the agent may act for (from proxies.possibleNodes)',
    ),
  },
  query: (input) => ({ proxyTargetId: input.targetConsumerId }),
  response: BackupNode,
  example: (x) => ({
    bunitId: x.ids.acme,
    agentConsumerId: x.ids.exch01,
    targetConsumerId: x.ids.sql01,
  }),
  toolName: 'add_proxy_target',
});

/** E43: remove an agent from a target. */
export const removeAgent = defineOperation({
  id: 'E43',
  name: 'proxies.removeAgent',
  method: 'DELETE',
  path: '/v1/bunits/{bunitId}/consumers/{targetConsumerId}/node/proxyagents/{agentConsumerId}',
  summary: 'End a proxy relationship (from the target side)',
  description:
    'Stops the node of agentConsumerId acting as proxy agent for the node of targetConsumerId.',
  safety: 'destructive',
  idempotent: true,
  input: { bunitId, targetConsumerId, agentConsumerId },
  response: z.unknown(),
  example: (x) => ({
    bunitId: x.ids.acme,
    targetConsumerId: x.ids.dc01,
    agentConsumerId: x.ids.exch01,
  }),
  toolName: 'remove_proxy_agent',
  removes: 'proxyAgent',
});

/** E44: remove a target from an agent. */
export const removeTarget = defineOperation({
  id: 'E44',
  name: 'proxies.removeTarget',
  method: 'DELETE',
  path: '/v1/bunits/{bunitId}/consumers/{agentConsumerId}/node/proxytargets/{targetConsumerId}',
  summary: 'End a proxy relationship (from the agent side)',
  description: 'The same as proxies.removeAgent, from the agent side.',
  safety: 'destructive',
  idempotent: true,
  input: { bunitId, agentConsumerId, targetConsumerId },
  response: z.unknown(),
  example: (x) => ({
    bunitId: x.ids.acme,
    agentConsumerId: x.ids.exch01,
    targetConsumerId: x.ids.sql01,
  }),
  toolName: 'remove_proxy_target',
  removes: 'proxyTarget',
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'proxies', toolset: 'proxies' });
