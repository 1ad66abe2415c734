/**
 * What a failed request becomes: the typed error of an error response or of a network failure,
 * and the notes added to one (attempts made, time spent, a write that may have been applied).
 */
import type { CloutilityError, CloutilityErrorDetails } from '../errors/base.js';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '../errors/status.js';
import { ConnectionError, TimeoutError } from '../errors/transport.js';

/** What the request layer knows about a failed response (an error status, or a redirect it refused). */
export interface FailedResponse {
  status: number;
  headers: Headers;
  /** The decoded body; undefined for a refused redirect (its body is not read). */
  body: unknown;
  method: string;
  /** The path template. */
  path: string;
  /** The request is a write: a 5xx leaves it unknown whether it was applied. */
  isWrite: boolean;
}

/**
 * What an error body says, whatever its shape: the API's `{code, message, developerMessage}`,
 * OAuth's `{error, error_description}`, ASP.NET's `{Message}`, or text (its first 300 characters).
 */
export function readErrorBody(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = typeof body === 'string' ? str(body.trim().slice(0, 300)) : undefined;
  return {
    code: str(b.code) ?? str(b.error),
    message: str(b.message) ?? str(b.Message) ?? str(b.error_description) ?? text,
    developerMessage: str(b.developerMessage),
  };
}

/**
 * Maps an error response to the typed error a caller can `catch` precisely: 400/422 validation,
 * 401 authentication, 403 permission, 404 not found, 409 conflict, 408 timeout, 429 rate limit,
 * 5xx server. The message says what happened to which request.
 */
export function errorFromResponse(res: FailedResponse): CloutilityError {
  const { code, message: said, developerMessage } = readErrorBody(res.body);
  const { status, method, path } = res;
  const advice = ADVICE[status];
  const details = {
    message: `${method} ${path} failed with ${status}${code ? ` ${code}` : ''}${said ? `: ${said}` : ''}${advice ? `. ${advice}` : ''}`,
    status,
    code,
    developerMessage,
    method,
    path,
    retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
  };
  if (status === 401) return new AuthenticationError({ ...details, reason: 'token_rejected' });
  if (status >= 500) {
    const error = new ServerError(details);
    return res.isWrite ? markApplied(error) : error;
  }
  return new (BY_STATUS[status] ?? ValidationError)(details);
}

const BY_STATUS: Record<number, new (details: CloutilityErrorDetails) => CloutilityError> = {
  403: PermissionError,
  404: NotFoundError,
  408: TimeoutError,
  409: ConflictError,
  429: RateLimitError,
};

// What to check after a refusal.
const ADVICE: Record<number, string> = {
  401: 'The access token was refused; check that the user may use the API.',
  403: 'The user may not do this, or the Origin is not the one registered for the client id.',
};

/**
 * Marks the failure of a write as one that may have been applied, and says so in its message:
 * check before repeating it.
 */
export function markApplied(error: CloutilityError): CloutilityError {
  Object.assign(error, { mayHaveBeenApplied: true });
  const message = `${error.message.replace(/\.?$/, '.')} ${APPLIED}`;
  Object.defineProperty(error, 'message', { value: message });
  return error;
}

/** What the message of a write's ambiguous failure adds. */
export const APPLIED = 'The write may have been applied: check its result before repeating it.';

/**
 * Adds a note to an error's message in parentheses, before the final period: e.g. how many
 * attempts were made and how long they took, so the message states the time really spent.
 */
export function withNote(error: CloutilityError, note: string): CloutilityError {
  const message = error.message.replace(/\.?$/, '');
  Object.defineProperty(error, 'message', { value: `${message} (${note}).` });
  return error;
}

/** A network-level failure as a typed error, without the request (which carries secrets). */
export function transportError(
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
  where: { method: string; path: string },
): CloutilityError {
  const { method, path } = where;
  if (timedOut || (error as { name?: string })?.name === 'TimeoutError') {
    return new TimeoutError({
      message: `${method} ${path} timed out after ${timeoutMs} ms.`,
      method,
      path,
    });
  }
  // fetch wraps the reason (ECONNREFUSED...) in `cause`, and a wrapping fetch may wrap it again.
  let code: string | undefined;
  let text: string | undefined;
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && typeof e === 'object' && depth < 6;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string') code = e.code;
    if (typeof e.message === 'string' && e.message && e.message !== 'fetch failed')
      text = e.message;
  }
  return new ConnectionError({
    message: `${method} ${path} failed: no response (${code ?? text ?? String(error)}).`,
    method,
    path,
    cause: code ? { code } : undefined,
  });
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
