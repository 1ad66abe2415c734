import { z } from 'zod';
import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { idOf } from '../inputs.js';
import { Action, ActionList, User } from '../models/index.js';

/** E01: the API's full version. */
export const version = defineOperation({
  id: 'E01',
  name: 'meta.version',
  method: 'GET',
  path: '/v1/fullVersion',
  summary: 'Get the full version of the Cloutility API',
  description:
    'Returns the full version of the Cloutility API as a string, e.g. "1.0.4480.0". Needs no ids; a cheap way to check that the URL, client id, origin and credentials work.',
  safety: 'read',
  idempotent: true,
  input: {},
  response: z.string(),
  example: () => ({}),
  toolName: 'get_api_version',
});

/** E02: the signed-in user. */
export const me = defineOperation({
  id: 'E02',
  name: 'meta.me',
  method: 'GET',
  path: '/v1/me',
  summary: 'Get the signed-in user and their home business unit',
  description:
    "Returns the signed-in user (name, e-mail, role) with businessUnit {id, name}: the user's home business unit, where bunits.tree starts by default. Use it to find the first bunitId to work with.",
  safety: 'read',
  idempotent: true,
  input: {},
  response: User,
  example: () => ({}),
  toolName: 'get_current_user',
});

/** E03: actions. */
export const listActions = defineOperation({
  id: 'E03',
  name: 'actions.list',
  method: 'GET',
  path: '/v1/actions',
  summary: 'List actions',
  description:
    'Lists the actions (portal operations with a name and id) visible to the signed-in user. Their ids are what actions.get takes.',
  safety: 'read',
  idempotent: true,
  input: {},
  response: ActionList,
  example: () => ({}),
  columns: { id: 'id', name: 'name' },
});

/** E04: one action. */
export const getAction = defineOperation({
  id: 'E04',
  name: 'actions.get',
  method: 'GET',
  path: '/v1/actions/{actionId}',
  summary: 'Get one action',
  description: 'Returns one action by id (ids from actions.list).',
  safety: 'read',
  idempotent: true,
  input: { actionId: idOf('action', 'actions.list') },
  response: Action,
  example: async (x) => ({ actionId: await x.first('actions.list') }),
});

/** The API area this file declares (see define-area.ts): the `meta` and `actions` namespaces. */
export const area = defineArea({ name: 'meta', toolset: 'catalog' });
