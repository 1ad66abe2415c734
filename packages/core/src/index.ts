/**
 * `@cloutapi/core`: the HTTP layer for the Cloutility API, at the bottom of the SDK. One request
 * path for every request, API calls and token requests alike: base URL, `Origin`, per-attempt
 * timeouts and a total deadline, safe retries, redirects that never carry credentials away, a
 * response size limit, typed errors (every error class cloutapi throws is defined here),
 * redaction and collections, on ofetch and the runtime's own fetch. It knows no operation
 * (`@cloutapi/resources` declares them) and no token store (an auth strategy such as
 * `@cloutapi/auth`'s is given to `createClient`).
 *
 * @packageDocumentation
 */
export {
  type AuthOptionsOf,
  type AuthStrategy,
  type AuthStrategyContext,
  type AuthStrategyFactory,
  type ClientOptions,
  type CloutilityClient,
  createClient,
} from './client.js';
export {
  type Collected,
  type Collection,
  collect,
  iterateCollection,
  type PageFetcher,
} from './collections.js';
export * from './errors/index.js';
export { createLogger, type LogSink, stderrSink } from './logger.js';
export {
  type Connection,
  normalizeBaseUrl,
  optionalFunction,
  optionalNumber,
  requireSecret,
  requireString,
  resolveConnection,
  validateOrigin,
} from './options.js';
export {
  isSecretKey,
  REDACTED,
  redact,
  redactValue,
  registerSecret,
  registerSecretsIn,
} from './redact.js';
export {
  createRequest,
  DEFAULT_MAX_RESPONSE_BYTES,
  type RequestDefaults,
  type RequestFunction,
  type RequestHook,
} from './request/create-request.js';
export { type FailedResponse, parseRetryAfter } from './request/failures.js';
export type { HttpMethod, RequestOptions } from './request/prepare.js';
export { type BodyLimit, discardBody, readBody } from './request/read-body.js';
export { DEFAULT_RETRY, type RetryOptions } from './request/retry.js';
export {
  buildUrl,
  fillPath,
  type Query,
  type QueryScalar,
  type QueryValue,
  toSearchParams,
} from './url.js';
export { VERSION } from './version.js';
