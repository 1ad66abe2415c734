/**
 * The profiles file's schema: loaded (with zod) only when there is a file to check, so a run
 * without profiles pays nothing for it.
 */
import { z } from 'zod';
import { PROFILE_NAME } from './file.js';

/** A variable name as a shell writes it. */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `30s`, `2m` or a number of seconds, as text. */
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(s|m)?\s*$/;

const WHERE =
  'where the password comes from: {keychain: true}, {command: "pass show portal"}, {env: VARIABLE}, or the password itself';

/**
 * A profile's `password:` as written: the password itself (a private file only), or where it
 * comes from.
 */
const ProfilePassword = z.union(
  [
    z.string().min(1),
    z.strictObject({ keychain: z.literal(true) }),
    z.strictObject({
      command: z
        .string()
        .trim()
        .min(1, 'password: command is empty: expected the command that prints the password'),
      timeout: z
        .string()
        .regex(DURATION, 'password: timeout is a duration such as 30s or 2m')
        .optional(),
    }),
    z.strictObject({
      env: z.string().regex(VARIABLE, 'password: env is a variable name, such as PORTAL_PASSWORD'),
    }),
  ],
  {
    error: (issue) =>
      issue.input === undefined ? `missing password (${WHERE})` : `password: expected ${WHERE}`,
  },
);

const required = (what: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `missing ${what}` : `${what} must be text`),
    })
    .trim()
    .min(1, `missing ${what}`);

/** A message for a value that is not of the expected kind; zod's own for the rest. */
const notA = (expected: string) => (issue: { code: string }) =>
  issue.code === 'invalid_type' ? `expected ${expected}` : undefined;

/** One profile as written in the file: the Go client's keys, and where the password comes from. */
const ProfileSchema = z.strictObject(
  {
    url: required('url (the portal API URL)'),
    client_id: required('client_id (the client id)'),
    client_origin: required('client_origin (the client origin)'),
    username: required('username (the portal username)'),
    password: ProfilePassword,
    read_only: z.boolean({ error: 'read_only must be true or false' }).optional(),
    client_name: z.string().optional(),
  },
  { error: notA('a mapping with url, client_id, client_origin, username and password') },
);

/** The profiles file: named profiles and which one serves when none is chosen. */
export const ProfilesFileSchema = z.strictObject(
  {
    default: z.string().optional(),
    profiles: z
      .record(z.string().regex(PROFILE_NAME), ProfileSchema, {
        error: notA('a mapping of profile names to profiles'),
      })
      .default({}),
  },
  { error: notA('a mapping with "default:" and "profiles:"') },
);

export type PasswordEntry = z.infer<typeof ProfilePassword>;
export type ProfileEntry = z.infer<typeof ProfileSchema>;
export type ProfilesFileEntry = z.infer<typeof ProfilesFileSchema>;
export type SchemaIssue = z.core.$ZodIssue;
