import { z } from 'zod';
import { collectionOf, NamedValue, Ref, STORED } from './common.js';

/** A portal role: the set of privileges a user holds in its business unit. */
export const Role = NamedValue.extend({
  description: z.string().optional(),
  inheritable: z.boolean().optional(),
  privileges: z.array(z.unknown()).optional(),
});
export type Role = z.infer<typeof Role>;

/** The portal language a user reads the UI and reports in. */
export const Language = NamedValue.extend({ iso639Code: z.string().optional() });
export type Language = z.infer<typeof Language>;

/** A portal user account, member of one (home) business unit. */
export const User = z.looseObject({
  href: z.string().optional(),
  name: z.string().optional().describe('The login name.'),
  displayName: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  locked: z.boolean().optional(),
  usesTotp: z.boolean().optional(),
  failedLoginAttempts: z.number().int().optional(),
  role: Role.optional(),
  businessUnit: Ref.optional().describe("The user's home business unit."),
  businessUnitId: z.number().int().optional(),
  language: z
    .union([z.string(), Language])
    .optional()
    .describe('The UI language: a code such as "en", or a Language object'),
  lastLoginDate: z.string().optional(),
  ...STORED,
});
export type User = z.infer<typeof User>;

/** The users of a business unit. */
export const UserList = collectionOf(User);
export type UserList = z.infer<typeof UserList>;
