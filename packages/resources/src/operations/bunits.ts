import { z } from 'zod';
import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { bunitId, compact, flag, idOf, LIMITS, nameText, optional, ref } from '../inputs.js';
import { BusinessUnit, BusinessUnitList, BusinessUnitSummary, UserList } from '../models/index.js';

const timeZoneId = optional(idOf('time zone', 'timezones.list'));

/** E05: the business unit tree. */
export const tree = defineOperation({
  id: 'E05',
  name: 'bunits.tree',
  method: 'GET',
  path: '/v1/bunits',
  summary: 'Get the business unit tree',
  description:
    'Returns ONE object, not a list: your home business unit (or bunitId) with all descendants nested in businessUnits (id, name, groupName, tags). The starting point for finding any bunitId.',
  safety: 'read',
  idempotent: true,
  input: { bunitId: optional(idOf('business unit', 'meta.me or bunits.tree')) },
  query: ['bunitId'],
  response: BusinessUnitSummary,
  example: () => ({}),
  toolName: 'get_business_unit_tree',
  view: 'tree',
});

/** E06: one business unit. */
export const get = defineOperation({
  id: 'E06',
  name: 'bunits.get',
  method: 'GET',
  path: '/v1/bunits/{bunitId}',
  summary: 'Get one business unit',
  description:
    'Returns one business unit in detail: name, registration number, time zone, parent, limits, tags. Its nested users and consumers are often incomplete: use bunits.users and consumers.list.',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: BusinessUnit,
  example: (x) => ({ bunitId: x.ids.acme }),
});

/** E07: direct children. */
export const children = defineOperation({
  id: 'E07',
  name: 'bunits.children',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/bunits',
  summary: 'List the business units directly under a unit',
  description:
    'Lists the business units directly under bunitId (one level; bunits.tree gives the whole tree at once).',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: BusinessUnitList,
  example: (x) => ({ bunitId: x.ids.root }),
  toolName: 'list_child_business_units',
  columns: {
    id: 'id',
    name: 'name',
    groupName: 'groupName',
    registrationNumber: 'registrationNumber',
    createdDate: 'createdDate',
  },
});

/** E08: create a child unit. */
export const create = defineOperation({
  id: 'E08',
  name: 'bunits.create',
  method: 'POST',
  path: '/v1/bunits/{bunitId}/bunits',
  summary: 'Create a business unit under a parent unit',
  description:
    'Creates a business unit under parent bunitId with a name, optional registration number and time zone. Returns the new unit. Not idempotent: running it twice creates two units.',
  safety: 'write',
  idempotent: false,
  input: {
    bunitId: bunitId.describe('Parent business unit id (from bunits.tree)'),
    name: nameText('business unit name'),
    registrationNumber: z
      .string()
      .max(LIMITS.registrationNumber)
      .optional()
      .describe('Company registration number'),
    timeZoneId,
  },
  body: (i) =>
    compact({
      name: i.name,
      registrationNumber: i.registrationNumber,
      timeZone: ref(i.timeZoneId),
    }),
  response: BusinessUnit,
  example: async (x) => ({
    bunitId: x.ids.root,
    name: 'Example Test AB',
    registrationNumber: 'SE556000-0001',
    timeZoneId: await x.first('timezones.list'),
  }),
});

/** E09: update a unit. */
export const update = defineOperation({
  id: 'E09',
  name: 'bunits.update',
  method: 'PUT',
  path: '/v1/bunits/{bunitId}',
  summary: 'Update a business unit',
  description:
    'Changes the given fields of business unit bunitId (name, registration number, note, time zone, invoice day); fields left out are not sent. Returns the updated unit.',
  safety: 'write',
  idempotent: true,
  input: {
    bunitId,
    name: optional(nameText('business unit name')),
    registrationNumber: z
      .string()
      .max(LIMITS.registrationNumber)
      .optional()
      .describe('Company registration number'),
    note: z.string().max(LIMITS.note).optional().describe('Free-text note'),
    timeZoneId,
    invoiceDay: z
      .number()
      .int()
      .min(LIMITS.invoiceDay.min)
      .max(LIMITS.invoiceDay.max)
      .optional()
      .describe('Day of the month invoices are made (0: default)'),
  },
  body: (i) =>
    compact({
      name: i.name,
      registrationNumber: i.registrationNumber,
      note: i.note,
      timeZone: ref(i.timeZoneId),
      invoiceDay: i.invoiceDay,
    }),
  response: BusinessUnit,
  example: (x) => ({ bunitId: x.made('bunits.create'), note: 'updated by the example' }),
});

/** E10: delete a unit. */
export const remove = defineOperation({
  id: 'E10',
  name: 'bunits.delete',
  method: 'DELETE',
  path: '/v1/bunits/{bunitId}',
  summary: 'Delete a business unit',
  description:
    'Deletes business unit bunitId; refused while it has child or consumption units unless deleteChildren / deleteConsumers is true (deleteServers also removes its servers). Cannot be undone.',
  safety: 'destructive',
  idempotent: true,
  input: {
    bunitId,
    deleteChildren: flag('Also delete the child business units'),
    deleteConsumers: flag('Also delete the consumption units and their backup nodes'),
    deleteServers: flag('Also delete the backup servers registered to the unit'),
  },
  query: ['deleteChildren', 'deleteConsumers', 'deleteServers'],
  response: z.unknown(),
  example: (x) => ({ bunitId: x.made('bunits.create') }),
  removes: 'businessUnit',
});

/** E11: users of a unit. */
export const users = defineOperation({
  id: 'E11',
  name: 'bunits.users',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/users',
  summary: 'List the users of a business unit',
  description: 'Lists the portal users of business unit bunitId (name, e-mail, role, locked).',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: UserList,
  example: (x) => ({ bunitId: x.ids.root }),
  toolName: 'list_business_unit_users',
  columns: {
    id: 'id',
    name: 'name',
    email: 'email',
    role: 'role.name',
    locked: 'locked',
    lastLoginDate: 'lastLoginDate',
  },
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'bunits', toolset: 'bunits' });
