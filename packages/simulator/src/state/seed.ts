import { createRandom } from '../random.js';
import { seedAudit } from './audit.js';
import { seedBilling } from './billing.js';
import { createCatalog, ROLES } from './catalog.js';
import { DAY, iso, startOfDay } from './dates.js';
import { seedActivity } from './demo-activity.js';
import {
  type FleetSize,
  seedCustomerUsers,
  seedFleet,
  seedOrganization,
  seedRootUnit,
} from './demo-org.js';
import { ID_BASES, nextId } from './ids.js';
import type { SimulatorState, UserRecord } from './model.js';

/** A user to create in the state (the password stays with the simulator's credentials). */
export interface SeedUser {
  username: string;
  displayName?: string;
  bunitId?: number;
  role?: 'admin' | 'readonly';
}

/**
 * Builds the state for a seed at a given time. `empty` has only the root unit, the users and the
 * catalog; every other seed gets the demo reseller, with numbers drawn from a PRNG seeded by the
 * seed string. With `fleet`, generated customers and machines (a mix of healthy and every kind of
 * problem) take the place of the hand-written demo customers. The same seed, time and fleet
 * always give the same state.
 */
export function createState(
  seed: string,
  now: Date,
  users: SeedUser[],
  fleet?: FleetSize,
): SimulatorState {
  const nowMs = now.getTime();
  const rng = createRandom(seed);
  const state: SimulatorState = {
    seed,
    seededAt: iso(nowMs),
    rootBusinessUnitId: 0,
    randomState: 0,
    nextId: { ...ID_BASES },
    businessUnits: [],
    consumers: [],
    nodes: [],
    proxies: [],
    users: [],
    ...createCatalog(),
    jobs: [],
    reports: [],
    filespaces: [],
    auditLog: [],
    contracts: [],
    invoices: [],
    billingData: [],
    invoiceFiles: [],
  };
  seedRootUnit(state, nowMs);
  const demo = seed !== 'empty';
  const behaviours = !demo
    ? undefined
    : fleet
      ? seedFleet(state, rng, nowMs, fleet)
      : seedOrganization(state, rng, nowMs);
  const registered = users.map((u) => addUser(state, u, nowMs));
  if (behaviours) {
    seedCustomerUsers(state, nowMs);
    seedActivity(state, rng, nowMs, behaviours);
    seedBilling(state, nowMs);
    seedAudit(state, registered.find((u) => u.roleId === ROLES.admin.id) ?? registered[0]);
  }
  state.randomState = rng.state();
  return state;
}

function addUser(state: SimulatorState, user: SeedUser, now: number): UserRecord {
  const businessUnitId = user.bunitId ?? state.rootBusinessUnitId;
  if (!state.businessUnits.some((b) => b.id === businessUnitId)) {
    throw new Error(
      `User '${user.username}' has home business unit ${businessUnitId}, which the seed '${state.seed}' does not have`,
    );
  }
  const record: UserRecord = {
    id: nextId(state, 'user'),
    name: user.username,
    displayName: user.displayName ?? user.username,
    email: user.username.includes('@') ? user.username : `${user.username}@example.net`,
    roleId: ROLES[user.role ?? 'admin'].id,
    businessUnitId,
    language: 'en-US',
    locked: false,
    usesTotp: false,
    createdDate: iso(startOfDay(now) - 365 * DAY),
  };
  state.users.push(record);
  return record;
}
