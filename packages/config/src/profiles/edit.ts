import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigurationError } from '@cloutapi/resources/errors';
import { writeFileReplacing } from '../private-file.js';
import {
  PROFILE_NAME,
  type Profile,
  type ProfilesLocation,
  pickProfile,
  profilesFilePath,
  readProfilesFile,
} from './file.js';
import { passwordEntryOf } from './password-source.js';

/** Options of {@link saveProfile}. */
export interface SaveOptions extends ProfilesLocation {
  /** Make it the default profile (the first profile saved always is). */
  makeDefault?: boolean | undefined;
}

/**
 * Adds the profile to the user's profiles file, or replaces the one of its name, keeping the
 * file's other profiles and comments. The file is written whole under a new name and renamed into
 * place, private to its user (0600), in a folder made private (0700).
 *
 * @returns the file's path and whether the profile is the default now
 * @throws ConfigurationError for a bad name, or when the file as it stands cannot be read
 */
export async function saveProfile(
  profile: Profile,
  options: SaveOptions = {},
): Promise<{ path: string; isDefault: boolean }> {
  if (!PROFILE_NAME.test(profile.name))
    throw new ConfigurationError(
      'profile',
      `"${profile.name}" is not a profile name: letters, digits, ".", "_" and "-", at most 63, starting with a letter or digit`,
    );
  // Read (and checked) first: a file refused as unsafe or broken is not written over.
  const current = await readProfilesFile(options);
  const isDefault =
    options.makeDefault === true || !current?.defaultName || current.defaultName === profile.name;
  const path = profilesFilePath(options);
  await rewrite(path, (doc) => {
    // Set first: in a new file the default reads before the profiles.
    if (isDefault) doc.set('default', profile.name);
    doc.setIn(['profiles', profile.name], doc.createNode(entryOf(profile)));
  });
  return { path, isDefault };
}

/**
 * Removes a profile from the user's profiles file (and the default, when it was the default).
 *
 * @returns the removed profile
 * @throws ConfigurationError naming the known profiles when there is no such profile
 */
export async function removeProfile(name: string, where: ProfilesLocation = {}): Promise<Profile> {
  const current = await readProfilesFile(where);
  const found = current?.profiles.get(name);
  if (!current || !found) return pickProfile(current, name);
  await rewrite(current.path, (doc) => {
    doc.deleteIn(['profiles', name]);
    if (current.defaultName === name) doc.delete('default');
  });
  return found;
}

/** Makes an existing profile the default. */
export async function setDefaultProfile(name: string, where: ProfilesLocation = {}): Promise<void> {
  pickProfile(await readProfilesFile(where), name);
  await rewrite(profilesFilePath(where), (doc) => doc.set('default', name));
}

/** The profile as the file holds it: the Go client's keys. */
function entryOf(profile: Profile): Record<string, unknown> {
  return {
    url: profile.url,
    client_id: profile.clientId,
    client_origin: profile.origin,
    username: profile.username,
    password: passwordEntryOf(profile.password),
    ...(profile.readOnly ? { read_only: true } : {}),
    ...(profile.clientName ? { client_name: profile.clientName } : {}),
  };
}

/** Edits the file as a YAML document (comments kept) and writes it back privately. */
async function rewrite(path: string, edit: (doc: import('yaml').Document) => void): Promise<void> {
  const { parseDocument } = await import('yaml');
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = '# cloutapi profiles: `cloutapi profile add NAME` writes here.\n';
  }
  const doc: import('yaml').Document = parseDocument(text);
  if (!doc.contents) doc.contents = doc.createNode({});
  edit(doc);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileReplacing(path, doc.toString(), true);
}
