import { CloutilityError } from './base.js';
import type { ValidationIssue } from './status.js';

/**
 * A response did not match the operation's schema while `responseValidation` is `'strict'`.
 * The request succeeded on the server; only its answer was unexpected.
 */
export class ResponseValidationError extends CloutilityError<{ issues: ValidationIssue[] }> {
  static override readonly kind: string = 'ResponseValidationError';
  declare readonly issues: readonly ValidationIssue[];
}

/**
 * The server answered, but not with the API's JSON: an HTML page, plain text or a value of another
 * shape altogether (say, a web server or a login page at the configured URL). Thrown whenever
 * responses are checked (`lenient` and `strict`); the message says what came, never the body.
 */
export class NotApiResponseError extends ResponseValidationError {
  static override readonly kind: string = 'NotApiResponseError';
}
