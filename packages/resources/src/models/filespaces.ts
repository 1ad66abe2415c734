import { z } from 'zod';
import { collectionOf, NamedValue, STORED } from './common.js';
import { DataSourceState } from './consumers.js';
import { BackupNode } from './nodes.js';

/** A storage pool on the backup server, where a filespace's data is stored. */
export const StoragePool = z.looseObject({
  name: z.string().optional(),
  type: z.string().optional(),
  totalStorageMegaBytes: z.number().optional(),
  freeStorageMegaBytes: z.number().optional(),
  maxProcesses: z.number().int().optional(),
  ...STORED,
});
export type StoragePool = z.infer<typeof StoragePool>;

/** What kind of data an occupancy counts (backup, archive, ...). */
export const FilespaceOccupancyType = NamedValue;
export type FilespaceOccupancyType = z.infer<typeof FilespaceOccupancyType>;

/** How much of one storage pool a filespace occupies, for one kind of data. */
export const FilespaceOccupancy = z.looseObject({
  storagePool: StoragePool.optional(),
  files: z.number().int().optional(),
  logicalMegaBytes: z.number().optional(),
  logicalMegaBytesCorrected: z.number().optional(),
  dedupStatNeeded: z.boolean().optional(),
  dedupStatUpToDate: z.boolean().optional(),
  physicalMegaBytes: z.number().optional(),
  reportingMegaBytes: z.number().optional(),
  storageMegaBytes: z.number().optional(),
  type: FilespaceOccupancyType.optional(),
  ...STORED,
});
export type FilespaceOccupancy = z.infer<typeof FilespaceOccupancy>;

/** A filespace of a backup node: one backed-up file system, drive or volume and its usage. */
export const Filespace = z.looseObject({
  href: z.string().optional(),
  tsmFilespaceId: z.string().optional(),
  type: z.string().optional(),
  capacityMegaBytes: z.number().optional(),
  frontEndCapacityMegaBytes: z.number().int().optional(),
  percentageUtilized: z.number().optional(),
  lastBackupStart: z.string().optional(),
  lastBackupEnd: z.string().optional(),
  occupancies: z.array(FilespaceOccupancy).optional(),
  dedupStats: z.array(z.unknown()).optional(),
  activities: z.array(z.unknown()).optional(),
  events: z.array(z.unknown()).optional(),
  node: BackupNode.optional(),
  retentionSets: z.array(z.unknown()).optional(),
  name: z.string().optional(),
  dataSourceState: DataSourceState.optional(),
  ...STORED,
});
export type Filespace = z.infer<typeof Filespace>;

/** The filespaces of a backup node. */
export const FilespaceList = collectionOf(Filespace);
export type FilespaceList = z.infer<typeof FilespaceList>;
