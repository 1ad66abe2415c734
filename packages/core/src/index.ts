/**
 * `@cloutapi/core`: the HTTP layer for the Cloutility API. One request path for every operation:
 * base URL, `Origin`, bearer, per-attempt timeouts and a total deadline, safe retries, redirects
 * that never carry credentials away, a response size limit, typed errors, redaction and
 * collections, on ofetch and the runtime's own fetch. It knows no operation; `@cloutapi/resources` declares them.
 *
 * @packageDocumentation
 */
export {
  AuthenticationError,
  type AuthenticationFailureReason,
  type AuthStrategy,
  type Clock,
  CloutilityError,
  type CloutilityErrorDetails,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  createPasswordAuth,
  NotFoundError,
  type PasswordAuthOptions,
  PermissionError,
  RateLimitError,
  REDACTED,
  RedirectError,
  ResponseTooLargeError,
  redact,
  redactValue,
  registerSecret,
  registerSecretsIn,
  ServerError,
  TimeoutError,
  type TokenSnapshot,
  ValidationError,
  type ValidationIssue,
} from '@cloutapi/auth';
export {
  type ClientOptions,
  type CloutilityClient,
  createClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  type HttpMethod,
  type RequestOptions,
} from './client.js';
export {
  type Collected,
  type Collection,
  collect,
  iterateCollection,
  type PageFetcher,
} from './collections.js';
export { errorFromResponse, markMaybeApplied, withNote } from './errors.js';
export { createLogger, type LogSink, stderrSink } from './logger.js';
export {
  backoffDelay,
  DEFAULT_RETRY,
  IDEMPOTENT_METHODS,
  isAmbiguous,
  isTransient,
  type RetryOptions,
} from './retry.js';
export {
  buildUrl,
  fillPath,
  type Query,
  type QueryScalar,
  type QueryValue,
  toSearchParams,
} from './url.js';
export { VERSION } from './version.js';
