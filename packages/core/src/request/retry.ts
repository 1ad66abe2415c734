import type { CloutilityError } from '../errors/base.js';
import {
  ConfigurationError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from '../errors/status.js';
import { ConnectionError, TimeoutError } from '../errors/transport.js';
import type { LogSink } from '../logger.js';
import { optionalNumber } from '../options.js';
import type { Budget } from './deadline.js';
import { markApplied, withNote } from './failures.js';
import type { Call } from './prepare.js';

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
function isTransient(error: unknown): error is CloutilityError {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  const byStatus = error instanceof RateLimitError || error instanceof ServerError;
  return byStatus && RETRYABLE_STATUS.has(error.status ?? 0);
}

/** Whether the failure leaves it unknown if the server applied the request. */
function isAmbiguous(error: unknown): boolean {
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
function backoffDelay(retry: number, policy: ResolvedRetry, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** The `retry` option checked: `false` is no retry, an object overrides the defaults. */
export function resolveRetry(value: RetryOptions | false | undefined): ResolvedRetry {
  if (value === false) return { ...DEFAULT_RETRY, retries: 0 };
  if (value !== undefined && (typeof value !== 'object' || value === null)) {
    throw new ConfigurationError(
      'retry',
      'expected an object ({ retries, baseDelayMs, maxDelayMs }) or false',
    );
  }
  const v = value ?? {};
  const field = (key: keyof RetryOptions, max?: number) =>
    optionalNumber(v[key], `retry.${key}`, DEFAULT_RETRY[key], max ? { max } : {});
  return {
    retries: field('retries', 10),
    baseDelayMs: field('baseDelayMs'),
    maxDelayMs: field('maxDelayMs'),
    maxRetryAfterMs: field('maxRetryAfterMs'),
  };
}

/**
 * Runs `attempt` until it succeeds, or until repeating it would be unsafe (a write that was
 * sent), useless (a failure that is not transient) or too late (the retries, the longest
 * `Retry-After` or the deadline are spent). A DELETE whose earlier attempt may have gone through
 * is done when a retry finds nothing.
 */
export async function withRetries<T>(
  call: Call,
  budget: Budget,
  log: LogSink | undefined,
  // `sent`: the attempt reached the point of sending (an auth hook may fail before it does).
  attempt: (progress: { sent: boolean }) => Promise<T>,
): Promise<T> {
  let ambiguousBefore = false;
  for (let n = 0; ; n++) {
    const progress = { sent: false };
    let error: CloutilityError;
    try {
      return await attempt(progress);
    } catch (caught) {
      budget.check(n + 1, progress.sent);
      error = caught as CloutilityError;
    }
    if (call.method === 'DELETE' && ambiguousBefore && error instanceof NotFoundError) {
      log?.(`${call.where}: 404 after an attempt that may have gone through; the delete is done`);
      return undefined as T;
    }
    const delay = delayBeforeRetry(call, budget, error, n, progress.sent);
    if (progress.sent && isAmbiguous(error)) ambiguousBefore = true;
    log?.(
      `${call.where} attempt ${n + 1} failed (${error.status ?? error.name}); retrying in ${Math.round(delay)} ms`,
    );
    await budget.wait(delay, n + 1);
  }
}

/** The wait before another attempt, or the error to throw when there is to be none. */
function delayBeforeRetry(
  call: Call,
  budget: Budget,
  error: CloutilityError,
  attempt: number,
  sent: boolean,
): number {
  // Repeat only what cannot do harm: idempotent requests, or any request that never left (the
  // failure was in getting a token).
  const safe = call.idempotent || !sent;
  const giveUp = (why?: string) => {
    const unknownWrite = sent && call.isWrite && !call.idempotent && isAmbiguous(error);
    const marked = unknownWrite && !error.mayHaveBeenApplied ? markApplied(error) : error;
    if (attempt === 0 && !why) return marked;
    return withNote(marked, `${why ?? 'gave up'} after ${budget.spent(attempt + 1)}`);
  };
  if (!isTransient(error) || !safe || attempt >= call.retry.retries) throw giveUp();
  const delay = backoffDelay(attempt, call.retry, error.retryAfterMs);
  if (delay > call.retry.maxRetryAfterMs) throw giveUp();
  if (budget.outlasts(delay)) {
    throw giveUp(`no time left for another attempt within the deadline of ${budget.deadlineMs} ms`);
  }
  return delay;
}
