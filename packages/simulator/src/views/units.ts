import { ROLES } from '../state/catalog.js';
import type {
  BusinessUnitRecord,
  SimulatorState,
  TagRecord,
  TimeZoneRecord,
  UserRecord,
} from '../state/model.js';
import { consumersOf, findBusinessUnit, subtreeOf } from '../state/queries.js';
import { hrefs } from './links.js';

/** A TimeZone, with the portal's "Calculate UTC offset" action. */
export function timeZoneView(base: string, tz: TimeZoneRecord) {
  const href = `${base}/timezones/${tz.id}`;
  return {
    href,
    actions: [{ name: 'Calculate UTC offset', method: 'GET', href: `${href}/offset?date` }],
    name: tz.name,
    windowsId: tz.windowsId,
    offset: tz.offset,
    id: tz.id,
    createdDate: tz.createdDate,
  };
}

/** A BusinessUnitTag with its usage counts. */
export function tagView(state: SimulatorState, tag: TagRecord) {
  const units = tag.inheritable
    ? subtreeOf(state, tag.businessUnitId)
    : [findBusinessUnit(state, tag.businessUnitId)];
  const consumerCount = units.reduce((n, u) => n + (u ? consumersOf(state, u.id).length : 0), 0);
  return {
    id: tag.id,
    businessUnitId: tag.businessUnitId,
    text: tag.text,
    inheritable: tag.inheritable,
    businessUnitCount: units.length,
    consumerCount,
  };
}

/** The settings every business unit shape repeats. */
function unitSettings(state: SimulatorState, unit: BusinessUnitRecord) {
  return {
    name: unit.name,
    supportResponsible: unit.supportResponsible,
    registrationNumber: unit.registrationNumber,
    invoiceDay: unit.invoiceDay,
    billingStorageTypeId: unit.billingStorageTypeId,
    billingStorageType: unit.billingStorageTypeId,
    useScheduleBindings: false,
    storageLimit: unit.storageLimit,
    transferLimit: unit.transferLimit,
    nodeLimit: unit.nodeLimit,
    passwordExpirationDays: 0,
    requiredApproversOfDeleteRequest: 0,
    finalDeleteRequestApprover: false,
    usersCanApproveOwnRequests: false,
    reportRemotely: unit.reportRemotely,
    tags: unit.tags.map((t) => tagView(state, t)),
    id: unit.id,
    createdDate: unit.createdDate,
  };
}

/** A full BusinessUnit (E06, E07, E08, E09). Sub-collections carry only their `href`. */
export function businessUnitView(base: string, state: SimulatorState, unit: BusinessUnitRecord) {
  const href = hrefs.unit(base, unit.id);
  const parent = unit.parentId === undefined ? undefined : findBusinessUnit(state, unit.parentId);
  const tz = state.timeZones.find((t) => t.id === unit.timeZoneId);
  return {
    href,
    ...(parent
      ? {
          parentBusinessUnit: {
            domainFilter: [],
            clientOptionSetFilter: [],
            ...unitSettings(state, parent),
          },
        }
      : {}),
    ...(tz ? { timeZone: timeZoneView(base, tz) } : {}),
    users: { href: `${href}/users` },
    businessUnits: { href: `${href}/bunits` },
    ...(unit.note === undefined ? {} : { note: unit.note }),
    domainFilter: [],
    clientOptionSetFilter: [],
    groupName: unit.groupName,
    ...unitSettings(state, unit),
  };
}

/** A BusinessUnitSummary tree (E05): the unit and every descendant nested in `businessUnits`. */
export function businessUnitSummary(
  state: SimulatorState,
  unit: BusinessUnitRecord,
): Record<string, unknown> {
  return {
    id: unit.id,
    ...(unit.parentId === undefined ? {} : { parentId: unit.parentId }),
    name: unit.name,
    groupName: unit.groupName,
    reportRemotely: unit.reportRemotely,
    businessUnits: state.businessUnits
      .filter((b) => b.parentId === unit.id)
      .map((child) => businessUnitSummary(state, child)),
    tags: unit.tags.map((t) => tagView(state, t)),
    invoiceDay: unit.invoiceDay,
  };
}

/** A User (E02, E11). */
export function userView(base: string, state: SimulatorState, user: UserRecord) {
  const unit = findBusinessUnit(state, user.businessUnitId);
  const role = Object.values(ROLES).find((r) => r.id === user.roleId);
  return {
    href: `${hrefs.unit(base, user.businessUnitId)}/users/${user.id}`,
    name: user.name,
    displayName: user.displayName,
    email: user.email,
    ...(user.phone ? { phone: user.phone } : {}),
    locked: user.locked,
    usesTotp: user.usesTotp,
    failedLoginAttempts: 0,
    ...(role ? { role: { id: role.id, name: role.name } } : {}),
    businessUnit: { id: user.businessUnitId, name: unit?.name ?? '' },
    businessUnitId: user.businessUnitId,
    language: user.language,
    ...(user.lastLoginDate ? { lastLoginDate: user.lastLoginDate } : {}),
    id: user.id,
    createdDate: user.createdDate,
  };
}
