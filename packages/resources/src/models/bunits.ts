import { z } from 'zod';
import { collectionOf, linkedCollectionOf, Tag } from './common.js';
import { TimeZone } from './timezones.js';
import { User } from './users.js';

/** A business unit without its links, as nested in `BusinessUnit.parentBusinessUnit`. */
export const BusinessUnitParent = z.looseObject({
  consumers: z.array(z.unknown()).optional(),
  tags: z.array(Tag).optional(),
  id: z.number().int().optional(),
  name: z.string().optional(),
  registrationNumber: z.string().optional(),
  invoiceDay: z.number().int().optional(),
  createdDate: z.string().optional(),
  useScheduleBindings: z.boolean().optional(),
  supportResponsible: z.boolean().optional(),
  storageLimit: z.number().int().optional(),
  transferLimit: z.number().int().optional(),
  nodeLimit: z.number().int().optional(),
  requiredApproversOfDeleteRequest: z.number().int().optional(),
  finalDeleteRequestApprover: z.boolean().optional(),
  usersCanApproveOwnRequests: z.boolean().optional(),
  billingStorageTypeId: z.number().int().optional(),
  reportRemotely: z.boolean().optional(),
  passwordExpirationDays: z.number().int().optional(),
  domainFilter: z.array(z.unknown()).optional(),
  clientOptionSetFilter: z.array(z.unknown()).optional(),
  billingStorageType: z.number().int().optional(),
});
export type BusinessUnitParent = z.infer<typeof BusinessUnitParent>;

/** A business unit (customer, department, reseller): its consumption units, users and billing. */
export const BusinessUnit = BusinessUnitParent.extend({
  href: z.string().optional(),
  parentBusinessUnit: BusinessUnitParent.optional(),
  timeZone: TimeZone.optional(),
  users: linkedCollectionOf(User).optional(),
  addresses: linkedCollectionOf(z.unknown()).optional(),
  get businessUnits() {
    return linkedCollectionOf(BusinessUnit).optional();
  },
  get ancestors() {
    return linkedCollectionOf(BusinessUnit).optional();
  },
  note: z.string().optional(),
});
export type BusinessUnit = z.infer<typeof BusinessUnit>;

/** The direct children of a business unit. */
export const BusinessUnitList = collectionOf(BusinessUnit);
export type BusinessUnitList = z.infer<typeof BusinessUnitList>;

/** A unit of the tree `GET /v1/bunits` returns, its descendants nested in `businessUnits`. */
export const BusinessUnitSummary = z.looseObject({
  id: z.number().int().optional(),
  parentId: z.number().int().optional(),
  name: z.string().optional(),
  groupName: z.string().optional(),
  reportRemotely: z.boolean().optional(),
  get businessUnits() {
    return z.array(BusinessUnitSummary).optional();
  },
  tags: z.array(Tag).optional(),
  invoiceDay: z.number().int().optional(),
});
export type BusinessUnitSummary = z.infer<typeof BusinessUnitSummary>;
