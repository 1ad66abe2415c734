import { z } from 'zod';
import { collectionOf, NamedValue, STORED } from './common.js';
import { DataSourceState } from './consumers.js';
import { optionalBoolean, optionalInt, optionalNumber, optionalText } from './leaves.js';
import { BackupNode } from './nodes.js';

/** A storage pool on the backup server, where a filespace's data is stored. */
export const StoragePool = z.looseObject({
  name: optionalText,
  type: optionalText,
  totalStorageMegaBytes: optionalNumber,
  freeStorageMegaBytes: optionalNumber,
  maxProcesses: optionalInt,
  ...STORED,
});
export type StoragePool = z.infer<typeof StoragePool>;

/** What kind of data an occupancy counts (backup, archive, ...). */
export const FilespaceOccupancyType = NamedValue;
export type FilespaceOccupancyType = z.infer<typeof FilespaceOccupancyType>;

/** How much of one storage pool a filespace occupies, for one kind of data. */
export const FilespaceOccupancy = z.looseObject({
  storagePool: StoragePool.optional(),
  files: optionalInt,
  logicalMegaBytes: optionalNumber,
  logicalMegaBytesCorrected: optionalNumber,
  dedupStatNeeded: optionalBoolean,
  dedupStatUpToDate: optionalBoolean,
  physicalMegaBytes: optionalNumber,
  reportingMegaBytes: optionalNumber,
  storageMegaBytes: optionalNumber,
  type: FilespaceOccupancyType.optional(),
  ...STORED,
});
export type FilespaceOccupancy = z.infer<typeof FilespaceOccupancy>;

/** A filespace of a backup node: one backed-up file system, drive or volume and its usage. */
export const Filespace = z.looseObject({
  href: optionalText,
  tsmFilespaceId: optionalText,
  type: optionalText,
  capacityMegaBytes: optionalNumber,
  frontEndCapacityMegaBytes: optionalInt,
  percentageUtilized: optionalNumber,
  lastBackupStart: optionalText,
  lastBackupEnd: optionalText,
  occupancies: z.array(FilespaceOccupancy).optional(),
  dedupStats: z.array(z.unknown()).optional(),
  activities: z.array(z.unknown()).optional(),
  events: z.array(z.unknown()).optional(),
  node: BackupNode.optional(),
  retentionSets: z.array(z.unknown()).optional(),
  name: optionalText,
  dataSourceState: DataSourceState.optional(),
  ...STORED,
});
export type Filespace = z.infer<typeof Filespace>;

/** The filespaces of a backup node. */
export const FilespaceList = collectionOf(Filespace);
export type FilespaceList = z.infer<typeof FilespaceList>;
