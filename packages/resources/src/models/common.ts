import { z } from 'zod';
import { optionalBoolean, optionalInt, optionalText } from './leaves.js';

/**
 * Building blocks shared by every response model. Response schemas are lenient on purpose: every
 * field is optional (the API leaves out what is not set, and nests less detail on some endpoints)
 * and unknown fields such as `$type`, `href` or `actions` are kept.
 */

/** The fields a stored record ends with (spread last into its shape): its id and creation date. */
export const STORED = { id: optionalInt, createdDate: optionalText };

/** A reference to another resource as the API nests it: an id and a display name. */
export const Ref = z.looseObject({
  id: optionalInt,
  name: optionalText,
});
export type Ref = z.infer<typeof Ref>;

/** A lookup value (platform, sync state, ...) the portal stores with its creation date. */
export const NamedValue = Ref.extend({ createdDate: optionalText });
export type NamedValue = z.infer<typeof NamedValue>;

/** A hypermedia link to a follow-up call, listed in a resource's `actions` (APIEndpoint). */
export const ApiLink = z.looseObject({
  name: optionalText,
  method: optionalText,
  href: optionalText,
});
export type ApiLink = z.infer<typeof ApiLink>;

/** A tag set on a business unit and optionally inherited by its children (BusinessUnitTag). */
export const Tag = z.looseObject({
  id: optionalInt,
  businessUnitId: optionalInt,
  text: optionalText,
  inheritable: optionalBoolean,
  businessUnitCount: optionalInt,
  consumerCount: optionalInt,
});
export type Tag = z.infer<typeof Tag>;

/** The fields of a collection besides its items. */
const PAGE = { href: optionalText, total: optionalInt, offset: optionalInt, first: optionalText };

/** A collection `{href, total, offset?, first?, items}`; a body without `items` is not one. */
export function collectionOf<T extends z.ZodType>(item: T) {
  return z.looseObject({ ...PAGE, items: z.array(item) });
}

/** A collection nested in a resource (a unit's `users`): often a link and a count, no `items`. */
export function linkedCollectionOf<T extends z.ZodType>(item: T) {
  return z.looseObject({ ...PAGE, items: z.array(item).optional() });
}
