/**
 * `@cloutapi/resources/errors`: every error class cloutapi throws, in one place. Catch
 * `CloutilityError` to catch them all, or a subclass to catch one kind of failure.
 *
 * The classes are defined in `@cloutapi/core` (the bottom layer, which every other one shares) and
 * re-exported here, the documented place to import them from, so each has one class object and
 * `instanceof` holds whichever package threw it (across two installed copies too: see
 * `CloutilityError`). This module loads neither the registry, nor zod, nor the request layer.
 *
 * @packageDocumentation
 */
export * from '@cloutapi/core/errors';
