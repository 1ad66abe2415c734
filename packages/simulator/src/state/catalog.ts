import type {
  ActionRecord,
  BackupServerRecord,
  ClientOptionSetRecord,
  IdName,
  NodeTypeRecord,
  NodeWarningTypeRecord,
  OperatingSystemRecord,
  PolicyDomainRecord,
  TimeZoneRecord,
} from './model.js';

/**
 * The fixed catalog every seed shares: time zones, node types and operating systems, backup
 * servers with their domains and option sets, warning types, actions and lookup values. Dates
 * are fixed so the catalog never depends on the clock.
 */

const CATALOG_DATE = '2022-06-10T06:33:19.337Z';

const TIME_ZONES: [string, string, number][] = [
  ['(GMT-12:00) International Date Line West', 'Dateline Standard Time', -720],
  ['(GMT-10:00) Hawaii', 'Hawaiian Standard Time', -600],
  ['(GMT-09:00) Alaska', 'Alaskan Standard Time', -540],
  ['(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', 'W. Europe Standard Time', 60],
  ['(GMT-08:00) Pacific Time (US & Canada)', 'Pacific Standard Time', -480],
  ['(GMT-07:00) Mountain Time (US & Canada)', 'Mountain Standard Time', -420],
  ['(GMT-06:00) Central Time (US & Canada)', 'Central Standard Time', -360],
  ['(GMT-05:00) Eastern Time (US & Canada)', 'Eastern Standard Time', -300],
  ['(GMT-03:00) Brasilia', 'E. South America Standard Time', -180],
  ['(GMT) Coordinated Universal Time', 'UTC', 0],
  ['(GMT) Dublin, Edinburgh, Lisbon, London', 'GMT Standard Time', 0],
  [
    '(GMT+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague',
    'Central Europe Standard Time',
    60,
  ],
  ['(GMT+01:00) Brussels, Copenhagen, Madrid, Paris', 'Romance Standard Time', 60],
  ['(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius', 'FLE Standard Time', 120],
  ['(GMT+02:00) Johannesburg', 'South Africa Standard Time', 120],
  ['(GMT+03:00) Moscow, St. Petersburg', 'Russian Standard Time', 180],
  ['(GMT+04:00) Abu Dhabi, Muscat', 'Arabian Standard Time', 240],
  ['(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi', 'India Standard Time', 330],
  ['(GMT+08:00) Beijing, Chongqing, Hong Kong, Urumqi', 'China Standard Time', 480],
  ['(GMT+08:00) Kuala Lumpur, Singapore', 'Singapore Standard Time', 480],
  ['(GMT+09:00) Osaka, Sapporo, Tokyo', 'Tokyo Standard Time', 540],
  ['(GMT+10:00) Canberra, Melbourne, Sydney', 'AUS Eastern Standard Time', 600],
  ['(GMT+12:00) Auckland, Wellington', 'New Zealand Standard Time', 720],
];

/** Time zone ids used by the seed data. */
export const TZ = { stockholm: 4, utc: 10, london: 11, newYork: 8, paris: 13 } as const;

/** Node type ids. */
export const NODE_TYPE = {
  file: 1,
  sql: 2,
  vmware: 3,
  exchange: 4,
  oracle: 5,
  db2: 6,
  hyperv: 7,
} as const;

const NODE_TYPES: [string, string][] = [
  ['File', 'FILE'],
  ['Microsoft SQL Server', 'SQL'],
  ['VMware', 'VMWARE'],
  ['Microsoft Exchange', 'EXCHANGE'],
  ['Oracle', 'ORACLE'],
  ['IBM Db2', 'DB2'],
  ['Microsoft Hyper-V', 'HYPERV'],
];

/**
 * Operating system ids, in the order a fresh portal lists them: the Go client's enroll example
 * creates its nodes with operating system 3 (Linux) and node type 1 (File).
 */
export const OS = { windows: 1, macos: 2, linux: 3, windowsServer: 4, aix: 5, solaris: 6 } as const;

const T = NODE_TYPE;
const OPERATING_SYSTEMS: [string, string, number[]][] = [
  ['Windows', 'WIN', [T.file]],
  ['macOS', 'MAC', [T.file]],
  ['Linux', 'LINUX', [T.file, T.vmware, T.oracle, T.db2]],
  ['Windows Server', 'WINSRV', [T.file, T.sql, T.vmware, T.exchange, T.hyperv]],
  ['AIX', 'AIX', [T.file, T.oracle, T.db2]],
  ['Solaris', 'SOLARIS', [T.file, T.oracle]],
];

/** Backup server ids. */
export const SERVER = { primary: 1, secondary: 2 } as const;

const SERVERS: BackupServerRecord[] = [
  { id: SERVER.primary, name: 'SP-STO1', createdDate: CATALOG_DATE },
  { id: SERVER.secondary, name: 'SP-STO2', createdDate: CATALOG_DATE },
];

const DOMAINS: Omit<PolicyDomainRecord, 'createdDate'>[] = [
  {
    id: 1,
    serverId: 1,
    name: 'STANDARD',
    description: 'Default policy: 30 days',
    backupRetention: 30,
    archiveRetention: 365,
  },
  {
    id: 2,
    serverId: 1,
    name: 'LONGTERM',
    description: '90 days of versions, 7 years of archives',
    backupRetention: 90,
    archiveRetention: 2555,
  },
  {
    id: 3,
    serverId: 1,
    name: 'DATABASES',
    description: 'Database agents: 14 days',
    backupRetention: 14,
    archiveRetention: 365,
  },
  {
    id: 4,
    serverId: 2,
    name: 'STANDARD',
    description: 'Default policy: 30 days',
    backupRetention: 30,
    archiveRetention: 365,
  },
  {
    id: 5,
    serverId: 2,
    name: 'WORKSTATIONS',
    description: 'Laptops and desktops: 60 days',
    backupRetention: 60,
    archiveRetention: 0,
  },
];

/**
 * Domain ids per server, first = default. Numbered from 1 as a fresh portal numbers them: the Go
 * client's enroll example uses domain 1, the standard one.
 */
export const DOMAIN = { primaryStandard: 1, primaryLongterm: 2, primaryDb: 3, secondary: 4 };

/**
 * Client option set ids. Numbered from 1 as a fresh portal numbers them: the Go CLI's `consumer
 * create` always sends option set 2, and the Go enroll example means deduplication and
 * compression by it.
 */
export const OPTION_SET = {
  primaryDefault: 1,
  primaryDedup: 2,
  primaryWindows: 3,
  primaryLinux: 4,
  secondaryDefault: 5,
  secondaryWorkstation: 6,
} as const;

const O = OPTION_SET;
const OPTION_SETS: Omit<ClientOptionSetRecord, 'createdDate'>[] = [
  { id: O.primaryDefault, serverId: 1, name: 'DEFAULT', description: 'The portal defaults' },
  {
    id: O.primaryDedup,
    serverId: 1,
    name: 'DEDUP_AND_COMPRESS',
    description: 'Compression and deduplication on',
  },
  { id: O.primaryWindows, serverId: 1, name: 'WINDOWS', description: 'Windows exclude list' },
  { id: O.primaryLinux, serverId: 1, name: 'LINUX', description: 'Linux exclude list' },
  { id: O.secondaryDefault, serverId: 2, name: 'DEFAULT' },
  {
    id: O.secondaryWorkstation,
    serverId: 2,
    name: 'WORKSTATION',
    description: 'Throttled during office hours',
  },
];

const WARNING_TYPES: NodeWarningTypeRecord[] = [
  { id: 1, name: 'No activity', usesLimit: true },
  { id: 2, name: 'Failed backup', usesLimit: false },
  { id: 3, name: 'Storage limit exceeded', usesLimit: true },
  { id: 4, name: 'Backup completed with warnings', usesLimit: false },
  { id: 5, name: 'Missed schedule', usesLimit: false },
  { id: 6, name: 'Backup client out of date', usesLimit: false },
];

/** Warning type ids. */
export const WARNING = { noActivity: 1, failed: 2, storage: 3, completedWithWarnings: 4 } as const;

const ACTIONS = [
  'View business units',
  'Create business unit',
  'Modify business unit',
  'Delete business unit',
  'View consumption units',
  'Create consumption unit',
  'Modify consumption unit',
  'Delete consumption unit',
  'Activate backup node',
  'Change node password',
  'Manage proxy nodes',
  'View reports',
  'View billing',
  'Upload invoice files',
];

/** User roles. */
export const ROLES: Record<'admin' | 'readonly', IdName> = {
  admin: { id: 1, name: 'Administrator' },
  readonly: { id: 3, name: 'Read only' },
};

/** Consumer / node states (`dataSourceState`). */
export const DATA_SOURCE_STATE = {
  new: { id: 1, name: 'New' },
  created: { id: 2, name: 'Created' },
  active: { id: 3, name: 'Active' },
  decommissioned: { id: 4, name: 'Decommissioned' },
} as const;

/** The only data source type the simulator knows. */
export const DATA_SOURCE_TYPE: IdName = { id: 1, name: 'SP Backup node' };

export const JOB_TYPE = {
  backup: { id: 1, name: 'Backup' },
  archive: { id: 2, name: 'Archive' },
  restore: { id: 3, name: 'Restore' },
} as const;

export const JOB_STATUS = {
  completed: { id: 1, name: 'Completed' },
  failed: { id: 2, name: 'Failed' },
  missed: { id: 3, name: 'Missed' },
} as const;

export const PRODUCTS: IdName[] = [
  { id: 1, name: 'Backup node' },
  { id: 2, name: 'Backup storage (GB)' },
];

export const CURRENCIES = [{ id: 1, name: 'Euro', code: 'EUR', symbol: '€' }];

export const BILLING_CYCLE = { id: 1, name: 'Monthly', months: 1 };
export const PAYMENT_TERMS = { id: 2, name: '30 days net', code: 'N30' };

/** The storage pool every occupancy lives in. */
export const STORAGE_POOL = {
  id: 1,
  name: 'DEDUPPOOL',
  type: 'DIRECTORY',
  totalStorageMegaBytes: 512_000_000,
  freeStorageMegaBytes: 201_000_000,
  maxProcesses: 8,
  createdDate: CATALOG_DATE,
};

/** The parts of the state that are the same for every seed. */
export function createCatalog() {
  return {
    timeZones: TIME_ZONES.map(
      ([name, windowsId, offset], i): TimeZoneRecord => ({
        id: i + 1,
        name,
        windowsId,
        offset,
        createdDate: CATALOG_DATE,
      }),
    ),
    nodeTypes: NODE_TYPES.map(
      ([name, shortName], i): NodeTypeRecord => ({
        id: i + 1,
        name,
        shortName,
        createdDate: CATALOG_DATE,
      }),
    ),
    operatingSystems: OPERATING_SYSTEMS.map(
      ([name, shortName, supportedNodeTypeIds], i): OperatingSystemRecord => ({
        id: i + 1,
        name,
        shortName,
        supportedNodeTypeIds,
        createdDate: CATALOG_DATE,
      }),
    ),
    servers: SERVERS.map((s) => ({ ...s })),
    domains: DOMAINS.map((d) => ({ ...d, createdDate: CATALOG_DATE })),
    clientOptionSets: OPTION_SETS.map((o) => ({ ...o, createdDate: CATALOG_DATE })),
    nodeWarningTypes: WARNING_TYPES.map((w) => ({ ...w })),
    actions: ACTIONS.map(
      (name, i): ActionRecord => ({ id: i + 1, name, createdDate: CATALOG_DATE }),
    ),
  };
}
