import { randomBytes } from 'node:crypto';

/** An issued access token: who it is for and when it expires (simulator clock). */
export interface AccessTokenGrant {
  clientId: string;
  userId: number;
  expiresAt: number;
}

/** An issued refresh token. It never expires, but can be revoked. */
export interface RefreshTokenGrant {
  clientId: string;
  userId: number;
}

/** Issued tokens. Tokens are random (not seeded): they are secrets, even in a simulator. */
export interface TokenStore {
  /** Issues an access token, reusing `refreshToken` when given (the refresh grant keeps it). */
  issue(
    clientId: string,
    userId: number,
    expiresAt: number,
    refreshToken?: string,
  ): { accessToken: string; refreshToken: string };
  access(token: string): AccessTokenGrant | undefined;
  refresh(token: string): RefreshTokenGrant | undefined;
  /** Forgets every token, so they answer 401 / invalid_grant. */
  revokeAll(): void;
}

/** Creates an empty token store. */
export function createTokenStore(): TokenStore {
  const access = new Map<string, AccessTokenGrant>();
  const refresh = new Map<string, RefreshTokenGrant>();
  return {
    issue(clientId, userId, expiresAt, refreshToken) {
      // Long-running demos would otherwise keep every expired token forever.
      if (access.size > 10_000) {
        const oldest = [...access.entries()].sort((a, b) => a[1].expiresAt - b[1].expiresAt);
        for (const [token] of oldest.slice(0, 5_000)) access.delete(token);
      }
      const accessToken = newToken();
      access.set(accessToken, { clientId, userId, expiresAt });
      const kept = refreshToken ?? newToken();
      if (!refresh.has(kept)) refresh.set(kept, { clientId, userId });
      return { accessToken, refreshToken: kept };
    },
    access: (token) => access.get(token),
    refresh: (token) => refresh.get(token),
    revokeAll() {
      access.clear();
      refresh.clear();
    },
  };
}

const newToken = () => randomBytes(32).toString('base64url');
