import { z } from 'zod';
import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import {
  bunitId,
  compact,
  consumerId,
  dateOrDateTime,
  LIMITS,
  nameText,
  optional,
} from '../inputs.js';
import { Consumer, ConsumerList } from '../models/index.js';

const fields = {
  billingStartDate: dateOrDateTime
    .optional()
    .describe('When billing starts (YYYY-MM-DD or ISO 8601)'),
  note: z.string().max(LIMITS.note).optional().describe('Free-text note'),
  externalReference: z
    .string()
    .max(LIMITS.externalReference)
    .optional()
    .describe('Your own reference, e.g. a CMDB id'),
};

/** E14: consumption units of a unit. */
export const list = defineOperation({
  id: 'E14',
  name: 'consumers.list',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers',
  summary: 'List the consumption units of a business unit',
  description:
    'Lists the consumption units ("consumers": one per machine and backup node) directly in business unit bunitId: id, name, state.',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: ConsumerList,
  example: (x) => ({ bunitId: x.ids.acme }),
  columns: {
    id: 'id',
    name: 'name',
    state: 'dataSourceState.name',
    node: 'node.tsmName',
    externalReference: 'externalReference',
    createdDate: 'createdDate',
  },
});

/** E15: one consumption unit. */
export const get = defineOperation({
  id: 'E15',
  name: 'consumers.get',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}',
  summary: 'Get one consumption unit',
  description: 'Returns one consumption unit in detail (state, billing dates, note, tags).',
  safety: 'read',
  idempotent: true,
  input: { bunitId, consumerId },
  response: Consumer,
  example: (x) => ({ bunitId: x.ids.acme, consumerId: x.ids.dc01 }),
});

/** E16: create a consumption unit. */
export const create = defineOperation({
  id: 'E16',
  name: 'consumers.create',
  method: 'POST',
  path: '/v1/bunits/{bunitId}/consumers',
  summary: 'Create a consumption unit',
  description:
    'Creates a consumption unit in business unit bunitId (a name is enough); nodes.create adds its backup node. Not idempotent: twice makes two.',
  safety: 'write',
  idempotent: false,
  input: { bunitId, name: nameText('consumption unit name'), ...fields },
  response: Consumer,
  example: (x) => ({ bunitId: x.ids.acme, name: 'example-01', billingStartDate: '2026-11-01' }),
});

/** E17: update a consumption unit. */
export const update = defineOperation({
  id: 'E17',
  name: 'consumers.update',
  method: 'PUT',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}',
  summary: 'Update a consumption unit',
  description:
    'Changes the given fields of consumption unit consumerId; fields left out are not sent.',
  safety: 'write',
  idempotent: true,
  input: { bunitId, consumerId, name: optional(nameText('consumption unit name')), ...fields },
  body: (i) =>
    compact({
      name: i.name,
      billingStartDate: i.billingStartDate,
      note: i.note,
      externalReference: i.externalReference,
    }),
  response: Consumer,
  example: (x) => ({
    bunitId: x.ids.acme,
    consumerId: x.made('consumers.create'),
    note: 'test machine',
  }),
});

/** E18: delete a consumption unit. */
export const remove = defineOperation({
  id: 'E18',
  name: 'consumers.delete',
  method: 'DELETE',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}',
  summary: 'Delete a consumption unit',
  description:
    'Deletes consumption unit consumerId; deleteAssociations also removes its backup node; deletionComment goes to the audit log. Cannot be undone.',
  safety: 'destructive',
  idempotent: true,
  input: {
    bunitId,
    consumerId,
    deleteAssociations: z
      .boolean()
      .optional()
      .describe('Also delete associated objects such as the backup node'),
    deletionComment: z
      .string()
      .max(LIMITS.deletionComment)
      .optional()
      .describe('Why it is deleted (kept in the audit log)'),
  },
  query: ['deleteAssociations', 'deletionComment'],
  response: z.unknown(),
  // A unit of its own: the example of consumers.create is still used by the node examples.
  example: async (x) => ({
    bunitId: x.ids.acme,
    consumerId: (
      (await x.call('consumers.create', { bunitId: x.ids.acme, name: 'example-spare' })) as {
        id: number;
      }
    ).id,
    deleteAssociations: true,
    deletionComment: 'made and removed by the example',
  }),
  removes: 'consumer',
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'consumers', toolset: 'consumers' });
