import { join } from 'node:path';
import { dataDir } from '@cloutapi/config';
import type { KeyRing } from './keys.js';
import { type KeySources, stateKeys } from './state-keys.js';
import { openTeamStore, type TeamStore } from './store/open.js';

const isPostgresUrl = (where: string) => /^postgres(ql)?:\/\//i.test(where);

/** Where the store is, in words for a log line (a PostgreSQL URL without its password). */
export function describeStore(where: string): string {
  if (!isPostgresUrl(where)) return `embedded store in ${where}`;
  const url = new URL(where);
  if (url.password) url.password = '****';
  return `PostgreSQL ${url.toString()}`;
}

/**
 * Opens the team store and its state keys: `--store postgres://...` for several instances; else a
 * folder (default the data folder's `team`) holding the embedded database (`store/`) and, unless
 * a key is given, the key made at the first start (`state.key`).
 */
export async function openTeam(
  where: string | undefined,
  keys: KeySources,
): Promise<{ store: TeamStore; keys: KeyRing; where: string }> {
  const place = where ?? join(dataDir(), 'team');
  const embedded = isPostgresUrl(place) ? undefined : place;
  const ring = stateKeys(keys, embedded);
  const store = await openTeamStore(embedded ? join(embedded, 'store') : place, {
    stateKey: ring.current,
  });
  return { store, keys: ring, where: place };
}
