/**
 * `@cloutapi/core`: the HTTP layer for the Cloutility API. One request path for every operation:
 * base URL, `Origin`, bearer, per-attempt timeouts and a total deadline, safe retries, redirects
 * that never carry credentials away, a response size limit, typed errors, redaction and
 * collections, on ofetch and the runtime's own fetch. It knows no operation; `@cloutapi/resources` declares them.
 *
 * @packageDocumentation
 */
// The error classes are not re-exported: they are exported where they are defined
// (`@cloutapi/auth`) and, all of them together, from `@cloutapi/resources/errors`.
export {
  type AuthStrategy,
  type Clock,
  createPasswordAuth,
  type PasswordAuthOptions,
  REDACTED,
  redact,
  redactValue,
  registerSecret,
  registerSecretsIn,
  type TokenSnapshot,
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
