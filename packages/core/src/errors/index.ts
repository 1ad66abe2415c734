/**
 * `@cloutapi/core/errors`: every error class cloutapi throws, one file per family, and nothing
 * else (no request layer), so that a program can import them without loading the SDK.
 * Catch `CloutilityError` to catch them all, or a subclass to catch one kind of failure.
 *
 * @packageDocumentation
 */
export * from './base.js';
export * from './enrollment.js';
export * from './response.js';
export * from './status.js';
export * from './transport.js';
