import { redact, redactValue } from '../redact.js';

/**
 * The root of the cloutapi error hierarchy. Every class lives in `@cloutapi/core` (this folder, one
 * file per family), at the bottom of the dependency chain, so that every layer throws the same
 * classes; `@cloutapi/resources/errors` re-exports them all, the documented place to import them.
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
  /** What to do next, in one line (redacted like the message), for a program to show apart. */
  hint?: string | undefined;
  /** The underlying cause. Only safe values (never a request object carrying headers). */
  cause?: unknown;
}

/**
 * The base of every error cloutapi throws. Catch it to catch them all. A subclass names its own
 * fields in `Extra`: they are taken from the details, redacted, and part of the JSON form.
 */
export class CloutilityError<Extra extends object = object> extends Error {
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
  readonly mayHaveBeenApplied: boolean = false;
  readonly retryAfterMs: number | undefined;
  readonly hint: string | undefined;
  declare readonly [KINDS]: readonly string[];

  constructor(details: CloutilityErrorDetails & Extra) {
    const { message, cause, ...fields } = details;
    super(redact(message), cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    // Every other field, a subclass's own too, redacted like the message.
    Object.assign(
      this,
      redactValue({ ...fields, mayHaveBeenApplied: fields.mayHaveBeenApplied ?? false }),
    );
    Object.defineProperty(this, KINDS, { value: kindsOf(new.target), enumerable: false });
    if (this.stack) this.stack = redact(this.stack);
  }

  /** A plain, redacted summary: what `JSON.stringify(err)` prints. */
  toJSON(): Record<string, unknown> {
    const json = Object.assign({ name: this.name, message: this.message }, this);
    return redactValue(Object.fromEntries(Object.entries(json).filter(([, v]) => v !== undefined)));
  }

  /** What `util.inspect` (and so `console.error`) shows: the stack plus the safe fields. */
  [INSPECT](): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${JSON.stringify(fields)}`;
  }
}

function kindsOf(ctor: unknown): string[] {
  const kinds: string[] = [];
  for (let c = ctor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const kind = (c as { kind?: unknown }).kind;
    if (Object.hasOwn(c, 'kind') && typeof kind === 'string') kinds.push(kind);
  }
  return kinds;
}
