import { createRandom, type Random } from '../random.js';
import { DOMAIN, NODE_TYPE, OPTION_SET, OS, SERVER, TZ } from './catalog.js';
import { DAY, HOUR, iso, startOfDay } from './dates.js';
import { nextId } from './ids.js';
import type {
  BusinessUnitRecord,
  ConsumerRecord,
  NodeRecord,
  SimulatorState,
  UserRecord,
} from './model.js';

/** How a demo consumer's node behaves; drives its jobs, reports and warnings. */
export type Behaviour =
  | 'none'
  | 'created'
  | 'active'
  | 'recent'
  | 'warnings'
  | 'failing'
  | 'idle'
  | 'storage'
  | 'never';

/** The demo customers: [key, name, parent key, group, time zone, server override]. */
const UNITS: [string, string, string, string, number, number?][] = [
  ['acme', 'Acme Corporation', 'root', 'Customer', TZ.stockholm],
  ['acmeFinance', 'Acme Finance', 'acme', 'Department', TZ.stockholm],
  ['acmeEngineering', 'Acme Engineering', 'acme', 'Department', TZ.stockholm],
  ['globex', 'Globex Industries', 'root', 'Customer', TZ.london, SERVER.secondary],
  ['initech', 'Initech', 'root', 'Customer', TZ.newYork],
  ['initechLabs', 'Initech Labs', 'initech', 'Department', TZ.newYork],
  ['initechBerlin', 'Initech Labs Berlin', 'initechLabs', 'Department', TZ.stockholm],
  ['umbrella', 'Umbrella Health', 'root', 'Customer', TZ.paris],
  ['stark', 'Stark Logistics', 'root', 'Customer', TZ.stockholm],
];

const T = NODE_TYPE;
/** The demo consumers: [unit key, name, behaviour, operating system, node type]. */
const CONSUMERS: [string, string, Behaviour, number?, number?][] = [
  ['acme', 'acme-dc01', 'active', OS.windowsServer, T.file],
  ['acme', 'acme-sql01', 'warnings', OS.windowsServer, T.sql],
  ['acme', 'acme-exch01', 'active', OS.windowsServer, T.exchange],
  ['acmeFinance', 'fin-app01', 'active', OS.linux, T.file],
  ['acmeFinance', 'fin-db01', 'failing', OS.linux, T.oracle],
  ['acmeFinance', 'Laptop - Jenny', 'none'],
  ['acmeEngineering', 'eng-build01', 'active', OS.linux, T.file],
  ['acmeEngineering', 'eng-vcenter', 'recent', OS.windowsServer, T.vmware],
  ['acmeEngineering', 'eng-mac-studio', 'created', OS.macos, T.file],
  ['globex', 'globex-file01', 'active', OS.windowsServer, T.file],
  ['globex', 'globex-file02', 'none'],
  ['globex', 'globex-web01', 'idle', OS.linux, T.file],
  ['initech', 'initech-erp', 'active', OS.aix, T.db2],
  ['initech', 'initech-fs01', 'created', OS.windowsServer, T.file],
  ['initechLabs', 'labs-gpu01', 'active', OS.linux, T.file],
  ['initechBerlin', 'ber-nas01', 'storage', OS.linux, T.file],
  ['initechBerlin', 'ber-ws-anna', 'created', OS.windows, T.file],
  ['umbrella', 'umb-pacs01', 'active', OS.windowsServer, T.file],
  ['umbrella', 'umb-sql02', 'warnings', OS.windowsServer, T.sql],
  ['umbrella', 'umb-hv01', 'active', OS.windowsServer, T.hyperv],
  ['umbrella', 'Reception PC', 'none'],
];

/**
 * Machines added after the original demo set, seeded from their own PRNG so the numbers of the
 * machines above stay what they were: a new node that has never completed a backup.
 */
const LATE_CONSUMERS: [string, string, Behaviour, number, number][] = [
  ['initech', 'initech-ci01', 'never', OS.linux, T.file],
];

const PLATFORM: Record<number, [string, string]> = {
  [OS.windows]: ['WinNT', 'Windows 11 Pro 23H2'],
  [OS.macos]: ['Mac', 'macOS 14.5'],
  [OS.windowsServer]: ['WinNT', 'Windows Server 2022 Standard'],
  [OS.linux]: ['Linux x86-64', 'Red Hat Enterprise Linux 9.4'],
  [OS.aix]: ['AIX', 'AIX 7.3'],
  [OS.solaris]: ['SUN SOLARIS', 'Solaris 11.4'],
};

/** The root (reseller) unit every seed has, including `empty`. */
export function seedRootUnit(state: SimulatorState, now: number): BusinessUnitRecord {
  const root: BusinessUnitRecord = {
    ...unitDefaults(),
    id: nextId(state, 'businessUnit'),
    name: 'Example Reseller',
    groupName: 'Reseller',
    registrationNumber: 'SE556677-8899',
    timeZoneId: TZ.stockholm,
    defaultServerId: SERVER.primary,
    createdDate: iso(startOfDay(now) - 900 * DAY + 9 * HOUR),
  };
  addTag(state, root, 'Reseller', false);
  state.businessUnits.push(root);
  state.rootBusinessUnitId = root.id;
  return root;
}

function addTag(
  state: SimulatorState,
  unit: BusinessUnitRecord,
  text: string,
  inheritable: boolean,
) {
  unit.tags.push({ id: nextId(state, 'tag'), businessUnitId: unit.id, text, inheritable });
}

/** The defaults of a new business unit. */
export function unitDefaults() {
  return {
    invoiceDay: 1,
    reportRemotely: false,
    supportResponsible: false,
    storageLimit: 0,
    transferLimit: 0,
    nodeLimit: 0,
    billingStorageTypeId: 2,
    tags: [],
  };
}

/**
 * Adds the demo customers, their consumers and nodes. Returns each consumer's behaviour so the
 * activity seeding knows what to generate.
 */
export function seedOrganization(
  state: SimulatorState,
  rng: Random,
  now: number,
): Map<number, Behaviour> {
  const today = startOfDay(now);
  const unitIds = new Map<string, number>([['root', state.rootBusinessUnitId]]);
  UNITS.forEach(([key, name, parentKey, groupName, timeZoneId, serverId], i) => {
    const unit: BusinessUnitRecord = {
      ...unitDefaults(),
      id: nextId(state, 'businessUnit'),
      parentId: unitIds.get(parentKey)!,
      name,
      groupName,
      registrationNumber:
        groupName === 'Customer' ? `SE55${rng.int(1000, 9999)}-${rng.int(1000, 9999)}` : '',
      timeZoneId,
      ...(serverId === undefined ? {} : { defaultServerId: serverId }),
      createdDate: iso(today - (700 - i * 40) * DAY + rng.int(8, 17) * HOUR),
    };
    if (key === 'acme') {
      addTag(state, unit, 'Gold SLA', true);
      unit.note = 'Key account; escalate failed backups within 4 hours.';
    }
    if (key === 'initechBerlin') unit.storageLimit = 2_000_000;
    unitIds.set(key, unit.id);
    state.businessUnits.push(unit);
  });

  const behaviours = new Map<number, Behaviour>();
  CONSUMERS.forEach(([unitKey, name, behaviour, osId, typeId], i) => {
    const daysAgo =
      behaviour === 'recent' ? 14 : behaviour === 'created' ? rng.int(2, 9) : rng.int(70, 420);
    const consumer = addDemoConsumer(
      state,
      rng,
      unitIds.get(unitKey)!,
      name,
      behaviour,
      daysAgo,
      today,
    );
    if (i % 4 === 0) consumer.externalReference = `CRM-${10_000 + i * 37}`;
    if (name.includes(' ')) consumer.note = 'Workstation; backed up by the user on demand.';
    behaviours.set(consumer.id, behaviour);
    if (behaviour !== 'none' && osId !== undefined && typeId !== undefined)
      addDemoNode(state, rng, consumer, behaviour, osId, typeId, today);
  });

  const late = createRandom(`${state.seed}/late`);
  for (const [unitKey, name, behaviour, osId, typeId] of LATE_CONSUMERS) {
    const consumer = addDemoConsumer(state, late, unitIds.get(unitKey)!, name, behaviour, 5, today);
    behaviours.set(consumer.id, behaviour);
    addDemoNode(state, late, consumer, behaviour, osId, typeId, today);
  }

  const acmeDc = state.consumers.find((c) => c.name === 'acme-dc01');
  const acmeSql = state.consumers.find((c) => c.name === 'acme-sql01');
  if (acmeDc && acmeSql)
    state.proxies.push({ agentConsumerId: acmeDc.id, targetConsumerId: acmeSql.id });
  return behaviours;
}

/** Adds the backup node of a demo consumer, activated unless it is only `created`. */
function addDemoNode(
  state: SimulatorState,
  rng: Random,
  consumer: ConsumerRecord,
  behaviour: Behaviour,
  operatingSystemId: number,
  typeId: number,
  today: number,
): void {
  const { name, businessUnitId } = consumer;
  const serverId =
    state.businessUnits.find((b) => b.id === businessUnitId)?.defaultServerId ?? SERVER.primary;
  const created = Date.parse(consumer.createdDate) + rng.int(5, 50) * 60_000;
  const node: NodeRecord = {
    id: nextId(state, 'node'),
    consumerId: consumer.id,
    serverId,
    operatingSystemId,
    typeId,
    domainId:
      serverId === SERVER.secondary
        ? DOMAIN.secondary
        : typeId === NODE_TYPE.file
          ? DOMAIN.primaryStandard
          : DOMAIN.primaryDb,
    clientOptionSetId:
      serverId === SERVER.secondary
        ? OPTION_SET.secondaryDefault
        : operatingSystemId === OS.linux
          ? OPTION_SET.primaryLinux
          : OPTION_SET.primaryWindows,
    cpuCount: rng.pick([1, 2, 4, 8, 16]),
    contact: 'it-operations@example.net',
    locked: false,
    decommissioned: false,
    createdDate: iso(created),
  };
  state.nodes.push(node);
  if (behaviour === 'created') return;
  const activated =
    behaviour === 'recent'
      ? today - 10 * DAY + 11 * HOUR
      : behaviour === 'never'
        ? today - 4 * DAY + 10 * HOUR
        : created + rng.int(1, 3) * HOUR;
  const [platform, osLevel] = PLATFORM[operatingSystemId] ?? ['Unknown', 'Unknown'];
  Object.assign(node, {
    tsmName: name.toUpperCase(),
    tsmPassword: rng.string(16, PASSWORD_ALPHABET),
    activatedDate: iso(activated),
    platform,
    osLevel,
    tsmClientVersion: rng.pick(['8.1.21.0', '8.1.22.0', '8.1.23.0']),
    tcpName: name.toLowerCase(),
    tcpAddress: `10.${rng.int(10, 40)}.${rng.int(0, 254)}.${rng.int(2, 250)}`,
  });
}

/** Characters of generated node passwords (no look-alikes). */
export const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A few users in customer units who cannot sign in but make user lists look real. */
export function seedCustomerUsers(state: SimulatorState, now: number): void {
  const units = state.businessUnits.filter((b) => b.groupName === 'Customer');
  for (const unit of units.slice(0, 3)) {
    const domain = `${unit.name.split(' ')[0]!.toLowerCase()}.example`;
    for (const [local, display, roleId] of [
      ['it', `${unit.name} IT`, 1],
      ['finance', `${unit.name} Finance`, 3],
    ] as const) {
      const user: UserRecord = {
        id: nextId(state, 'user'),
        name: `${local}@${domain}`,
        displayName: display,
        email: `${local}@${domain}`,
        roleId,
        businessUnitId: unit.id,
        language: 'en-US',
        locked: false,
        usesTotp: local === 'it',
        createdDate: iso(Date.parse(unit.createdDate) + DAY),
      };
      if (local === 'it') user.lastLoginDate = iso(startOfDay(now) - 2 * DAY + 9 * HOUR);
      state.users.push(user);
    }
  }
}

/** Adds a consumer created `daysAgo` days before `today` (at a drawn time of day). */
function addDemoConsumer(
  state: SimulatorState,
  rng: Random,
  businessUnitId: number,
  name: string,
  behaviour: Behaviour,
  daysAgo: number,
  today: number,
): ConsumerRecord {
  const created = today - daysAgo * DAY + rng.int(8, 16) * HOUR + rng.int(0, 59) * 60_000;
  const consumer: ConsumerRecord = {
    id: nextId(state, 'consumer'),
    businessUnitId,
    name,
    billingStartDate: iso(startOfDay(created)),
    allowNoActivity: false,
    createdDate: iso(created),
    ...(behaviour === 'storage' ? { limitHighStorage: 1500 } : {}),
  };
  state.consumers.push(consumer);
  return consumer;
}

/** The size of a generated fleet: `machines` spread evenly over `units` customer units. */
export interface FleetSize {
  machines: number;
  units: number;
}

/** How generated fleet machines behave, in turn: mostly healthy, a few of every problem. */
const FLEET_MIX: Behaviour[] = [
  'failing',
  'warnings',
  'idle',
  'never',
  'created',
  ...Array<Behaviour>(15).fill('active'),
];

/**
 * Adds a generated fleet instead of the hand-written demo customers: `units` customer units
 * under the root with `machines` machines between them, for benchmarks and load tests.
 */
export function seedFleet(
  state: SimulatorState,
  rng: Random,
  now: number,
  size: FleetSize,
): Map<number, Behaviour> {
  const today = startOfDay(now);
  const behaviours = new Map<number, Behaviour>();
  const oses = [OS.linux, OS.windowsServer, OS.linux, OS.aix];
  for (let u = 0; u < size.units; u++) {
    const label = String(u + 1).padStart(3, '0');
    const unit: BusinessUnitRecord = {
      ...unitDefaults(),
      id: nextId(state, 'businessUnit'),
      parentId: state.rootBusinessUnitId,
      name: `Fleet Customer ${label}`,
      groupName: 'Customer',
      registrationNumber: `SE55${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
      timeZoneId: TZ.stockholm,
      createdDate: iso(today - 400 * DAY + 9 * HOUR),
    };
    state.businessUnits.push(unit);
    // An even spread; the first units take the remainder.
    const count = Math.floor(size.machines / size.units) + (u < size.machines % size.units ? 1 : 0);
    for (let m = 0; m < count; m++) {
      const index = behaviours.size;
      const behaviour = FLEET_MIX[index % FLEET_MIX.length]!;
      const name = `fleet${label}-srv${String(m + 1).padStart(3, '0')}`;
      const daysAgo = behaviour === 'created' ? 3 : behaviour === 'never' ? 5 : 200;
      const consumer = addDemoConsumer(state, rng, unit.id, name, behaviour, daysAgo, today);
      behaviours.set(consumer.id, behaviour);
      addDemoNode(
        state,
        rng,
        consumer,
        behaviour,
        oses[index % oses.length]!,
        NODE_TYPE.file,
        today,
      );
    }
  }
  return behaviours;
}
