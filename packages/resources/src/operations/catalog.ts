import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { idOf } from '../inputs.js';
import {
  NodeOperatingSystem,
  NodeOperatingSystemList,
  NodeType,
  NodeTypeList,
} from '../models/index.js';

/** E28: operating systems. */
export const operatingSystems = defineOperation({
  id: 'E28',
  name: 'catalog.operatingSystems',
  method: 'GET',
  path: '/v1/nodeoperatingsystems',
  summary: 'List backup node operating systems',
  description:
    'Lists the operating systems a backup node can have, each with supportedNodeTypes: nodes.create needs an operatingSystemId and a nodeTypeId that the OS supports.',
  safety: 'read',
  idempotent: true,
  input: {},
  response: NodeOperatingSystemList,
  example: () => ({}),
  toolName: 'list_operating_systems',
  columns: {
    id: 'id',
    name: 'name',
    shortName: 'shortName',
    nodeTypes: 'supportedNodeTypes',
  },
});

/** E29: one operating system. */
export const operatingSystem = defineOperation({
  id: 'E29',
  name: 'catalog.operatingSystem',
  method: 'GET',
  path: '/v1/nodeoperatingsystems/{osId}',
  summary: 'Get one backup node operating system',
  description:
    'Returns one operating system with its supportedNodeTypes (ids from catalog.operatingSystems).',
  safety: 'read',
  idempotent: true,
  input: { osId: idOf('operating system', 'catalog.operatingSystems') },
  response: NodeOperatingSystem,
  example: async (x) => ({ osId: await x.first('catalog.operatingSystems') }),
  toolName: 'get_operating_system',
});

/** E30: node types. */
export const nodeTypes = defineOperation({
  id: 'E30',
  name: 'catalog.nodeTypes',
  method: 'GET',
  path: '/v1/nodetypes',
  summary: 'List backup node types',
  description:
    'Lists the kinds of backup node (file, database, virtual machine, mail, ...); nodes.create takes one as nodeTypeId.',
  safety: 'read',
  idempotent: true,
  input: {},
  response: NodeTypeList,
  example: () => ({}),
  toolName: 'list_node_types',
  columns: { id: 'id', name: 'name', shortName: 'shortName' },
});

/** E31: one node type. */
export const nodeType = defineOperation({
  id: 'E31',
  name: 'catalog.nodeType',
  method: 'GET',
  path: '/v1/nodetypes/{nodeTypeId}',
  summary: 'Get one backup node type',
  description: 'Returns one node type (ids from catalog.nodeTypes).',
  safety: 'read',
  idempotent: true,
  input: { nodeTypeId: idOf('node type', 'catalog.nodeTypes') },
  response: NodeType,
  example: async (x) => ({ nodeTypeId: await x.first('catalog.nodeTypes') }),
  toolName: 'get_node_type',
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'catalog', toolset: 'catalog' });
