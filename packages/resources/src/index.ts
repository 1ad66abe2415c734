/**
 * `@cloutapi/resources`: every Cloutility API operation declared once (the registry), the typed
 * facade derived from it, and the workflows operators need.
 *
 * @packageDocumentation
 */
export { type CloutilityApi, OPERATION_INDEX } from './api.generated.js';
export {
  type CallContext,
  type CallOptions,
  type CollectionItem,
  callOperation,
  checkResponse,
  iterateOperation,
  type ResponseValidation,
  toRequest,
} from './call.js';
export { camelKey, normalizeResponse, unquote } from './casing.js';
export { type Cloutility, type CloutilityOptions, createCloutility } from './cloutility.js';
export type {
  Columns,
  ColumnsRule,
  Operation,
  OperationInput,
  OperationOutput,
  OperationSpec,
  PathParamNames,
  RawBody,
  Removes,
  Safety,
} from './define.js';
export { type Area, type AreaSpec, defineArea } from './define-area.js';
// Every error class, as `@cloutapi/resources/errors` exports them (the documented home), and the
// payload types of the enrollment errors (EnrollStep, MachineCandidate).
export * from './errors.js';
export type {
  FacadeOptions,
  MethodFor,
  OperationMethod,
} from './facade.js';
export {
  AUDIT_TYPE_CODES,
  type AuditTypeName,
  bunitId,
  calendarDate,
  consumerId,
  dateOrDateTime,
  idOf,
  isoDateTime,
  LIMITS,
  NODE_NAME_CHARS,
  nodeName,
} from './inputs.js';
export * from './models/index.js';
export {
  type AnyArea,
  type AnyOperation,
  areaOf,
  areas,
  findOperation,
  operations,
} from './operations/index.js';
export {
  type AreaModule,
  actionsOf,
  indexEntry,
  loadArea,
  loadOperation,
  loadOperations,
  type Namespace,
  namespaceNames,
} from './operations/lazy.js';
export { cellText } from './presentation/cell.js';
export {
  type Column,
  columnHeader,
  columnValue,
  declaredColumns,
  listColumns,
  project,
} from './presentation/columns.js';
export { compact, hideSecrets, isNoise, shownFields } from './presentation/fields.js';
export { isCollection, type ResultKind, resultKind } from './presentation/kind.js';
export { toIssues, validateInput, validateWith } from './validate.js';
export {
  BackupHealthInput,
  type BackupHealthOptions,
  type BackupHealthResult,
  backupHealth,
  DEFAULT_STALE_AFTER_MS,
  HEALTH_CATEGORIES,
  type HealthCategory,
  type HealthCounts,
  type HealthProgress,
  type HealthStatus,
  type HealthWarning,
  healthStatus,
  type MachineHealth,
  type UnitHealth,
} from './workflows/backup-health.js';
export {
  type BackupHistoryOptions,
  backupHistory,
  type DailyResults,
} from './workflows/backup-history.js';
export {
  type DeletionImpact,
  deletionImpact,
  type ImpactItem,
  type ImpactNode,
  type ImpactRelationship,
  type ImpactUnit,
} from './workflows/deletion-impact.js';
export { impactText } from './workflows/deletion-impact-text.js';
export {
  type ConsumerDescription,
  DescribeConsumerInput,
  type DescribeConsumerOptions,
  describeConsumer,
} from './workflows/describe-consumer.js';
export { formatAge, parseDuration } from './workflows/duration.js';
export {
  EnrollFields,
  EnrollInput,
  type EnrollOptions,
  type EnrollOutcome,
  type EnrollPolicy,
  type EnrollResult,
  type EnrollStage,
  enrollMachine,
  enrollWithPolicy,
} from './workflows/enroll.js';
export { type EnrollDefaults, enrollDefaults } from './workflows/enroll-defaults.js';
export {
  type EnrollLockProvider,
  type EnrollLockRequest,
  enrollLockKey,
  type HeldEnrollLock,
  normalizeMachineName,
} from './workflows/enroll-lock.js';
export {
  type EnrollManyOptions,
  type EnrollManyOutcome,
  enrollMany,
} from './workflows/enroll-many.js';
export { JobsSinceInput, type JobsSinceResult, jobsSince } from './workflows/jobs-since.js';
export {
  homeUnit,
  homeUnitOf,
  ifFound,
  matchByName,
  type UnitRef,
} from './workflows/lookup.js';
export {
  MAX_NODE_NAME,
  type NormalizedNodeName,
  nodeNameProblems,
  normalizeNodeName,
} from './workflows/node-names.js';
export { type FlatUnit, findUnits, flattenTree, pathFromRoot } from './workflows/tree.js';
export { type WhoAmI, whoami } from './workflows/whoami.js';
