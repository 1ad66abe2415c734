import { z } from 'zod';
import { collectionOf, Ref, STORED, Tag } from './common.js';
import { DataSourceState, DataSourceType } from './consumers.js';
import { optionalBoolean, optionalInt, optionalNumber, optionalText } from './leaves.js';

/** A job run against a backup node: a backup, archive or restore session and its outcome. */
export const Job = z.looseObject({
  href: optionalText,
  businessUnitId: optionalInt,
  consumerId: optionalInt,
  dataSourceId: optionalInt,
  serverId: optionalInt,
  tags: z.array(Tag).optional(),
  type: Ref.optional(),
  status: Ref.optional(),
  // A JobSeverity enum code; the docs do not list its values.
  severity: optionalInt,
  supportStatus: Ref.optional(),
  dataSourceType: DataSourceType.optional(),
  dataSourceState: DataSourceState.optional(),
  scheduled: optionalBoolean,
  scheduledStart: optionalText,
  actualStart: optionalText,
  completed: z
    .string()
    .optional()
    .describe('When the job ended; from `jobs/first` the only meaningful field.'),
  examinedFiles: optionalInt,
  affectedFiles: optionalInt,
  failedFiles: optionalInt,
  result: optionalInt,
  transferredMegaBytes: optionalNumber,
  transferredGigaBytes: optionalNumber,
  serverType: Ref.optional(),
  jobName: Ref.optional(),
  name: optionalText,
  duration: optionalText.describe('A .NET TimeSpan, e.g. "01:02:03" or "1.02:03:04".'),
  transferredMegaBytesPerSecond: optionalNumber,
  ...STORED,
});
export type Job = z.infer<typeof Job>;

/** The jobs of a consumption unit in a time interval. */
export const JobList = collectionOf(Job);
export type JobList = z.infer<typeof JobList>;
