/**
 * `@cloutapi/core/errors`: every error class cloutapi throws, one file per family, and nothing
 * else (no ofetch, no request layer), so that a program can import them without loading the SDK.
 * Catch `CloutilityError` to catch them all, or a subclass to catch one kind of failure.
 *
 * @packageDocumentation
 */
export { CloutilityError, type CloutilityErrorDetails } from './base.js';
export {
  EnrollmentConflictError,
  EnrollmentError,
  type EnrollStep,
  type MachineCandidate,
} from './enrollment.js';
export { NotApiResponseError, ResponseValidationError } from './response.js';
export {
  AuthenticationError,
  type AuthenticationFailureReason,
  ConfigurationError,
  ConflictError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
  type ValidationIssue,
} from './status.js';
export {
  ConnectionError,
  RedirectError,
  ResponseTooLargeError,
  TimeoutError,
} from './transport.js';
