import { Agent, fetch as undiciFetch } from 'undici';

/**
 * Timeouts of this length or more are enforced by the connection pool (undici's
 * `headersTimeout`/`bodyTimeout`, about 1 s resolution) instead of an `AbortSignal` per request.
 * A signal handed to fetch costs ~12% of a loopback request; the pool's timers cost nothing.
 * Shorter timeouts keep the precise signal.
 */
export const POOL_TIMEOUT_MIN_MS = 5_000;
const MAX_POOLS = 8;

/** How one attempt is sent and timed out. */
export interface Attempt {
  signal: AbortSignal | undefined;
  dispatcher: Agent | undefined;
  /** Whether the attempt's own timeout (not the caller) ended it. */
  timedOut(error: unknown): boolean;
}

/** The fetch and connection pools of one client. */
export interface Transport {
  fetch: typeof globalThis.fetch;
  attempt(timeoutMs: number, callerSignal: AbortSignal | undefined): Attempt;
  close(): Promise<void>;
}

/**
 * With no custom fetch: undici's fetch with a pool per timeout value. With a custom fetch (which
 * may not understand undici's dispatcher): an `AbortSignal` timeout per attempt.
 */
export function createTransport(customFetch: typeof globalThis.fetch | undefined): Transport {
  const pools = new Map<number, Agent>();
  const poolFor = (ms: number) => {
    let pool = pools.get(ms);
    if (!pool) {
      if (pools.size >= MAX_POOLS) return undefined;
      pool = new Agent({
        headersTimeout: ms,
        bodyTimeout: ms,
        connect: { timeout: Math.min(ms, 30_000) },
      });
      pools.set(ms, pool);
    }
    return pool;
  };

  return {
    fetch: customFetch ?? (undiciFetch as unknown as typeof globalThis.fetch),
    attempt(timeoutMs, callerSignal) {
      const pool =
        !customFetch && timeoutMs >= POOL_TIMEOUT_MIN_MS ? poolFor(timeoutMs) : undefined;
      if (pool) {
        return { signal: callerSignal, dispatcher: pool, timedOut: isPoolTimeout };
      }
      const timeout = AbortSignal.timeout(timeoutMs);
      return {
        signal: callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout,
        dispatcher: undefined,
        timedOut: () => timeout.aborted,
      };
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      pools.clear();
    },
  };
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether a fetch failure is one of the pool's timeouts (the code sits in the cause chain). */
function isPoolTimeout(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (typeof e.code === 'string' && TIMEOUT_CODES.has(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
