import { z } from 'zod';
import { collectionOf, NamedValue, Ref, STORED } from './common.js';

/** A backup server (IBM Storage Protect instance) that holds a business unit's nodes. */
export const BackupServer = Ref.extend({ href: z.string().optional() });
export type BackupServer = z.infer<typeof BackupServer>;

/** A policy domain on a backup server: the retention rules a new node is placed under. */
export const PolicyDomain = z.looseObject({
  href: z.string().optional(),
  server: BackupServer.optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  backupRetention: z.number().int().optional(),
  archiveRetention: z.number().int().optional(),
  missingInTsm: z.boolean().optional(),
  ...STORED,
});
export type PolicyDomain = z.infer<typeof PolicyDomain>;

/** The policy domains of a business unit's default backup server. */
export const PolicyDomainList = collectionOf(PolicyDomain);
export type PolicyDomainList = z.infer<typeof PolicyDomainList>;

/** A client option set on a backup server: client settings pushed to the nodes that use it. */
export const ClientOptionSet = NamedValue.extend({
  href: z.string().optional(),
  description: z.string().optional(),
});
export type ClientOptionSet = z.infer<typeof ClientOptionSet>;

/** The client option sets of a business unit's default backup server. */
export const ClientOptionSetList = collectionOf(ClientOptionSet);
export type ClientOptionSetList = z.infer<typeof ClientOptionSetList>;
