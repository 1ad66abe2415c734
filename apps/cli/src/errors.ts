import { TOKEN_PATH } from '@cloutapi/auth';
import {
  AuthenticationError,
  CloutilityError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  EnrollmentError,
  NotApiResponseError,
  NotFoundError,
  PermissionError,
  ResponseTooLargeError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from '@cloutapi/resources/errors';
import { EXIT, type ExitCode } from './exit-codes.js';
import { colorsFor } from './output/colors.js';
import { visible } from './output/sanitize.js';

/** The `code` of a usage error: its message is in the command line's words already. */
const USAGE = 'Usage';

/**
 * A mistake on the command line, found before anything was sent (a missing or malformed flag, an
 * unreadable file, an unknown unit name): core's `ValidationError` without a status, so exit 2.
 * `issues` name the flag (or CSV column) the message starts with (`--port: expected ...`), unless
 * given.
 */
export function usageError(
  message: string,
  hint?: string,
  issues: readonly ValidationIssue[] = issuesOf(message),
): ValidationError {
  return new ValidationError({ message, hint, code: USAGE, issues });
}

function issuesOf(message: string): ValidationIssue[] {
  const flag = /^([\w-]+): ([\s\S]+)$/.exec(message);
  return flag ? [{ path: flag[1] as string, message: flag[2] as string }] : [];
}

/** Ctrl-C's error: the standard `AbortError`, which an aborted request throws too (exit 130). */
export function interrupted(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The exit code for an error, by its kind (see {@link EXIT}). */
export function exitCodeFor(error: unknown): ExitCode {
  if (isAbort(error)) return EXIT.interrupted;
  // A ConfigurationError is a ValidationError too.
  if (isCommanderError(error) || error instanceof ValidationError) return EXIT.usage;
  if (error instanceof AuthenticationError || error instanceof PermissionError) return EXIT.auth;
  if (error instanceof NotFoundError) return EXIT.notFound;
  if (error instanceof ConflictError) return EXIT.conflict;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return EXIT.unreachable;
  // An enrollment that stopped with the machine's consumption unit in place is partly done: the
  // same command run again finishes it.
  if (error instanceof EnrollmentError && error.consumerId !== undefined) return EXIT.partial;
  if (!(error instanceof CloutilityError)) return EXIT.error;
  // An error that wraps another (an enrollment that stopped, a run stopped by Ctrl-C) exits as its
  // cause would.
  if (error.cause instanceof CloutilityError || isAbort(error.cause))
    return exitCodeFor(error.cause);
  if (error.status === 401 || error.status === 403) return EXIT.auth;
  if (error.status === 404) return EXIT.notFound;
  if (error.status === 409) return EXIT.conflict;
  return EXIT.error;
}

/**
 * What went wrong and what to do, in one or two lines for stderr. The messages of cloutapi's
 * errors are already redacted; this adds the error's hint, or else a next step by its kind.
 */
export function explain(error: unknown): string[] {
  // The SDK's hint names its option; the CLI's user has a flag.
  if (error instanceof ResponseTooLargeError) return withHint(error.message, tooLargeHint(error));
  if (error instanceof CloutilityError && (error.hint || error.code === USAGE))
    return withHint(error.message, error.hint);
  if (error instanceof NotApiResponseError) {
    return withHint(
      error.message,
      "Is CLOUTAPI_URL (or --url, or the config file's url) the API's base URL? `cloutapi config check` shows which URL is used.",
    );
  }
  if (error instanceof ConfigurationError) {
    return withHint(
      error.message,
      '`cloutapi config check` shows each setting and where it came from.',
    );
  }
  if (error instanceof ValidationError) {
    const detail = error.issues?.length
      ? error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')
      : error.message;
    return withHint(
      error.status ? error.message : `invalid input: ${detail}`,
      'Nothing was changed; fix the input and run it again.',
    );
  }
  if (error instanceof AuthenticationError && error.reason === 'not_the_api') {
    return withHint(error.message, '`cloutapi config check` shows which URL is used.');
  }
  if (error instanceof AuthenticationError) {
    return withHint(
      error.message,
      'Check the username and password (CLOUTAPI_USERNAME, CLOUTAPI_PASSWORD or the config file) and that the client id and origin belong together; `cloutapi config check` shows where each came from.',
    );
  }
  if (error instanceof PermissionError) {
    return withHint(error.message, 'Signed in, but this user may not do that here.');
  }
  if (error instanceof NotFoundError) {
    return withHint(
      error.message,
      'Check the ids: `cloutapi bunits tree` and `cloutapi consumers list --bunit ID` list them.',
    );
  }
  if (error instanceof ConnectionError || error instanceof TimeoutError) {
    return withHint(
      error.message,
      'The server may be down, or the URL wrong: `cloutapi config check` shows which URL is used.',
    );
  }
  if (error instanceof Error) return [error.message];
  return [String(error)];
}

function tooLargeHint(error: ResponseTooLargeError): string {
  // A sign-in has a limit of its own, which no setting raises: an answer that large is not a token.
  if (error.path === TOKEN_PATH)
    return "A sign-in answer is a few hundred bytes: is CLOUTAPI_URL (or --url, or the config file's url) the API's base URL?";
  return 'If this answer is expected, run it again with --max-response-bytes N (or CLOUTAPI_MAX_RESPONSE_BYTES) above the limit.';
}

function withHint(message: string, hint: string | undefined): string[] {
  return hint ? [message, hint] : [message];
}

/** Commander's own parse errors (unknown option, missing argument) are usage errors. */
function isCommanderError(error: unknown): boolean {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as unknown as { code: string }).code.startsWith('commander.')
  );
}

/**
 * Writes an error to stderr: what went wrong, then what to do (and the stack with --debug). A
 * message may quote the server, so control characters are made visible; a stack keeps its lines.
 */
export function report(error: unknown, debug: boolean, color: boolean): void {
  const c = colorsFor(process.stderr, process.env, color);
  const [what = 'failed', ...hints] = explain(error).map(visible);
  process.stderr.write(`${c.red('error:')} ${what}\n`);
  for (const hint of hints) process.stderr.write(`${c.dim(hint)}\n`);
  if (debug && error instanceof Error && error.stack) {
    const stack = error.stack.split('\n').map(visible).join('\n');
    process.stderr.write(`${c.dim(stack)}\n`);
  }
}
