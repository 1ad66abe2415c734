/**
 * `@cloutapi/core`: the HTTP layer for the Cloutility API, at the bottom of the SDK. One request
 * path for every request, API calls and token requests alike: base URL, `Origin`, per-attempt
 * timeouts and a total deadline, safe retries, redirects that never carry credentials away, a
 * response size limit, typed errors (every error class cloutapi throws is defined here),
 * redaction and collections, on the runtime's own fetch. It knows no operation
 * (`@cloutapi/resources` declares them) and no token store (an auth strategy such as
 * `@cloutapi/auth`'s is given to `createClient`).
 *
 * @packageDocumentation
 */
export * from './client.js';
export * from './collections.js';
export * from './errors/index.js';
export * from './logger.js';
export * from './options.js';
export * from './redact.js';
export * from './request/create-request.js';
export { type FailedResponse, readErrorBody } from './request/failures.js';
export type { HttpMethod, RequestOptions } from './request/prepare.js';
export * from './request/read-body.js';
export { DEFAULT_RETRY, type RetryOptions } from './request/retry.js';
export * from './url.js';
export { VERSION } from './version.js';
