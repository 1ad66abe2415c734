/**
 * `@cloutapi/resources/errors`: every error class cloutapi throws, in one place. Catch
 * `CloutilityError` to catch them all, or a subclass to catch one kind of failure. They are
 * `@cloutapi/core`'s, re-exported from their documented home: one class object each, so
 * `instanceof` holds whichever package threw. Loads neither the registry, nor zod, nor requests.
 *
 * @packageDocumentation
 */
export * from '@cloutapi/core/errors';
