import { z } from 'zod';
import { collectionOf, Ref, STORED, Tag } from './common.js';
import { DataSourceState, DataSourceType } from './consumers.js';

/** A job run against a backup node: a backup, archive or restore session and its outcome. */
export const Job = z.looseObject({
  href: z.string().optional(),
  businessUnitId: z.number().int().optional(),
  consumerId: z.number().int().optional(),
  dataSourceId: z.number().int().optional(),
  serverId: z.number().int().optional(),
  tags: z.array(Tag).optional(),
  type: Ref.optional(),
  status: Ref.optional(),
  // A JobSeverity enum code; the docs do not list its values.
  severity: z.number().int().optional(),
  supportStatus: Ref.optional(),
  dataSourceType: DataSourceType.optional(),
  dataSourceState: DataSourceState.optional(),
  scheduled: z.boolean().optional(),
  scheduledStart: z.string().optional(),
  actualStart: z.string().optional(),
  completed: z
    .string()
    .optional()
    .describe('When the job ended; from `jobs/first` the only meaningful field.'),
  examinedFiles: z.number().int().optional(),
  affectedFiles: z.number().int().optional(),
  failedFiles: z.number().int().optional(),
  result: z.number().int().optional(),
  transferredMegaBytes: z.number().optional(),
  transferredGigaBytes: z.number().optional(),
  serverType: Ref.optional(),
  jobName: Ref.optional(),
  name: z.string().optional(),
  duration: z.string().optional().describe('A .NET TimeSpan, e.g. "01:02:03" or "1.02:03:04".'),
  transferredMegaBytesPerSecond: z.number().optional(),
  ...STORED,
});
export type Job = z.infer<typeof Job>;

/** The jobs of a consumption unit in a time interval. */
export const JobList = collectionOf(Job);
export type JobList = z.infer<typeof JobList>;
