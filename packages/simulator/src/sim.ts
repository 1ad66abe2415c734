import { randomBytes } from 'node:crypto';
import { createClock } from './clock.js';
import type { Credential, Sim } from './context.js';
import { defaultClients, defaultUsers } from './defaults.js';
import { createFaultRegistry } from './faults.js';
import { createBillingData, nextInvoiceDate } from './state/billing.js';
import { createState } from './state/seed.js';
import { createStats } from './stats.js';
import { createTokenStore } from './tokens.js';
import type { SimulatorOptions } from './types.js';
import { createWebhookRegistry, deliverWebhook } from './webhooks.js';

/** The environment variable that pins the default clock's start (ISO 8601). */
export const SIM_NOW_ENV = 'CLOUTAPI_SIM_NOW';

/** `CLOUTAPI_SIM_NOW` when set and not empty: lets a parent process pin a child's demo data. */
function envNow(): string | undefined {
  const value = process.env[SIM_NOW_ENV]?.trim();
  if (!value) return undefined;
  if (Number.isNaN(Date.parse(value)))
    throw new RangeError(`${SIM_NOW_ENV} must be an ISO 8601 date and time, got "${value}"`);
  return value;
}

/** Default access token lifetime, as the portal's. */
export const DEFAULT_TOKEN_TTL_SECONDS = 299;
/** Default largest request body. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Builds the simulator's shared context from the options: seeded state, clock, stats, faults,
 * tokens, credentials and webhooks. All option defaults are applied here and nowhere else.
 */
export function createSim(options: SimulatorOptions = {}): Sim {
  const seed = options.seed ?? 'demo';
  const clock = options.clock ?? createClock({ now: options.now ?? envNow() });
  const users = options.users ?? defaultUsers();
  const clients = options.clients ?? defaultClients();
  const seededAt = clock.now();
  const stateUsers = users.map(({ password: _password, ...rest }) => rest);
  const fleet = checkedFleet(options.fleet);
  const state = createState(seed, seededAt, stateUsers, fleet);
  const credentials = new Map<string, Credential>();
  for (const user of users) {
    const record = state.users.find((u) => u.name === user.username);
    if (!record) continue;
    credentials.set(user.username.toLowerCase(), {
      userId: record.id,
      password: user.password,
      readOnly: user.role === 'readonly',
    });
  }
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!(Number.isFinite(tokenTtlSeconds) && tokenTtlSeconds > 0)) {
    throw new RangeError(`tokenTtlSeconds must be a positive number, got ${tokenTtlSeconds}`);
  }
  if (
    options.pageSize !== undefined &&
    !(Number.isInteger(options.pageSize) && options.pageSize > 0)
  ) {
    throw new RangeError(`pageSize must be a positive integer, got ${options.pageSize}`);
  }
  const stats = createStats();
  const faults = createFaultRegistry(seed, options.faults);
  const webhooks = createWebhookRegistry();
  const sim: Sim = {
    state,
    clock,
    stats,
    faults,
    tokens: createTokenStore(),
    webhooks,
    clients: new Map(clients.map((c) => [c.clientId, { ...c }])),
    credentials,
    tokenTtlSeconds,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    pageSize: options.pageSize,
    admin: options.admin ?? false,
    adminKey: options.adminKey ?? randomBytes(18).toString('base64url'),
    reset() {
      // In place, so every reference to `state` (tests keep one) sees the fresh data.
      Object.assign(state, createState(seed, seededAt, stateUsers, fleet));
      faults.clear();
      stats.reset();
    },
    async generateBilling() {
      const now = clock.now();
      createBillingData(state, nextInvoiceDate(state, now.getTime()), now.toISOString());
      const at = () => clock.now().toISOString();
      const deliveries = await Promise.all(webhooks.list().map((url) => deliverWebhook(url, at)));
      for (const delivery of deliveries) stats.recordDelivery(delivery);
      return deliveries;
    },
  };
  return sim;
}

/** The fleet option with its default unit count, or a RangeError naming what is wrong. */
function checkedFleet(
  fleet: SimulatorOptions['fleet'],
): { machines: number; units: number } | undefined {
  if (fleet === undefined) return undefined;
  const machines = fleet.machines;
  const units = fleet.units ?? Math.max(1, Math.round(machines / 20));
  if (!Number.isInteger(machines) || machines < 1 || machines > 100_000)
    throw new RangeError(`fleet.machines must be an integer 1..100000, got ${machines}`);
  if (!Number.isInteger(units) || units < 1 || units > machines)
    throw new RangeError(`fleet.units must be an integer 1..fleet.machines, got ${units}`);
  return { machines, units };
}
