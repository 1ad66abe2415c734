import { z } from 'zod';

/**
 * Building blocks shared by every response model. Response schemas are lenient on purpose: every
 * field is optional (the API leaves out what is not set, and nests less detail on some endpoints)
 * and unknown fields such as `$type`, `href` or `actions` are kept.
 */

/** The fields a stored record ends with (spread last into its shape): its id and creation date. */
export const STORED = { id: z.number().int().optional(), createdDate: z.string().optional() };

/** A reference to another resource as the API nests it: an id and a display name. */
export const Ref = z.looseObject({
  id: z.number().int().optional(),
  name: z.string().optional(),
});
export type Ref = z.infer<typeof Ref>;

/** A lookup value (platform, sync state, ...) the portal stores with its creation date. */
export const NamedValue = Ref.extend({ createdDate: z.string().optional() });
export type NamedValue = z.infer<typeof NamedValue>;

/** A hypermedia link to a follow-up call, listed in a resource's `actions` (APIEndpoint). */
export const ApiLink = z.looseObject({
  name: z.string().optional(),
  method: z.string().optional(),
  href: z.string().optional(),
});
export type ApiLink = z.infer<typeof ApiLink>;

/** A tag set on a business unit and optionally inherited by its children (BusinessUnitTag). */
export const Tag = z.looseObject({
  id: z.number().int().optional(),
  businessUnitId: z.number().int().optional(),
  text: z.string().optional(),
  inheritable: z.boolean().optional(),
  businessUnitCount: z.number().int().optional(),
  consumerCount: z.number().int().optional(),
});
export type Tag = z.infer<typeof Tag>;

/** A collection `{href, total, offset?, first?, items}`; a body without `items` is not one. */
export function collectionOf<T extends z.ZodType>(item: T) {
  return z.looseObject({
    href: z.string().optional(),
    total: z.number().int().optional(),
    offset: z.number().int().optional(),
    first: z.string().optional(),
    items: z.array(item),
  });
}

/** A collection nested in a resource (a unit's `users`): often a link and a count, no `items`. */
export function linkedCollectionOf<T extends z.ZodType>(item: T) {
  return collectionOf(item).extend({ items: z.array(item).optional() });
}
