/**
 * The simulator's in-memory data. Plain arrays of plain records with ISO date strings, so a state
 * can be compared with `expect(...).toEqual`, cloned, or serialised as it is. Records hold ids,
 * not object references; the views in `src/views/` turn them into API responses.
 */

/** `{ id, name }`: the shape of every small lookup value (roles, statuses, ...). */
export interface IdName {
  id: number;
  name: string;
}

/** A tag on a business unit. */
export interface TagRecord {
  id: number;
  businessUnitId: number;
  text: string;
  inheritable: boolean;
}

/** A business unit (reseller, customer or department). */
export interface BusinessUnitRecord {
  id: number;
  parentId?: number;
  name: string;
  groupName: string;
  registrationNumber: string;
  note?: string;
  timeZoneId: number;
  invoiceDay: number;
  reportRemotely: boolean;
  supportResponsible: boolean;
  storageLimit: number;
  transferLimit: number;
  nodeLimit: number;
  billingStorageTypeId: number;
  /** The unit's own default backup server; inherited from the parent when unset. */
  defaultServerId?: number;
  tags: TagRecord[];
  createdDate: string;
}

/** A consumption unit ("consumer"). */
export interface ConsumerRecord {
  id: number;
  businessUnitId: number;
  name: string;
  billingStartDate?: string;
  note?: string;
  externalReference?: string;
  limitHighStorage?: number;
  allowNoActivity: boolean;
  createdDate: string;
}

/** The backup node of a consumer (at most one per consumer). */
export interface NodeRecord {
  id: number;
  consumerId: number;
  serverId: number;
  operatingSystemId: number;
  typeId: number;
  domainId: number;
  clientOptionSetId?: number;
  cpuCount: number;
  contact?: string;
  locked: boolean;
  decommissioned: boolean;
  /** Set by activation. */
  tsmName?: string;
  tsmPassword?: string;
  activatedDate?: string;
  /** Facts the backup client reports once it has connected. */
  platform?: string;
  tsmClientVersion?: string;
  osLevel?: string;
  tcpName?: string;
  tcpAddress?: string;
  lastAccessTime?: string;
  createdDate: string;
}

/** A proxy relationship: the agent node may act for the target node (both by consumer id). */
export interface ProxyRecord {
  agentConsumerId: number;
  targetConsumerId: number;
}

/** A portal user. Passwords are not kept here but with the simulator's credentials. */
export interface UserRecord {
  id: number;
  name: string;
  displayName: string;
  email: string;
  phone?: string;
  roleId: number;
  businessUnitId: number;
  language: string;
  locked: boolean;
  usesTotp: boolean;
  lastLoginDate?: string;
  createdDate: string;
}

export interface TimeZoneRecord {
  id: number;
  name: string;
  windowsId: string;
  /** Standard offset from UTC in minutes. */
  offset: number;
  createdDate: string;
}

export interface NodeTypeRecord {
  id: number;
  name: string;
  shortName: string;
  createdDate: string;
}

export interface OperatingSystemRecord {
  id: number;
  name: string;
  shortName: string;
  supportedNodeTypeIds: number[];
  createdDate: string;
}

export interface BackupServerRecord {
  id: number;
  name: string;
  createdDate: string;
}

export interface PolicyDomainRecord {
  id: number;
  serverId: number;
  name: string;
  description: string;
  backupRetention: number;
  archiveRetention: number;
  createdDate: string;
}

export interface ClientOptionSetRecord {
  id: number;
  serverId: number;
  name: string;
  description?: string;
  createdDate: string;
}

export interface NodeWarningTypeRecord {
  id: number;
  name: string;
  usesLimit: boolean;
}

export interface ActionRecord {
  id: number;
  name: string;
  createdDate: string;
}

/** A backup, archive or restore session of a node. */
export interface JobRecord {
  id: number;
  consumerId: number;
  businessUnitId: number;
  serverId: number;
  type: IdName;
  status: IdName;
  /** 0 information, 1 warning, 2 error. */
  severity: number;
  scheduled: boolean;
  scheduledStart?: string;
  actualStart?: string;
  completed: string;
  examinedFiles: number;
  affectedFiles: number;
  failedFiles: number;
  /** The backup client's return code: 0 ok, 4 skipped files, 8 warnings, 12 failed. */
  result: number;
  transferredMegaBytes: number;
  name: string;
  createdDate: string;
}

export interface NodeWarningRecord {
  type: number;
  /** 1 warning, 2 error. */
  status: number;
  days: number;
  limit?: number;
}

/** A daily usage report of a consumer's node. */
export interface NodeReportRecord {
  id: number;
  consumerId: number;
  nodeId: number;
  businessUnitId: number;
  reportDate: string;
  status: 'OK' | 'Warning' | 'Error';
  megaBytes: number;
  backupMegaBytes: number;
  archiveMegaBytes: number;
  megaBytesDelta: number;
  transferredBackupMegaBytes: number;
  transferredRestoreMegaBytes: number;
  warnings: NodeWarningRecord[];
  createdDate: string;
}

export interface FilespaceRecord {
  id: number;
  consumerId: number;
  tsmFilespaceId: string;
  name: string;
  type: string;
  capacityMegaBytes: number;
  percentageUtilized: number;
  storedMegaBytes: number;
  files: number;
  lastBackupStart?: string;
  lastBackupEnd?: string;
  createdDate: string;
}

/** 0 info, 100 create, 200 modify, 300 delete, 400 error. */
export type AuditType = 0 | 100 | 200 | 300 | 400;

export interface AuditEntryRecord {
  id: number;
  type: AuditType;
  createdDate: string;
  message: string;
  userId?: number;
  userName?: string;
  businessUnitId: number;
  businessUnitName: string;
  consumerId?: number;
  consumerName?: string;
  /** What the entry concerns; `node` entries count as descendants of their consumer. */
  subject: 'businessUnit' | 'consumer' | 'node';
}

export interface SubscriptionRecord {
  id: number;
  productId: number;
  name: string;
  unitPrice: number;
  startDate: string;
}

export interface ContractRecord {
  id: number;
  businessUnitId: number;
  billingStartDate: string;
  erpReference?: string;
  discount: number;
  currencyId: number;
  subscriptions: SubscriptionRecord[];
  createdDate: string;
}

export interface InvoiceLineRecord {
  subscriptionId: number;
  productId: number;
  startDate: string;
  endDate: string;
  unitPrice: number;
  quantity: number;
  note?: string;
}

export interface InvoiceRecord {
  id: number;
  payingBusinessUnitId: number;
  /** `YYYY-MM-DD`. */
  invoiceDate: string;
  currencyId: number;
  lines: InvoiceLineRecord[];
  createdDate: string;
}

export interface BillingDataRecord {
  id: number;
  billingBusinessUnitId: number;
  /** `YYYY-MM-DD`. */
  invoiceDate: string;
  invoiceIds: number[];
  createdDate: string;
}

export interface InvoiceFileRecord {
  id: number;
  businessUnitId: number;
  name: string;
  size: number;
  contentType: string;
  erpReference?: string;
  sendToBillingAddress: boolean;
  content: Uint8Array;
  createdDate: string;
}

/** Counters for new ids, one per kind of record. */
export type IdKind =
  | 'businessUnit'
  | 'tag'
  | 'consumer'
  | 'node'
  | 'user'
  | 'job'
  | 'report'
  | 'filespace'
  | 'audit'
  | 'contract'
  | 'subscription'
  | 'invoice'
  | 'billing'
  | 'invoiceFile';

/** Everything the simulator knows. */
export interface SimulatorState {
  seed: string;
  /** The clock reading the data was generated for. */
  seededAt: string;
  /** The top of the tree: the reseller unit the demo user belongs to. */
  rootBusinessUnitId: number;
  /** The saved PRNG state used for generated node passwords. */
  randomState: number;
  nextId: Record<IdKind, number>;
  businessUnits: BusinessUnitRecord[];
  consumers: ConsumerRecord[];
  nodes: NodeRecord[];
  proxies: ProxyRecord[];
  users: UserRecord[];
  timeZones: TimeZoneRecord[];
  operatingSystems: OperatingSystemRecord[];
  nodeTypes: NodeTypeRecord[];
  servers: BackupServerRecord[];
  domains: PolicyDomainRecord[];
  clientOptionSets: ClientOptionSetRecord[];
  nodeWarningTypes: NodeWarningTypeRecord[];
  actions: ActionRecord[];
  jobs: JobRecord[];
  reports: NodeReportRecord[];
  filespaces: FilespaceRecord[];
  auditLog: AuditEntryRecord[];
  contracts: ContractRecord[];
  invoices: InvoiceRecord[];
  billingData: BillingDataRecord[];
  invoiceFiles: InvoiceFileRecord[];
}
