import { z } from 'zod';
import { ApiLink, collectionOf, STORED } from './common.js';
import { optionalInt, optionalText } from './leaves.js';

/** A time zone a business unit can be set to. */
export const TimeZone = z.looseObject({
  href: optionalText,
  actions: z.array(ApiLink).optional(),
  name: optionalText,
  windowsId: optionalText,
  offset: optionalInt,
  ...STORED,
});
export type TimeZone = z.infer<typeof TimeZone>;

/** The time zones the portal offers. */
export const TimeZoneList = collectionOf(TimeZone);
export type TimeZoneList = z.infer<typeof TimeZoneList>;
