import type { CloutilityError } from '../errors/base.js';
import { buildUrl, fillPath, type Query } from '../url.js';
import { encodeBody } from './body.js';
import type { FailedResponse } from './failures.js';
import {
  IDEMPOTENT_METHODS,
  type ResolvedRetry,
  type RetryOptions,
  resolveRetry,
} from './retry.js';
import { childTraceparent, parseTraceparent, type Trace } from './trace.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request, as every operation (and a token request) describes it. */
export interface RequestOptions {
  method: HttpMethod;
  /** The path template, starting with `/v1/`, e.g. `/v1/bunits/{bunitId}/consumers`. */
  path: string;
  pathParams?: Record<string, string | number> | undefined;
  query?: Query | undefined;
  /** A JSON-serialisable body, or raw bytes, a Blob, form fields (then set `contentType`). */
  body?: unknown;
  contentType?: string | undefined;
  /** Headers of this request only, e.g. the current bearer of a refresh grant. */
  headers?: Record<string, string> | undefined;
  /**
   * The caller's W3C `traceparent`: the request continues that trace (same trace id, a new
   * parent id) and debug lines name the trace. An invalid value is ignored.
   */
  traceparent?: string | undefined;
  /**
   * Whether repeating the request is harmless. Defaults by method (GET, HEAD, PUT, DELETE are).
   * Set false for a GET with side effects (node activation), so it is never retried blindly.
   */
  idempotent?: boolean | undefined;
  /** Retry policy of this request (default: the layer's), or `false` for none. */
  retry?: RetryOptions | false | undefined;
  /**
   * `'same-origin'` (default): a redirect within the API's origin is followed, with the same
   * method and body, at most 5 times. `'refuse'`: none is; for a request carrying credentials.
   */
  redirect?: 'same-origin' | 'refuse' | undefined;
  /** Per-attempt timeout for this request (default: the layer's). */
  timeoutMs?: number | undefined;
  /** Total time for this request, all attempts included (default: the layer's `deadlineMs`). */
  deadlineMs?: number | undefined;
  /** The largest response body read for this request (default: the layer's). */
  maxResponseBytes?: number | undefined;
  /**
   * The answer must be the API's JSON: a 2xx body that is not (bytes, text that does not parse,
   * malformed JSON) is a `NotApiResponseError` naming its type and size. Without it, such a body
   * is returned as text or a `Blob`.
   */
  expectJson?: boolean | undefined;
  /**
   * Builds the error of a failed response (an error status or a refused redirect) in place of
   * core's own, which it receives: e.g. auth's reasons why a sign-in was refused.
   */
  failure?: ((response: FailedResponse, error: CloutilityError) => CloutilityError) | undefined;
  /** Cancels the request, its retries and its wait for a token. */
  signal?: AbortSignal | undefined;
}

/** What a request falls back to for what it does not say itself. */
export interface CallDefaults {
  timeoutMs: number;
  deadlineMs: number;
  retry: ResolvedRetry;
  maxResponseBytes: number;
}

/** A request ready to send: its options checked and merged with the layer's defaults. */
export interface Call
  extends CallDefaults,
    Pick<RequestOptions, 'method' | 'path' | 'failure' | 'expectJson'> {
  /** `METHOD /path/template`, for messages. */
  where: string;
  /** The trace this request continues (see `traceparent`). */
  trace: Trace | undefined;
  /** The filled path and query. */
  url: string;
  body: RequestInit['body'] | undefined;
  headers: Record<string, string>;
  idempotent: boolean;
  /** A failure may leave it applied: anything but a GET or HEAD, or a GET declared otherwise. */
  isWrite: boolean;
  redirect: 'same-origin' | 'refuse';
  signal: AbortSignal | undefined;
}

/**
 * Fills the path and query, encodes the body and merges the defaults.
 *
 * @throws ValidationError naming every missing path parameter; nothing is sent.
 */
export function prepare(req: RequestOptions, defaults: CallDefaults): Call {
  const method = req.method.toUpperCase() as HttpMethod;
  const encoded = req.body === undefined ? undefined : encodeBody(req.body);
  const contentType = req.contentType ?? encoded?.contentType;
  const trace = parseTraceparent(req.traceparent);
  return {
    method,
    path: req.path,
    where: `${method} ${req.path}`,
    trace,
    url: buildUrl('', fillPath(method, req.path, req.pathParams), req.query),
    body: encoded?.body,
    headers: {
      ...req.headers,
      ...(contentType ? { 'Content-Type': contentType } : {}),
      ...(trace ? { traceparent: childTraceparent(trace) } : {}),
    },
    idempotent: req.idempotent ?? IDEMPOTENT_METHODS.has(method),
    isWrite: !(method === 'GET' || method === 'HEAD') || req.idempotent === false,
    redirect: req.redirect ?? 'same-origin',
    failure: req.failure,
    expectJson: req.expectJson,
    signal: req.signal,
    timeoutMs: req.timeoutMs ?? defaults.timeoutMs,
    deadlineMs: req.deadlineMs ?? defaults.deadlineMs,
    retry: req.retry === undefined ? defaults.retry : resolveRetry(req.retry),
    maxResponseBytes: req.maxResponseBytes ?? defaults.maxResponseBytes,
  };
}
