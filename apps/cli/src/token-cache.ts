import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenSnapshot } from '@cloutapi/auth';
import { cacheDir } from '@cloutapi/config';

/** Where the token cache lives and who it belongs to. */
export interface TokenCacheTarget {
  /** The portal URL, normalised (no trailing slash, no `/v1`). */
  url: string;
  clientId: string;
  username: string;
}

/** The user's cache directory for cloutapi, shared with the compiled-code cache. */
export { cacheDir };

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

/** Reads cached tokens; anything unreadable or malformed counts as no cache. */
export function readTokens(file: string): TokenSnapshot | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const t = parsed as Partial<TokenSnapshot> | null;
  if (!t || typeof t.accessToken !== 'string' || typeof t.expiresAt !== 'number') return undefined;
  return {
    accessToken: t.accessToken,
    refreshToken: typeof t.refreshToken === 'string' ? t.refreshToken : undefined,
    expiresAt: t.expiresAt,
  };
}

/**
 * Writes tokens (never a password: a snapshot has none) readable by the user only. Written to a
 * temporary file and renamed, so a concurrent run never reads half a file.
 */
export function writeTokens(file: string, tokens: TokenSnapshot, dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const body = JSON.stringify({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    savedAt: Date.now(),
  });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, body, { mode: 0o600 });
  // The mode of writeFileSync is filtered by the umask; the cache must be 0600 whatever it is.
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
