import { z } from 'zod';
import { collectionOf, linkedCollectionOf, Tag } from './common.js';
import { optionalBoolean, optionalInt, optionalText } from './leaves.js';
import { TimeZone } from './timezones.js';
import { User } from './users.js';

/** A business unit without its links, as nested in `BusinessUnit.parentBusinessUnit`. */
export const BusinessUnitParent = z.looseObject({
  consumers: z.array(z.unknown()).optional(),
  tags: z.array(Tag).optional(),
  id: optionalInt,
  name: optionalText,
  registrationNumber: optionalText,
  invoiceDay: optionalInt,
  createdDate: optionalText,
  useScheduleBindings: optionalBoolean,
  supportResponsible: optionalBoolean,
  storageLimit: optionalInt,
  transferLimit: optionalInt,
  nodeLimit: optionalInt,
  requiredApproversOfDeleteRequest: optionalInt,
  finalDeleteRequestApprover: optionalBoolean,
  usersCanApproveOwnRequests: optionalBoolean,
  billingStorageTypeId: optionalInt,
  reportRemotely: optionalBoolean,
  passwordExpirationDays: optionalInt,
  domainFilter: z.array(z.unknown()).optional(),
  clientOptionSetFilter: z.array(z.unknown()).optional(),
  billingStorageType: optionalInt,
});
export type BusinessUnitParent = z.infer<typeof BusinessUnitParent>;

/** A business unit (customer, department, reseller): its consumption units, users and billing. */
export const BusinessUnit = BusinessUnitParent.extend({
  href: optionalText,
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
  note: optionalText,
});
export type BusinessUnit = z.infer<typeof BusinessUnit>;

/** The direct children of a business unit. */
export const BusinessUnitList = collectionOf(BusinessUnit);
export type BusinessUnitList = z.infer<typeof BusinessUnitList>;

/** A unit of the tree `GET /v1/bunits` returns, its descendants nested in `businessUnits`. */
export const BusinessUnitSummary = z.looseObject({
  id: optionalInt,
  parentId: optionalInt,
  name: optionalText,
  groupName: optionalText,
  reportRemotely: optionalBoolean,
  get businessUnits() {
    return z.array(BusinessUnitSummary).optional();
  },
  tags: z.array(Tag).optional(),
  invoiceDay: optionalInt,
});
export type BusinessUnitSummary = z.infer<typeof BusinessUnitSummary>;
