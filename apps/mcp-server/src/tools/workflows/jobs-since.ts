import { JobsSinceInput, jobsSince } from '@cloutapi/resources';
import { z } from 'zod';
import { compact } from '../../format/compact.js';
import { table } from '../../format/text.js';
import { defineTool } from '../define-tool.js';
import { READS } from './hints.js';

/** Jobs shown, the latest. */
const LAST_JOBS = 50;
const COLUMNS = [
  'id',
  'name',
  'type',
  'status',
  'actualStart',
  'completed',
  'failedFiles',
  'transferredMegaBytes',
];

/** `jobs_since`: the SDK's `jobsSince` (clamped to the first job, split into windows). */
export const jobsSinceTool = defineTool({
  name: 'jobs_since',
  title: 'Jobs of a machine since a time',
  description:
    'Lists the jobs of consumption unit consumerId since a time; a start before the first job moves to it (said so).',
  toolset: 'workflows',
  input: JobsSinceInput,
  output: z.object({
    from: z.string(),
    to: z.string(),
    clamped: z.boolean(),
    jobs: z.array(z.record(z.string(), z.unknown())),
    notes: z.array(z.string()),
  }),
  annotations: READS,
  writes: false,
  example: (x) => ({
    bunitId: x.ids.acme,
    consumerId: x.ids.dc01,
    since: '2000-01-01T00:00:00Z',
  }),
  async handler(input, ctx) {
    const r = await jobsSince(ctx.clout, input, ctx.call);
    const jobs = r.jobs.slice(-LAST_JOBS).map((j) =>
      compact(
        {
          id: j.id,
          name: j.name,
          type: j.type?.name,
          status: j.status?.name,
          actualStart: j.actualStart,
          completed: j.completed,
          failedFiles: j.failedFiles,
          transferredMegaBytes: j.transferredMegaBytes,
        },
        false,
      ),
    );
    const head = `${r.jobs.length} job(s) from ${r.from} to ${r.to}${r.jobs.length > LAST_JOBS ? ` (last ${LAST_JOBS} shown)` : ''}`;
    return {
      text: [head, ...r.notes.map((n) => `Note: ${n}`), jobs.length ? table(jobs, COLUMNS) : '']
        .filter(Boolean)
        .join('\n'),
      structured: { from: r.from, to: r.to, clamped: r.clamped, jobs, notes: r.notes },
    };
  },
});
