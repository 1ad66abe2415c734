import type { Agent } from 'undici';
import type { HttpStack } from './node-http.js';

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
  /** The timeout of the undici pool the attempt goes through, when the pool enforces it. */
  poolTimeoutMs: number | undefined;
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
 * With no stack: undici's fetch, loaded at the first request, with a pool per timeout value. With
 * a stack (`nodeHttp()`, or a custom fetch that may not understand undici's dispatcher): an
 * `AbortSignal` timeout per attempt.
 */
export function createTransport(stack: HttpStack | undefined): Transport {
  if (stack) {
    return {
      fetch: stack.fetch,
      attempt: signalAttempt,
      close: async () => {
        await stack.close?.();
      },
    };
  }
  let undici: Promise<typeof import('undici')> | undefined;
  const pools = new Map<number, Agent>();
  const poolTimeouts = new Set<number>();
  const poolFor = ({ Agent }: typeof import('undici'), ms: number) => {
    let pool = pools.get(ms);
    if (!pool) {
      pool = new Agent({
        headersTimeout: ms,
        bodyTimeout: ms,
        connect: { timeout: Math.min(ms, 30_000) },
      });
      pools.set(ms, pool);
    }
    return pool;
  };
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    // undici (and its WebAssembly HTTP parser) loads when the first request goes out.
    undici ??= import('undici');
    const u = await undici;
    const options = init as { poolTimeoutMs?: number; dispatcher?: Agent } | undefined;
    // The options object is the client's own, made for this attempt.
    if (options?.poolTimeoutMs) options.dispatcher = poolFor(u, options.poolTimeoutMs);
    return u.fetch(input as string, options as Parameters<typeof u.fetch>[1]);
  };
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    attempt(timeoutMs, callerSignal) {
      const pooled =
        timeoutMs >= POOL_TIMEOUT_MIN_MS &&
        (poolTimeouts.has(timeoutMs) || poolTimeouts.size < MAX_POOLS);
      if (!pooled) return signalAttempt(timeoutMs, callerSignal);
      poolTimeouts.add(timeoutMs);
      return { signal: callerSignal, poolTimeoutMs: timeoutMs, timedOut: isPoolTimeout };
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      pools.clear();
      poolTimeouts.clear();
    },
  };
}

function signalAttempt(timeoutMs: number, callerSignal: AbortSignal | undefined): Attempt {
  const timeout = AbortSignal.timeout(timeoutMs);
  return {
    signal: callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout,
    poolTimeoutMs: undefined,
    timedOut: () => timeout.aborted,
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
