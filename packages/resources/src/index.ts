/**
 * `@cloutapi/resources`: every Cloutility API operation declared once (the registry), the typed
 * facade derived from it, and the workflows operators need. A module exported whole (`export *`)
 * exports nothing but public API; the others name what is public.
 *
 * @packageDocumentation
 */
export * from './api.generated.js';
export * from './call.js';
export * from './casing.js';
export * from './cloutility.js';
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
export * from './operations/index.js';
export * from './operations/lazy.js';
export * from './presentation/cell.js';
export * from './presentation/columns.js';
export { compact, hideSecrets, isNoise, shownFields } from './presentation/fields.js';
export * from './presentation/kind.js';
export * from './validate.js';
export {
  AtRiskInput,
  type AtRiskRule,
  atRiskIntervalOf,
  atRiskRule,
  bypassedBecause,
  DEFAULT_AT_RISK_MS,
} from './workflows/at-risk.js';
export * from './workflows/backup-health.js';
export * from './workflows/backup-history.js';
export * from './workflows/deletion-impact.js';
export { impactText } from './workflows/deletion-impact-text.js';
export * from './workflows/describe-consumer.js';
export * from './workflows/duration.js';
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
export * from './workflows/enroll-defaults.js';
export {
  type EnrollLockProvider,
  type EnrollLockRequest,
  enrollLockKey,
  type HeldEnrollLock,
  normalizeMachineName,
} from './workflows/enroll-lock.js';
export * from './workflows/enroll-many.js';
export * from './workflows/jobs-since.js';
export {
  homeUnit,
  homeUnitOf,
  ifFound,
  matchByName,
  type UnitRef,
} from './workflows/lookup.js';
export * from './workflows/node-names.js';
export * from './workflows/tree.js';
export * from './workflows/whoami.js';
