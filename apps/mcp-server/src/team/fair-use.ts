import type { Pool } from 'pg';
import { rateLimiter, refusedFor } from './limiters.js';

/** Options of {@link fairUse}. */
export interface FairUseOptions {
  /** MCP requests a person may make a minute, across every instance. */
  perMinute: number;
  /** Requests of one person this instance runs at once. */
  concurrent: number;
  pool?: Pool | undefined;
}

/** Admission of one request: go ahead (and release when done), or wait this long. */
export type Admission = { release(): void } | { retryAfterSeconds: number; why: string };

/**
 * Fair use per person: a rate limit (shared by the instances on PostgreSQL) and a cap on the
 * calls one person has running at once on this instance, so one busy assistant cannot starve the
 * others. A refusal says how long to wait (answered as 429 with Retry-After).
 */
export function fairUse(options: FairUseOptions) {
  const limiter = rateLimiter(options.pool, {
    keyPrefix: 'mcp-calls',
    points: options.perMinute,
    duration: 60,
  });
  const running = new Map<string, number>();
  return {
    async admit(person: string): Promise<Admission> {
      const now = running.get(person) ?? 0;
      if (now >= options.concurrent)
        return {
          retryAfterSeconds: 1,
          why: `you have ${now} requests running at once, the most this server allows a person; wait for one to finish`,
        };
      // Counted before the rate limit's wait, so calls arriving together cannot all pass the cap.
      running.set(person, now + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (running.get(person) ?? 1) - 1;
        if (left > 0) running.set(person, left);
        else running.delete(person);
      };
      try {
        await limiter.consume(person);
      } catch (error) {
        release();
        const wait = refusedFor(error);
        if (wait === undefined) throw error;
        return {
          retryAfterSeconds: wait,
          why: `more than ${options.perMinute} requests in a minute; try again in ${wait} s`,
        };
      }
      return { release };
    },
  };
}

export type FairUse = ReturnType<typeof fairUse>;
