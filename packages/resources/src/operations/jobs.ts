import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { bunitId, consumerId, isoDateTime } from '../inputs.js';
import { Job, JobList } from '../models/index.js';

/** E23: the first job. */
export const first = defineOperation({
  id: 'E23',
  name: 'jobs.first',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/jobs/first',
  summary: 'Get the date of the first job of a consumption unit',
  description:
    'Returns the first job of consumption unit consumerId. Only its completed date is meaningful (other fields are placeholders): it is the earliest startTime jobs.list accepts.',
  safety: 'read',
  idempotent: true,
  input: { bunitId, consumerId },
  response: Job,
  example: (x) => ({ bunitId: x.ids.acme, consumerId: x.ids.dc01 }),
  toolName: 'get_first_job',
});

/** E24: jobs in an interval. */
export const list = defineOperation({
  id: 'E24',
  name: 'jobs.list',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumers/{consumerId}/jobs',
  summary: 'List the jobs of a consumption unit in a time interval',
  description:
    'Lists the backup, archive and restore jobs of consumption unit consumerId between startTime and endTime, with status, files and bytes; without them, the last 24 hours. A startTime before the first job (jobs.first) is refused with 400.',
  safety: 'read',
  idempotent: true,
  input: {
    bunitId,
    consumerId,
    startTime: isoDateTime
      .optional()
      .describe("Start of the interval (ISO 8601); >= the first job's completed date"),
    endTime: isoDateTime.optional().describe('End of the interval (ISO 8601)'),
  },
  query: ['startTime', 'endTime'],
  // The guide writes this list as jobs/first?startTime&endTime; a server may serve it only there.
  alternate: {
    path: '/v1/bunits/{bunitId}/consumers/{consumerId}/jobs/first',
    query: (i) => ({ startTime: i.startTime, endTime: i.endTime ?? new Date().toISOString() }),
  },
  response: JobList,
  example: async (x) => {
    const first = (await x.call('jobs.first', { bunitId: x.ids.acme, consumerId: x.ids.dc01 })) as {
      completed?: string;
    };
    return { bunitId: x.ids.acme, consumerId: x.ids.dc01, startTime: first.completed };
  },
  columns: {
    id: 'id',
    name: 'name',
    type: 'type.name',
    status: 'status.name',
    actualStart: 'actualStart',
    completed: 'completed',
    failedFiles: 'failedFiles',
    transferredMegaBytes: 'transferredMegaBytes',
  },
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'jobs', toolset: 'jobs' });
