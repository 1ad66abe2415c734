import { z } from 'zod';
import { BusinessUnit } from './bunits.js';
import { collectionOf, Ref, STORED, Tag } from './common.js';
import { optionalBoolean, optionalInt, optionalNumber, optionalText } from './leaves.js';
import { BackupNode } from './nodes.js';

/** What a consumption unit consumes; for backup nodes `{id: 1, name: "SP Backup node"}`. */
export const DataSourceType = Ref;
export type DataSourceType = z.infer<typeof DataSourceType>;

/** The life-cycle state of a consumption unit or node (e.g. `{id: 3, name: "Active"}`). */
export const DataSourceState = Ref;
export type DataSourceState = z.infer<typeof DataSourceState>;

/** A consumption unit ("consumer"): the billable unit under a business unit, with one node. */
export const Consumer = z.looseObject({
  href: optionalText,
  dataSourceType: DataSourceType.optional(),
  dataSourceIsPotentialParent: optionalBoolean,
  dataSourceState: DataSourceState.optional(),
  latestRestorePoint: optionalText,
  name: optionalText,
  billingStartDate: optionalText,
  // The docs type these two as boolean while their names say date: accept either.
  billingEndDate: z.union([z.string(), z.boolean()]).optional(),
  scheduledDeletionDate: z.union([z.string(), z.boolean()]).optional(),
  businessUnit: BusinessUnit.optional(),
  comments: z.array(z.unknown()).optional(),
  lastCommentTime: optionalText,
  lastCommentTypeId: optionalInt,
  note: optionalText,
  externalReference: optionalText,
  // A getter: nodes.ts imports this module back (BackupNode.consumer).
  get node() {
    return BackupNode.optional();
  },
  // Documented as integer, but the guide's example sends `100.0`.
  limitHighStorage: optionalNumber,
  allowNoActivity: optionalBoolean,
  tags: z.array(Tag).optional(),
  jobs: z.array(z.unknown()).optional(),
  ...STORED,
});
export type Consumer = z.infer<typeof Consumer>;

/** The consumption units of a business unit. */
export const ConsumerList = collectionOf(Consumer);
export type ConsumerList = z.infer<typeof ConsumerList>;
