import { z } from 'zod';
import { collectionOf, NamedValue, Ref, STORED } from './common.js';
import { optionalBoolean, optionalInt, optionalText } from './leaves.js';

/** A portal role: the set of privileges a user holds in its business unit. */
export const Role = NamedValue.extend({
  description: optionalText,
  inheritable: optionalBoolean,
  privileges: z.array(z.unknown()).optional(),
});
export type Role = z.infer<typeof Role>;

/** The portal language a user reads the UI and reports in. */
export const Language = NamedValue.extend({ iso639Code: optionalText });
export type Language = z.infer<typeof Language>;

/** A portal user account, member of one (home) business unit. */
export const User = z.looseObject({
  href: optionalText,
  name: optionalText.describe('The login name.'),
  displayName: optionalText,
  email: optionalText,
  phone: optionalText,
  locked: optionalBoolean,
  usesTotp: optionalBoolean,
  failedLoginAttempts: optionalInt,
  role: Role.optional(),
  businessUnit: Ref.optional().describe("The user's home business unit."),
  businessUnitId: optionalInt,
  language: z
    .union([z.string(), Language])
    .optional()
    .describe('The UI language: a code such as "en", or a Language object'),
  lastLoginDate: optionalText,
  ...STORED,
});
export type User = z.infer<typeof User>;

/** The users of a business unit. */
export const UserList = collectionOf(User);
export type UserList = z.infer<typeof UserList>;
