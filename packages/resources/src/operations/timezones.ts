import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { idOf } from '../inputs.js';
import { TimeZone, TimeZoneList } from '../models/index.js';

/** E12: time zones. */
export const list = defineOperation({
  id: 'E12',
  name: 'timezones.list',
  method: 'GET',
  path: '/v1/timezones',
  summary: 'List time zones',
  description:
    'Lists the time zones a business unit can have (name, windowsId, id); bunits.create and bunits.update take the id.',
  safety: 'read',
  idempotent: true,
  input: {},
  response: TimeZoneList,
  example: () => ({}),
  columns: { id: 'id', name: 'name', windowsId: 'windowsId' },
});

/** E13: one time zone. */
export const get = defineOperation({
  id: 'E13',
  name: 'timezones.get',
  method: 'GET',
  path: '/v1/timezones/{timeZoneId}',
  summary: 'Get one time zone',
  description: 'Returns one time zone by id (ids from timezones.list).',
  safety: 'read',
  idempotent: true,
  input: { timeZoneId: idOf('time zone', 'timezones.list') },
  response: TimeZone,
  example: async (x) => ({ timeZoneId: await x.first('timezones.list') }),
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'timezones', toolset: 'catalog' });
