import type { SnapshotStore } from './snapshots.js';
import type { Confirmations } from './tools/confirmation.js';

/**
 * One server, several profiles (portals or accounts of the user's profiles file): every tool takes
 * a `profile` argument naming one, the default when it names none; a tool that writes is refused
 * on a read-only profile; a preview's confirmation and a paged result serve only the profile they
 * were made on.
 */

/** The argument every tool takes when several profiles are served. */
export const PROFILE_ARGUMENT = 'profile';

/** A profile as the server shows it (never its password, nor where it comes from). */
export interface ServedProfile {
  name: string;
  url: string;
  username: string;
  readOnly: boolean;
}

/** The profiles one server serves, the default first. */
export interface ProfileRouting {
  profiles: readonly ServedProfile[];
  defaultName: string;
}

/** A tool's listed input schema with the `profile` argument: the names, the default, the read-only. */
export function withProfileArgument(
  inputSchema: { type: 'object'; [k: string]: unknown },
  routing: ProfileRouting,
  writes: boolean,
): { type: 'object'; [k: string]: unknown } {
  const readOnly = routing.profiles.filter((p) => p.readOnly).map((p) => p.name);
  const note =
    writes && readOnly.length
      ? ` Read-only, so refused here: ${readOnly.join(', ')}.`
      : readOnly.length
        ? ` Read-only: ${readOnly.join(', ')}.`
        : '';
  const properties = (inputSchema.properties ?? {}) as Record<string, unknown>;
  return {
    ...inputSchema,
    properties: {
      ...properties,
      [PROFILE_ARGUMENT]: {
        type: 'string',
        enum: routing.profiles.map((p) => p.name),
        description: `Which portal account to use (whoami lists them); default "${routing.defaultName}".${note}`,
      },
    },
  };
}

/** A call's profile, taken out of its arguments; or why the call is refused. */
export type ProfileChoice =
  | { profile: ServedProfile; args: Record<string, unknown> }
  | { refused: string };

/**
 * The profile a call names (or the default), and its other arguments for the tool's own schema.
 * Refused: a name not served (the served ones listed), or a tool that writes on a read-only one.
 */
export function chooseProfile(
  routing: ProfileRouting,
  tool: { name: string; writes: boolean },
  args: Record<string, unknown>,
): ProfileChoice {
  const { [PROFILE_ARGUMENT]: named, ...rest } = args;
  const names = routing.profiles.map((p) => `"${p.name}"`).join(', ');
  if (named !== undefined && typeof named !== 'string')
    return { refused: `profile: expected one of ${names}; got ${JSON.stringify(named)}.` };
  const wanted = named ?? routing.defaultName;
  const profile = routing.profiles.find((p) => p.name === wanted);
  if (!profile)
    return { refused: `profile: no profile named "${wanted}" here; expected one of ${names}.` };
  if (tool.writes && profile.readOnly) {
    const writable = routing.profiles.filter((p) => !p.readOnly).map((p) => `"${p.name}"`);
    const instead = writable.length ? ` Writable: ${writable.join(', ')}.` : '';
    return {
      refused: `${tool.name} changes the portal, and the profile "${profile.name}" is read-only: nothing was sent.${instead}`,
    };
  }
  return { profile, args: rest };
}

/**
 * Confirmations bound to one profile as well as to the tool and its arguments: a preview made on
 * the test portal never confirms the same call on production.
 */
export function profileConfirmations(confirmations: Confirmations, profile: string): Confirmations {
  const scoped = (tool: string) => `${tool}@profile:${profile}`;
  return {
    key: confirmations.key,
    issueToken: (tool, ...rest) => confirmations.issueToken(scoped(tool), ...rest),
    useToken: (token, tool, ...rest) => confirmations.useToken(token, scoped(tool), ...rest),
    ask: (tool, ...rest) => confirmations.ask(scoped(tool), ...rest),
    answers: (asked, tool, ...rest) => confirmations.answers(asked, scoped(tool), ...rest),
    claim: (asked) => confirmations.claim(asked),
  };
}

/** Paged results bound to one profile: a cursor made on one profile reads nothing on another. */
export function profileSnapshots(snapshots: SnapshotStore, profile: string): SnapshotStore {
  return {
    put: (value, ttlMs) => snapshots.put({ profile, value }, ttlMs),
    async get(id) {
      const kept = (await snapshots.get(id)) as { profile?: unknown; value?: unknown } | undefined;
      return kept?.profile === profile ? kept.value : undefined;
    },
  };
}
