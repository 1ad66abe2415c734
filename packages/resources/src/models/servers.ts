import { z } from 'zod';
import { collectionOf, NamedValue, Ref, STORED } from './common.js';
import { optionalBoolean, optionalInt, optionalText } from './leaves.js';

/** A backup server (IBM Storage Protect instance) that holds a business unit's nodes. */
export const BackupServer = Ref.extend({ href: optionalText });
export type BackupServer = z.infer<typeof BackupServer>;

/** A policy domain on a backup server: the retention rules a new node is placed under. */
export const PolicyDomain = z.looseObject({
  href: optionalText,
  server: BackupServer.optional(),
  name: optionalText,
  description: optionalText,
  backupRetention: optionalInt,
  archiveRetention: optionalInt,
  missingInTsm: optionalBoolean,
  ...STORED,
});
export type PolicyDomain = z.infer<typeof PolicyDomain>;

/** The policy domains of a business unit's default backup server. */
export const PolicyDomainList = collectionOf(PolicyDomain);
export type PolicyDomainList = z.infer<typeof PolicyDomainList>;

/** A client option set on a backup server: client settings pushed to the nodes that use it. */
export const ClientOptionSet = NamedValue.extend({
  href: optionalText,
  description: optionalText,
});
export type ClientOptionSet = z.infer<typeof ClientOptionSet>;

/** The client option sets of a business unit's default backup server. */
export const ClientOptionSetList = collectionOf(ClientOptionSet);
export type ClientOptionSetList = z.infer<typeof ClientOptionSetList>;
