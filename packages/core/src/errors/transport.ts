import { CloutilityError } from './base.js';

/** No HTTP response: DNS, refused or reset connection, TLS failure. */
export class ConnectionError extends CloutilityError {
  static override readonly kind: string = 'ConnectionError';
}

/** An attempt took longer than its timeout. */
export class TimeoutError extends CloutilityError {
  static override readonly kind: string = 'TimeoutError';
}

/**
 * The server answered with a redirect that cloutapi does not follow: any redirect of a token
 * request (it carries the password or a refresh token), a redirect of an API call to another
 * origin (it carries the bearer token), or one that would turn a write into a GET. Nothing was
 * sent to `location`.
 */
export class RedirectError extends CloutilityError<{ location?: string | undefined }> {
  static override readonly kind: string = 'RedirectError';
  /** Where the server wanted the request to go (as the server wrote it), if it said. */
  declare readonly location: string | undefined;
}

/**
 * A response body was larger than the client's limit (`maxResponseBytes`); reading stopped there,
 * so a hostile or broken server cannot exhaust memory. Its `hint` names the SDK's option; an app
 * says how its own user raises the limit.
 */
export class ResponseTooLargeError extends CloutilityError<{ limitBytes: number }> {
  static override readonly kind: string = 'ResponseTooLargeError';
  /** The limit that was exceeded, in bytes. */
  declare readonly limitBytes: number;
}
