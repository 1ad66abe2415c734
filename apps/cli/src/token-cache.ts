import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenSnapshot } from '@cloutapi/auth';
import { cacheDir } from '@cloutapi/config';
import { writeFileReplacing } from './private-file.js';

/** Where the token cache lives and who it belongs to. */
export interface TokenCacheTarget {
  /** The portal URL, normalised (no trailing slash, no `/v1`). */
  url: string;
  clientId: string;
  username: string;
}

/** The user's cache directory for cloutapi, shared with the compiled-code cache. */
export { cacheDir };

/** Everything a sign-in is made of: tokens cached for one never serve another. */
export interface Credentials extends TokenCacheTarget {
  origin: string;
  password: string;
}

/**
 * A digest of URL, client id, origin, username and password, kept in the cache file: tokens got
 * with an old password or for another user are never used (a warm cache must not hide a wrong
 * password). SHA-256, so the file says nothing usable about the password.
 */
export function credentialFingerprint(c: Credentials): string {
  return createHash('sha256')
    .update(
      JSON.stringify([c.url, c.clientId, c.origin, c.username.toLowerCase(), c.password]),
      'utf8',
    )
    .digest('hex');
}

/**
 * Makes sure the cache folder is safe to keep tokens in, creating it (0700) when missing.
 * Returns why not when it is not: not a folder, not the user's own, or writable by others (anyone
 * who can write there could plant files where the tokens go). Checked for `CLOUTAPI_CACHE_DIR`
 * too. On Windows, where modes and owners do not apply, the folder is only created.
 */
export function unsafeCacheDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return `cannot create it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  const stats = statSync(dir);
  if (!stats.isDirectory()) return 'it is not a folder';
  if (typeof process.getuid !== 'function') return undefined;
  if (stats.uid !== process.getuid()) return `it belongs to user id ${stats.uid}, not to you`;
  if ((stats.mode & 0o022) !== 0) {
    return `others may write in it (mode ${(stats.mode & 0o777).toString(8)}); chmod 700 it`;
  }
  return undefined;
}

/**
 * The cache file of one identity: named by a hash of URL, client id and username, so the file name
 * says nothing about who signed in where, and two identities never share tokens.
 */
export function tokenCacheFile(target: TokenCacheTarget, dir: string = cacheDir()): string {
  const key = fnv1a64(`${target.url}\n${target.clientId}\n${target.username.toLowerCase()}`);
  return join(dir, `tokens-${key}.json`);
}

/**
 * FNV-1a, 64 bits, as hex. The name only has to be stable, distinct per identity and not show it;
 * node:crypto for a digest would cost a command more time than its request.
 */
export function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Reads cached tokens; anything unreadable or malformed counts as no cache, and so do tokens
 * saved for other credentials when `fingerprint` is given (see {@link credentialFingerprint}).
 */
export function readTokens(file: string, fingerprint?: string): TokenSnapshot | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const t = parsed as (Partial<TokenSnapshot> & { fingerprint?: unknown }) | null;
  if (!t || typeof t.accessToken !== 'string' || typeof t.expiresAt !== 'number') return undefined;
  if (fingerprint !== undefined && t.fingerprint !== fingerprint) return undefined;
  return {
    accessToken: t.accessToken,
    refreshToken: typeof t.refreshToken === 'string' ? t.refreshToken : undefined,
    expiresAt: t.expiresAt,
  };
}

/**
 * Writes tokens (never a password: a snapshot has none; only a digest of the credentials) readable
 * by the user only. A new file with an unpredictable name, created exclusively and without
 * following links, renamed into place: a planted file or symlink never receives the tokens, and a
 * concurrent run never reads half a file.
 */
export function writeTokens(
  file: string,
  tokens: TokenSnapshot,
  dir: string,
  fingerprint?: string,
): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const body = JSON.stringify({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    savedAt: Date.now(),
    fingerprint,
  });
  writeFileReplacing(file, body, true);
}
