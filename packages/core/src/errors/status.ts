import { CloutilityError, type CloutilityErrorDetails } from './base.js';

/** Why authentication failed, as far as the server told us. */
export type AuthenticationFailureReason =
  | 'bad_credentials'
  | 'unknown_client'
  | 'origin_not_allowed'
  | 'refresh_not_allowed'
  | 'refresh_token_invalid'
  | 'unsupported_grant_type'
  | 'token_rejected'
  /** The token endpoint answered 404: the configured URL is not the Cloutility API. */
  | 'not_the_api'
  | 'unknown';

/**
 * Signing in failed, or the API refused the access token (401) even after a fresh one.
 * `reason` says what was wrong; the message says what to do.
 */
export class AuthenticationError extends CloutilityError<{ reason: AuthenticationFailureReason }> {
  static override readonly kind: string = 'AuthenticationError';
  declare readonly reason: AuthenticationFailureReason;
}

/** 403: the user may not do this (or the Origin is not the one registered for the client id). */
export class PermissionError extends CloutilityError {
  static override readonly kind: string = 'PermissionError';
}

/** 404: the object (or route) does not exist, or is not visible to this user. */
export class NotFoundError extends CloutilityError {
  static override readonly kind: string = 'NotFoundError';
}

/** 409: the request conflicts with the current state (e.g. a node already activated). */
export class ConflictError extends CloutilityError {
  static override readonly kind: string = 'ConflictError';
}

/** One problem with an input: where it is and what was expected. */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `body.name` or `options.origin`. */
  path: string;
  /** What was wrong and what is expected. */
  message: string;
}

/**
 * 400/422 from the server, or input rejected before anything was sent (`status` undefined). `issues`
 * lists every bad field.
 */
export class ValidationError extends CloutilityError<{ issues?: readonly ValidationIssue[] }> {
  static override readonly kind: string = 'ValidationError';
  declare readonly issues: readonly ValidationIssue[];

  constructor(details: CloutilityErrorDetails & { issues?: readonly ValidationIssue[] }) {
    super({ ...details, issues: details.issues ?? [] });
  }

  override toJSON(): Record<string, unknown> {
    const json = super.toJSON();
    if (!this.issues.length) delete json.issues;
    return json;
  }
}

/**
 * A client was constructed with a missing or malformed option. Thrown at construction; nothing is
 * sent. `option` names the option.
 */
export class ConfigurationError extends ValidationError {
  static override readonly kind: string = 'ConfigurationError';
  readonly option: string;

  constructor(option: string, expected: string) {
    super({
      message: `Invalid option "${option}": ${expected}`,
      issues: [{ path: option, message: expected }],
    });
    this.option = option;
  }
}

/** 429: too many requests. `retryAfterMs` says how long the server asked to wait. */
export class RateLimitError extends CloutilityError {
  static override readonly kind: string = 'RateLimitError';
}

/** 5xx: the server failed. */
export class ServerError extends CloutilityError {
  static override readonly kind: string = 'ServerError';
}
