import { redact, redactValue } from './redact.js';

/**
 * The cloutapi error hierarchy. It lives at the bottom of the dependency chain (auth) so that every
 * layer, auth, core and resources, throws the same classes; `@cloutapi/core` re-exports them.
 *
 * `instanceof` is brand-based: each error carries the list of class kinds it belongs to under a
 * global symbol, so `err instanceof AuthenticationError` holds even when two copies of the package
 * are installed (a common npm situation).
 */

const KINDS = Symbol.for('@cloutapi/error-kinds');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Everything an error can say about what went wrong. Text fields are redacted on construction. */
export interface CloutilityErrorDetails {
  /** The human message. */
  message: string;
  /** HTTP status, when a response was received. */
  status?: number | undefined;
  /** The API's error code (`code` of the error body, or OAuth's `error`). */
  code?: string | undefined;
  /** The API's `developerMessage` (or OAuth's `error_description`). */
  developerMessage?: string | undefined;
  /** The request's HTTP method. */
  method?: string | undefined;
  /** The request's path *template* (`/v1/bunits/{bunitId}`), never a URL with a query. */
  path?: string | undefined;
  /**
   * Whether the server may have applied the request although it failed. True only for writes that
   * failed ambiguously (connection lost, timeout or 5xx after the request was sent).
   */
  mayHaveBeenApplied?: boolean | undefined;
  /** How long the server asked us to wait (from `Retry-After`), in milliseconds. */
  retryAfterMs?: number | undefined;
  /** The underlying cause. Only safe values (never a request object carrying headers). */
  cause?: unknown;
}

/** The base of every error cloutapi throws. Catch it to catch them all. */
export class CloutilityError extends Error {
  /** The class's kind; subclasses override it. Used for cross-package `instanceof`. */
  static readonly kind: string = 'CloutilityError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!value || typeof value !== 'object') return false;
    const kinds = (value as { [KINDS]?: readonly string[] })[KINDS];
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass being tested against.
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly developerMessage: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly mayHaveBeenApplied: boolean;
  readonly retryAfterMs: number | undefined;
  declare readonly [KINDS]: readonly string[];

  constructor(details: CloutilityErrorDetails) {
    super(
      redact(details.message),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code === undefined ? undefined : redact(details.code);
    this.developerMessage =
      details.developerMessage === undefined ? undefined : redact(details.developerMessage);
    this.method = details.method;
    this.path = details.path;
    this.mayHaveBeenApplied = details.mayHaveBeenApplied ?? false;
    this.retryAfterMs = details.retryAfterMs;
    Object.defineProperty(this, KINDS, { value: kindsOf(new.target), enumerable: false });
    if (this.stack) this.stack = redact(this.stack);
  }

  /** A plain, redacted summary: what `JSON.stringify(err)` prints. */
  toJSON(): Record<string, unknown> {
    return redactValue(
      Object.fromEntries(
        Object.entries({
          name: this.name,
          message: this.message,
          status: this.status,
          code: this.code,
          developerMessage: this.developerMessage,
          method: this.method,
          path: this.path,
          mayHaveBeenApplied: this.mayHaveBeenApplied,
          retryAfterMs: this.retryAfterMs,
          ...this.extraJSON(),
        }).filter(([, v]) => v !== undefined),
      ),
    );
  }

  /** Subclasses add their own fields to the JSON form here. */
  protected extraJSON(): Record<string, unknown> {
    return {};
  }

  /** What `util.inspect` (and so `console.error`) shows: the stack plus the safe fields. */
  [INSPECT](): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${JSON.stringify(fields)}`;
  }
}

function kindsOf(ctor: unknown): string[] {
  const kinds: string[] = [];
  let current: unknown = ctor;
  while (typeof current === 'function') {
    const kind = Object.hasOwn(current, 'kind') ? (current as { kind?: unknown }).kind : undefined;
    if (typeof kind === 'string') kinds.push(kind);
    current = Object.getPrototypeOf(current);
  }
  return kinds;
}

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
export class AuthenticationError extends CloutilityError {
  static override readonly kind: string = 'AuthenticationError';
  readonly reason: AuthenticationFailureReason;

  constructor(details: CloutilityErrorDetails & { reason: AuthenticationFailureReason }) {
    super(details);
    this.reason = details.reason;
  }

  protected override extraJSON(): Record<string, unknown> {
    return { reason: this.reason };
  }
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
export class ValidationError extends CloutilityError {
  static override readonly kind: string = 'ValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(details: CloutilityErrorDetails & { issues?: readonly ValidationIssue[] }) {
    super(details);
    this.issues = (details.issues ?? []).map((i) => ({
      path: i.path,
      message: redact(i.message),
    }));
  }

  protected override extraJSON(): Record<string, unknown> {
    return this.issues.length ? { issues: this.issues } : {};
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

  protected override extraJSON(): Record<string, unknown> {
    return { ...super.extraJSON(), option: this.option };
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
export class RedirectError extends CloutilityError {
  static override readonly kind: string = 'RedirectError';
  /** Where the server wanted the request to go (as the server wrote it), if it said. */
  readonly location: string | undefined;

  constructor(details: CloutilityErrorDetails & { location?: string | undefined }) {
    super(details);
    this.location = details.location === undefined ? undefined : redact(details.location);
  }

  protected override extraJSON(): Record<string, unknown> {
    return { location: this.location };
  }
}

/**
 * A response body was larger than the client's limit (`maxResponseBytes`); reading stopped there,
 * so a hostile or broken server cannot exhaust memory.
 */
export class ResponseTooLargeError extends CloutilityError {
  static override readonly kind: string = 'ResponseTooLargeError';
  /** The limit that was exceeded, in bytes. */
  readonly limitBytes: number;

  constructor(details: CloutilityErrorDetails & { limitBytes: number }) {
    super(details);
    this.limitBytes = details.limitBytes;
  }

  protected override extraJSON(): Record<string, unknown> {
    return { limitBytes: this.limitBytes };
  }
}
