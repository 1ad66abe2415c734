import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { rateLimiter, refusedFor } from './limiters.js';

/** Failed sign-ins allowed per account, and per address, before a wait. */
const PER_ACCOUNT = { points: 5, duration: 15 * 60, blockDuration: 15 * 60 };
const PER_ADDRESS = { points: 20, duration: 60 * 60, blockDuration: 60 * 60 };

/**
 * Throttles password guessing: failed sign-ins count per account (whatever address they come
 * from) and per address (whatever account they try), shared by the instances on PostgreSQL. A
 * successful sign-in clears its account's count. Keys are hashed: the store holds no usernames.
 */
export function signInThrottle(pool: Pool | undefined) {
  const byAccount = rateLimiter(pool, { keyPrefix: 'sign-in-account', ...PER_ACCOUNT });
  const byAddress = rateLimiter(pool, { keyPrefix: 'sign-in-address', ...PER_ADDRESS });
  const key = (kind: string, value: string) =>
    createHash('sha256').update(`${kind}\0${value}`).digest('base64url');
  const accountKey = (username: string) => key('account', username.trim().toLowerCase());
  const addressKey = (address: string) => key('address', address);

  return {
    /** Seconds to wait before this account or address may try again; 0 when it may now. */
    async wait(username: string, address: string): Promise<number> {
      const [account, from] = await Promise.all([
        byAccount.get(accountKey(username)),
        byAddress.get(addressKey(address)),
      ]);
      const blocked = [account, from]
        .filter((r) => r !== null && r.consumedPoints > 0 && r.remainingPoints <= 0)
        .map((r) => Math.ceil((r?.msBeforeNext ?? 0) / 1000));
      return Math.max(0, ...blocked);
    },
    /** Counts a failed sign-in; the wait it now imposes (0 when none yet). */
    async failed(username: string, address: string): Promise<number> {
      const results = await Promise.allSettled([
        byAccount.consume(accountKey(username)),
        byAddress.consume(addressKey(address)),
      ]);
      const waits = results.map((r) => (r.status === 'rejected' ? (refusedFor(r.reason) ?? 0) : 0));
      return Math.max(0, ...waits);
    },
    async succeeded(username: string): Promise<void> {
      await byAccount.delete(accountKey(username));
    },
  };
}

export type SignInThrottle = ReturnType<typeof signInThrottle>;
