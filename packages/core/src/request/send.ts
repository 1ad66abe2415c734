import { CloutilityError } from '../errors/base.js';
import { NotApiResponseError } from '../errors/response.js';
import type { LogSink } from '../logger.js';
import { decodeBody, decodeJson } from './body.js';
import { anySignal } from './deadline.js';
import { errorFromResponse, transportError } from './failures.js';
import type { Call } from './prepare.js';
import { readBody } from './read-body.js';
import { isRedirect, redirectTarget } from './redirect.js';

/** What every attempt of one request layer shares. */
export interface Transport {
  /** The fetch every attempt goes through (the runtime's, or the one the options gave). */
  fetch: typeof globalThis.fetch;
  /** What every request carries: `Origin`, `Accept`, `User-Agent`; a call's own replace them. */
  headers: Readonly<Record<string, string>>;
  /** The normalised base URL. */
  baseUrl: string;
  /** The API's origin: the only one a redirect may lead to. */
  apiOrigin: string;
  log: LogSink | undefined;
}

/**
 * One attempt: sends the call with `authorization` (when an auth hook gave one), follows the
 * redirects its policy allows, reads the body within the limit, decodes it, and resolves with it
 * or throws the typed error of the failure. `signal` is the request's (caller and deadline); the
 * attempt adds its own timeout.
 */
export async function send<T>(
  transport: Transport,
  call: Call,
  authorization: string | undefined,
  signal: AbortSignal | undefined,
): Promise<T> {
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const headers = authorization ? { ...call.headers, Authorization: authorization } : call.headers;
  const startedAt = transport.log ? Date.now() : 0;
  let response: Response;
  let bytes: Uint8Array;
  try {
    response = await fetchFollowing(transport, call, headers, anySignal(signal, timeout));
    bytes = await readBody(response, {
      maxBytes: call.maxResponseBytes,
      method: call.method,
      path: call.path,
      mayHaveBeenApplied: call.isWrite && response.ok,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof CloutilityError) throw error;
    throw transportError(error, timeout.aborted, call.timeoutMs, call);
  }
  const traced = call.trace ? `, trace ${call.trace.traceId}` : '';
  transport.log?.(`<- ${response.status} ${call.where} (${Date.now() - startedAt} ms${traced})`);
  if (response.ok && call.expectJson) return apiJson(call, response, bytes) as T;
  const body = decodeBody(response, bytes, call.method);
  if (response.ok) return body as T;
  throw failed(call, response, body);
}

/** A 2xx body that must be JSON, parsed. @throws NotApiResponseError naming what came instead. */
function apiJson(call: Call, response: Response, bytes: Uint8Array): unknown {
  const decoded = decodeJson(response, bytes, call.method);
  if ('json' in decoded) return decoded.json;
  throw new NotApiResponseError({
    message: `${call.where}: the server did not answer with the API's JSON: it sent ${decoded.notJson}`,
    status: response.status,
    method: call.method,
    path: call.path,
    issues: [],
    // Whatever answered a write with 2xx may have done it.
    mayHaveBeenApplied: call.isWrite,
  });
}

/** Sends the call, and again wherever the redirect policy allows it to follow the server. */
async function fetchFollowing(
  transport: Transport,
  call: Call,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<Response> {
  let url = call.url;
  for (let hops = 0; ; hops++) {
    transport.log?.(`-> ${call.where}${call.trace ? ` (trace ${call.trace.traceId})` : ''}`);
    // A call's path (`/v1/...`) goes after the base URL, which may have a path of its own.
    const absolute = url.startsWith('/') ? transport.baseUrl + url : url;
    const response = await transport.fetch(absolute, {
      method: call.method,
      headers: withDefaults(transport.headers, headers),
      body: call.body,
      signal,
      redirect: 'manual',
    });
    if (!isRedirect(response)) return response;
    try {
      url = redirectTarget(call, response, response.url || absolute, transport.apiOrigin, hops);
    } catch (error) {
      throw failed(call, response, undefined, error as CloutilityError);
    }
    transport.log?.(
      `<- ${response.status} ${call.where}: following the redirect within the API's origin`,
    );
  }
}

/**
 * The error of a failed response (an error status, or a redirect refused with `refused`): core's,
 * or the one the request's `failure` hook builds from it.
 */
function failed(call: Call, response: Response, body: unknown, refused?: CloutilityError) {
  const { method, path, isWrite } = call;
  const res = { status: response.status, headers: response.headers, body, method, path, isWrite };
  const error = refused ?? errorFromResponse(res);
  return call.failure ? call.failure(res, error) : error;
}

/** The layer's headers, with the call's in place of any of the same name (in any letter case). */
function withDefaults(
  defaults: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  const names = new Set(Object.keys(own).map((name) => name.toLowerCase()));
  const kept = Object.entries(defaults).filter(([name]) => !names.has(name.toLowerCase()));
  return { ...Object.fromEntries(kept), ...own };
}
