import { createHmac, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import type { TokenSnapshot } from '@cloutapi/auth';
import {
  cacheDir,
  createSecretFileOnce,
  privateDirProblem,
  writeFileReplacing,
} from '@cloutapi/config';

/** Where the token cache lives and who it belongs to. */
export interface TokenCacheTarget {
  /** The portal URL, normalised (no trailing slash, no `/v1`). */
  url: string;
  clientId: string;
  username: string;
  /** The profile, when the settings are one: a profile's tokens never serve another. */
  profile?: string | undefined;
}

/** The user's cache directory for cloutapi, shared with the compiled-code cache. */
export { cacheDir };

/** Everything a sign-in is made of: tokens cached for one never serve another. */
export interface Credentials extends TokenCacheTarget {
  origin: string;
  password: string;
}

/**
 * A fingerprint of URL, client id, origin, username and password, kept in the cache file: tokens
 * got with an old password or for another user are never used (a warm cache must not hide a wrong
 * password). An HMAC-SHA-256 under the user's random key ({@link cacheKey}), not a plain digest:
 * a cache file copied without the key file gives an offline guesser nothing to test passwords
 * against. An HMAC rather than a slow KDF with a salt per entry: with a 256-bit secret key no
 * guess can be checked at all, and the check stays one fast hash per command.
 */
export function credentialFingerprint(c: Credentials, dir: string): string {
  return createHmac('sha256', cacheKey(dir))
    .update(
      JSON.stringify([
        c.url,
        c.clientId,
        c.origin,
        c.username.toLowerCase(),
        c.password,
        ...(c.profile === undefined ? [] : [c.profile]),
      ]),
      'utf8',
    )
    .digest('hex');
}

/** The key file in a cache folder: 32 random bytes as hex, made once per user, 0600. */
export const CACHE_KEY_FILE = 'token-key';

const keys = new Map<string, Buffer>();

/**
 * The random key of the user's token cache in `dir`, created at first use. Two processes making
 * it at once end with the one that was placed first ({@link createSecretFileOnce}). Throws when
 * the file is not the user's own, others may read it, or it is not a key.
 */
export function cacheKey(dir: string): Buffer {
  const known = keys.get(dir);
  if (known) return known;
  const file = join(dir, CACHE_KEY_FILE);
  createSecretFileOnce(file, randomBytes(32).toString('hex'));
  const key = readKeyFile(file);
  keys.set(dir, key);
  return key;
}

/** Reads a key file without following a link, refusing one that is not private to the user. */
function readKeyFile(file: string): Buffer {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const stats = fstatSync(fd);
    const problem = keyFileProblem(stats);
    if (problem) throw new Error(`${file}: ${problem}; remove it (a new key means one sign-in)`);
    const text = readFileSync(fd, 'utf8');
    if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file}: not a key; remove it`);
    return Buffer.from(text, 'hex');
  } finally {
    closeSync(fd);
  }
}

function keyFileProblem(stats: Stats): string | undefined {
  if (!stats.isFile()) return 'not a file';
  if (typeof process.getuid !== 'function') return undefined;
  if (stats.uid !== process.getuid()) return `it belongs to user id ${stats.uid}, not to you`;
  if (stats.mode & 0o077) return `others may read it (mode ${(stats.mode & 0o777).toString(8)})`;
  return undefined;
}

/**
 * Makes sure the cache folder is safe to keep tokens in, creating it (0700) when missing, and its
 * key ({@link cacheKey}). Returns why not when it is not: not a folder, or a folder (or one above
 * it) that is not the user's own or that others may write to (they could plant files where the
 * tokens go), or a key file that is not private. Checked for `CLOUTAPI_CACHE_DIR` too.
 */
export function unsafeCacheDir(dir: string): string | undefined {
  const problem = privateDirProblem(dir);
  if (problem) return problem;
  try {
    cacheKey(dir);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The cache file of one identity: named by a hash of URL, client id and username, so the file name
 * says nothing about who signed in where, and two identities never share tokens.
 */
export function tokenCacheFile(target: TokenCacheTarget, dir: string = cacheDir()): string {
  const profile = target.profile === undefined ? '' : `\n${target.profile}`;
  const key = fnv1a64(
    `${target.url}\n${target.clientId}\n${target.username.toLowerCase()}${profile}`,
  );
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
