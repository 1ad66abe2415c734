import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileReplacing } from '@cloutapi/config';
import { type EnrollDefaults, enrollDefaults, type LookupStore } from '@cloutapi/resources';
import { z } from 'zod';
import type { Session } from './session.js';

/** The lookup file's shape; the values' own shapes and ages are checked by resources. */
const LookupFile = z.object({ entries: z.record(z.string(), z.unknown()) });

/**
 * The lookup cache beside a token cache file: same folder (checked private before any token is
 * kept there), same identity in its name (portal URL, client id, username), so one user's or
 * portal's lookups never serve another.
 */
export function lookupCacheFile(tokenFile: string): string {
  return join(dirname(tokenFile), basename(tokenFile).replace(/^tokens-/, 'lookups-'));
}

/**
 * A {@link LookupStore} in one JSON file, read at first use and replaced whole (0600, atomically)
 * at each change. No secrets in it (catalog and server ids and names), yet private like the
 * tokens. A file that is not JSON of its shape counts as empty: everything is read again.
 */
export function fileLookupStore(file: string): LookupStore {
  let entries: Map<string, unknown> | undefined;
  const load = () => {
    entries ??= readEntries(file);
    return entries;
  };
  const save = () => {
    try {
      writeFileReplacing(file, JSON.stringify({ entries: Object.fromEntries(load()) }), true);
    } catch {
      // A read-only home costs the reads next time, nothing more.
    }
  };
  return {
    get: (key) => load().get(key),
    set: (key, value) => {
      load().set(key, value);
      save();
    },
    forget: (key) => {
      if (load().delete(key)) save();
    },
  };
}

function readEntries(file: string): Map<string, unknown> {
  try {
    const parsed = LookupFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return new Map(parsed.success ? Object.entries(parsed.data.entries) : []);
  } catch {
    return new Map();
  }
}

/** Enrollment's lookups for a session: kept in the lookup cache unless the token cache is off. */
export function sessionDefaults({ clout, cacheFile }: Session): EnrollDefaults {
  const store = cacheFile ? fileLookupStore(lookupCacheFile(cacheFile)) : undefined;
  return enrollDefaults(clout, { store });
}
