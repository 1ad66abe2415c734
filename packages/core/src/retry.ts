import {
  type CloutilityError,
  ConnectionError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '@cloutapi/auth';

/** How failed requests are retried. Only requests that are safe to repeat are. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff step in ms (default 250); doubles each retry, with jitter. */
  baseDelayMs?: number;
  /** Cap of one backoff in ms (default 8 000). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this (default 60 000 ms) is not waited for: the error is thrown. */
  maxRetryAfterMs?: number;
}

export type ResolvedRetry = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetry = {
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Methods that may be repeated without changing the outcome (RFC 9110). */
export const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Whether the failure is transient: a lost connection, a timeout, 408, 429 or a retryable 5xx. */
export function isTransient(error: unknown): error is CloutilityError {
  if (error instanceof ConnectionError) return true;
  if (error instanceof TimeoutError) return true;
  if (error instanceof RateLimitError || error instanceof ServerError) {
    return error.status !== undefined && RETRYABLE_STATUS.has(error.status);
  }
  return false;
}

/** Whether the failure leaves it unknown if the server applied the request. */
export function isAmbiguous(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    error instanceof ServerError
  );
}

/**
 * The wait before retry number `retry` (0-based): `Retry-After` when the server sent one,
 * otherwise exponential backoff with "equal jitter" (half fixed, half random), so clients that
 * failed together do not retry together.
 */
export function backoffDelay(
  retry: number,
  policy: ResolvedRetry,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
