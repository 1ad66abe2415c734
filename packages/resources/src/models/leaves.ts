import { z } from 'zod';

/**
 * The leaves of the lenient response models, one instance each. A zod schema never changes once
 * built, so every field shares them, and loading the models builds four schemas here instead of
 * several hundred (a read's command built 757 zod objects before, 329 since). Not exported from
 * the models' index: they are parts, not models.
 */

/** An optional string field. */
export const optionalText = z.string().optional();
/** An optional whole-number field. */
export const optionalInt = z.number().int().optional();
/** An optional number field. */
export const optionalNumber = z.number().optional();
/** An optional boolean field. */
export const optionalBoolean = z.boolean().optional();
