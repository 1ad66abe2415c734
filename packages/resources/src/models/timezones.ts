import { z } from 'zod';
import { ApiLink, collectionOf, STORED } from './common.js';

/** A time zone a business unit can be set to. */
export const TimeZone = z.looseObject({
  href: z.string().optional(),
  actions: z.array(ApiLink).optional(),
  name: z.string().optional(),
  windowsId: z.string().optional(),
  offset: z.number().int().optional(),
  ...STORED,
});
export type TimeZone = z.infer<typeof TimeZone>;

/** The time zones the portal offers. */
export const TimeZoneList = collectionOf(TimeZone);
export type TimeZoneList = z.infer<typeof TimeZoneList>;
