import type { Pool } from 'pg';
import {
  type IRateLimiterOptions,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';

/**
 * A rate limiter on the team store: counters in PostgreSQL's `rate_limits` table when instances
 * share one (every instance counts against the same limit), in this process's memory for the
 * embedded store (one instance). If PostgreSQL cannot answer, memory stands in (the limit then
 * holds per instance) rather than letting everyone through or refusing everyone.
 */
export function rateLimiter(pool: Pool | undefined, options: IRateLimiterOptions) {
  if (!pool) return new RateLimiterMemory(options);
  return new RateLimiterPostgres({
    ...options,
    storeClient: pool,
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    clearExpiredByTimeout: false,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/** A limiter's refusal: how long until it lets the key through again; undefined for any other error. */
export function refusedFor(error: unknown): number | undefined {
  return error instanceof RateLimiterRes
    ? Math.max(1, Math.ceil(error.msBeforeNext / 1000))
    : undefined;
}
