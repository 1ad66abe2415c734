import {
  AuthenticationError,
  type AuthenticationFailureReason,
  CloutilityError,
  ConnectionError,
  RateLimitError,
  RedirectError,
  ServerError,
  TimeoutError,
} from './errors.js';
import { discardBody, readBody } from './read-body.js';
import { registerSecret } from './redact.js';

/** The token endpoint's answer (A1/A2). */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string | undefined;
  expiresInSeconds: number;
}

/** A1 password grant or A2 refresh grant, as form fields. */
export type Grant =
  | { kind: 'password'; username: string; password: string }
  | { kind: 'refresh'; refreshToken: string; bearer?: string | undefined };

/** What a token request needs besides the grant. */
export interface TokenRequestContext {
  tokenUrl: string;
  clientId: string;
  origin: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  userAgent?: string | undefined;
  signal?: AbortSignal | undefined;
}

export const TOKEN_PATH = '/v1/oauth';

/** A token answer is a few hundred bytes; anything past this is not one. */
const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

/**
 * Sends one grant to `POST /v1/oauth`: form-encoded body, `Origin` header (and, for a refresh,
 * the current bearer, as the guide's example does). Never retried here: the caller decides.
 * Never redirected either: the form carries the password or a refresh token, so a 3xx is a
 * {@link RedirectError} and nothing goes to its `Location`.
 */
export async function requestToken(ctx: TokenRequestContext, grant: Grant): Promise<TokenResponse> {
  const form = new URLSearchParams({ client_id: ctx.clientId });
  const headers: Record<string, string> = {
    Origin: ctx.origin,
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (ctx.userAgent) headers['User-Agent'] = ctx.userAgent;
  if (grant.kind === 'password') {
    form.set('grant_type', 'password');
    form.set('username', grant.username);
    form.set('password', grant.password);
  } else {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', grant.refreshToken);
    if (grant.bearer) headers.Authorization = `Bearer ${grant.bearer}`;
  }

  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await ctx.fetch(ctx.tokenUrl, {
      method: 'POST',
      headers,
      body: form,
      signal,
      redirect: 'manual',
    });
    if (isRedirect(response)) throw redirectRefused(response, ctx);
    const bytes = await readBody(response, {
      maxBytes: MAX_TOKEN_RESPONSE_BYTES,
      method: 'POST',
      path: TOKEN_PATH,
    });
    text = new TextDecoder().decode(bytes);
  } catch (error) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    if (error instanceof CloutilityError) throw error;
    throw transportError(error, timeout.aborted, ctx.timeoutMs);
  }

  const body = parseJson(text);
  if (response.ok) return readTokenResponse(body, response.status);
  throw tokenFailure(response, body, grant, ctx);
}

/** Whether a response is a redirect (`opaqueredirect` is how a browser's fetch shows one). */
export function isRedirect(response: Response): boolean {
  return (response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect';
}

function redirectRefused(response: Response, ctx: TokenRequestContext): RedirectError {
  const location = response.headers.get('location') ?? undefined;
  void discardBody(response);
  const where =
    location === undefined ? 'elsewhere' : `to ${JSON.stringify(location.slice(0, 300))}`;
  return new RedirectError({
    message: `POST ${TOKEN_PATH} was answered ${response.status || 'with a redirect'} ${where}; sign-in requests are never redirected, so nothing was sent there. Is ${JSON.stringify(ctx.tokenUrl.slice(0, -TOKEN_PATH.length))} the API's base URL (CLOUTAPI_URL / url)? If the new address is the API and you trust it, use it instead.`,
    status: response.status || undefined,
    method: 'POST',
    path: TOKEN_PATH,
    location,
  });
}

function readTokenResponse(body: unknown, status: number): TokenResponse {
  const b = (body ?? {}) as Record<string, unknown>;
  const accessToken = b.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new AuthenticationError({
      message: `The token endpoint answered ${status} without an access_token; is the base URL the Cloutility API?`,
      status,
      method: 'POST',
      path: TOKEN_PATH,
      reason: 'unknown',
    });
  }
  registerSecret(accessToken);
  const refreshToken = typeof b.refresh_token === 'string' ? b.refresh_token : undefined;
  registerSecret(refreshToken);
  const expires = Number(b.expires_in);
  return {
    accessToken,
    refreshToken,
    // The API documents 299 s; an answer without a usable lifetime is treated as that.
    expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 299,
  };
}

/** Turns a refused token request into an error that says what was wrong and what to do. */
function tokenFailure(
  response: Response,
  body: unknown,
  grant: Grant,
  ctx: TokenRequestContext,
): CloutilityError {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const code = str(b.error) ?? str(b.code);
  const description = str(b.error_description) ?? str(b.message) ?? str(b.developerMessage);
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const base = { status, code, developerMessage: description, method: 'POST', path: TOKEN_PATH };

  if (status === 429) {
    return new RateLimitError({
      ...base,
      retryAfterMs,
      message: `The token endpoint is rate limiting (429)${retryAfterMs ? `; retry after ${Math.ceil(retryAfterMs / 1000)} s` : ''}.`,
    });
  }
  if (status >= 500) {
    return new ServerError({
      ...base,
      retryAfterMs,
      message: `The token endpoint failed with ${status}${description ? `: ${description}` : ''}. Try again later.`,
    });
  }
  const reason = status === 404 ? 'not_the_api' : classify(status, code, description, grant);
  return new AuthenticationError({
    ...base,
    reason,
    message: explain(reason, ctx, grant, description),
  });
}

function classify(
  status: number,
  code: string | undefined,
  description: string | undefined,
  grant: Grant,
): AuthenticationFailureReason {
  const refresh = grant.kind === 'refresh';
  // The OAuth error code says it precisely when there is one.
  switch ((code ?? '').toLowerCase()) {
    case 'invalid_origin':
      return 'origin_not_allowed';
    case 'invalid_client':
      return 'unknown_client';
    case 'unsupported_grant_type':
      return 'unsupported_grant_type';
    case 'unauthorized_client':
      return refresh ? 'refresh_not_allowed' : 'unknown_client';
    case 'invalid_grant':
      return refresh ? 'refresh_token_invalid' : 'bad_credentials';
  }
  // Otherwise read the server's words, then the status.
  const text = `${code ?? ''} ${description ?? ''}`.toLowerCase();
  if (text.includes('origin')) return 'origin_not_allowed';
  if (refresh) {
    return text.includes('refresh') && /not allowed|disabled|not enabled/.test(text)
      ? 'refresh_not_allowed'
      : 'refresh_token_invalid';
  }
  if (/client.?id|unknown client/.test(text)) return 'unknown_client';
  if (status === 403) return 'origin_not_allowed';
  if (status === 400 || status === 401) return 'bad_credentials';
  return 'unknown';
}

function explain(
  reason: AuthenticationFailureReason,
  ctx: TokenRequestContext,
  grant: Grant,
  description: string | undefined,
): string {
  const server = description ? ` The server said: "${description}"` : '';
  switch (reason) {
    case 'origin_not_allowed':
      return `Sign-in refused: the Origin "${ctx.origin}" is not the one registered for client id "${ctx.clientId}". Use the origin shown under Settings -> API access in the portal.${server}`;
    case 'unknown_client':
      return `Sign-in refused: the portal does not know client id "${ctx.clientId}". Create one under Settings -> API access.${server}`;
    case 'bad_credentials':
      return `Sign-in refused: wrong username or password for user "${grant.kind === 'password' ? grant.username : '?'}".${server}`;
    case 'refresh_not_allowed':
      return `Token refresh is not allowed for client id "${ctx.clientId}" (enable "allow token refreshing" in the portal).${server}`;
    case 'refresh_token_invalid':
      return `The refresh token was refused.${server}`;
    case 'unsupported_grant_type':
      return `The token endpoint does not support this grant type.${server}`;
    case 'not_the_api':
      return `POST ${TOKEN_PATH} answered 404: ${JSON.stringify(ctx.tokenUrl.slice(0, -TOKEN_PATH.length))} is not the Cloutility API. Check the API URL (CLOUTAPI_URL / url): it is the API's base URL, e.g. https://portal-api.example.net, not the portal's web address.`;
    default:
      return `Sign-in failed.${server}`;
  }
}

/** A network-level failure as a typed error, without the request (which carries secrets). */
export function transportError(
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
  details: { method?: string; path?: string; mayHaveBeenApplied?: boolean } = {},
): CloutilityError {
  const method = details.method ?? 'POST';
  const path = details.path ?? TOKEN_PATH;
  if (timedOut || (error as { name?: string })?.name === 'TimeoutError') {
    return new TimeoutError({
      message: `${method} ${path} timed out after ${timeoutMs} ms${details.mayHaveBeenApplied ? '; the write may have been applied, check before repeating it' : ''}.`,
      method,
      path,
      mayHaveBeenApplied: details.mayHaveBeenApplied,
    });
  }
  // fetch wraps the reason (ECONNREFUSED...) in `cause`, and a wrapper such as ofetch wraps again.
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
  const cause = code ? { code } : undefined;
  const why = code ?? text ?? String(error);
  return new ConnectionError({
    message: `${method} ${path} failed: no response (${why})${details.mayHaveBeenApplied ? '; the write may have been applied, check before repeating it' : ''}.`,
    method,
    path,
    mayHaveBeenApplied: details.mayHaveBeenApplied,
    cause,
  });
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 300) };
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
