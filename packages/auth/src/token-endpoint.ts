import {
  AuthenticationError,
  type AuthenticationFailureReason,
  type CloutilityError,
  type Connection,
  type FailedResponse,
  RateLimitError,
  RedirectError,
  type RequestFunction,
  readErrorBody,
  registerSecret,
  ServerError,
} from '@cloutapi/core';

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

/** Where token requests go, and through what: core's request layer. */
export interface TokenEndpoint extends Connection {
  request: RequestFunction;
}

export const TOKEN_PATH = '/v1/oauth';

/** A token answer is a few hundred bytes; anything past this is not one. */
const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

/**
 * Sends one grant to `POST /v1/oauth` through core's request layer (its timeout, body reading and
 * typed transport errors): form-encoded body, `Origin` header (and, for a refresh, the current
 * bearer, as the guide's example does). Never retried here: the strategy decides. Never
 * redirected either: the form carries the password or a refresh token, so a 3xx is a
 * {@link RedirectError} and nothing goes to its `Location`. `signal` aborts it (the connection
 * with it).
 */
export async function requestToken(
  endpoint: TokenEndpoint,
  grant: Grant,
  signal?: AbortSignal,
): Promise<TokenResponse> {
  const { clientId: client_id } = endpoint;
  const form: Record<string, string> =
    grant.kind === 'password'
      ? { grant_type: 'password', client_id, username: grant.username, password: grant.password }
      : { grant_type: 'refresh_token', client_id, refresh_token: grant.refreshToken };
  const bearer = grant.kind === 'refresh' ? grant.bearer : undefined;
  const body = await endpoint.request({
    method: 'POST',
    path: TOKEN_PATH,
    body: new URLSearchParams(form),
    contentType: 'application/x-www-form-urlencoded',
    headers: bearer ? { Authorization: `Bearer ${bearer}` } : undefined,
    // Repeating a sign-in harms nothing (so a failure is never "may have been applied"), and
    // whether to repeat it is the strategy's call.
    idempotent: true,
    retry: false,
    redirect: 'refuse',
    maxResponseBytes: MAX_TOKEN_RESPONSE_BYTES,
    failure: (response, error) => tokenFailure(response, error, grant, endpoint),
    signal,
  });
  return readTokenResponse(body);
}

function readTokenResponse(body: unknown): TokenResponse {
  const b = (body ?? {}) as Record<string, unknown>;
  const accessToken = b.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new AuthenticationError({
      message: `The token endpoint answered without an access_token; is the base URL the Cloutility API?`,
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
  response: FailedResponse,
  error: CloutilityError,
  grant: Grant,
  endpoint: TokenEndpoint,
): CloutilityError {
  if (error instanceof RedirectError) return signInRedirected(error, endpoint);
  const { status } = response;
  const { code, message: said, developerMessage } = readErrorBody(response.body);
  const description = said ?? developerMessage;
  const { retryAfterMs } = error;
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
  const message = explain(reason, endpoint, grant, description);
  return new AuthenticationError({ ...base, reason, message });
}

/** Core refused the redirect; this says why that matters for a sign-in and what to check. */
function signInRedirected(error: RedirectError, endpoint: TokenEndpoint): RedirectError {
  const { location, status } = error;
  const to = location === undefined ? 'elsewhere' : `to ${JSON.stringify(location.slice(0, 300))}`;
  const message = `POST ${TOKEN_PATH} was answered ${status ?? 'with a redirect'} ${to}; sign-in requests are never redirected, so nothing was sent there. Is ${JSON.stringify(endpoint.baseUrl)} the API's base URL (CLOUTAPI_URL / url)? If the new address is the API and you trust it, use it instead.`;
  return new RedirectError({ message, status, location, method: 'POST', path: TOKEN_PATH });
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
  endpoint: TokenEndpoint,
  grant: Grant,
  description: string | undefined,
): string {
  const { origin, clientId, baseUrl } = endpoint;
  if (reason === 'not_the_api') {
    return `POST ${TOKEN_PATH} answered 404: ${JSON.stringify(baseUrl)} is not the Cloutility API. Check the API URL (CLOUTAPI_URL / url): it is the API's base URL, e.g. https://portal-api.example.net, not the portal's web address.`;
  }
  const said: Partial<Record<AuthenticationFailureReason, string>> = {
    origin_not_allowed: `Sign-in refused: the Origin "${origin}" is not the one registered for client id "${clientId}". Use the origin shown under Settings -> API access in the portal.`,
    unknown_client: `Sign-in refused: the portal does not know client id "${clientId}". Create one under Settings -> API access.`,
    bad_credentials: `Sign-in refused: wrong username or password for user "${grant.kind === 'password' ? grant.username : '?'}".`,
    refresh_not_allowed: `Token refresh is not allowed for client id "${clientId}" (enable "allow token refreshing" in the portal).`,
    refresh_token_invalid: 'The refresh token was refused.',
    unsupported_grant_type: 'The token endpoint does not support this grant type.',
  };
  const server = description ? ` The server said: "${description}"` : '';
  return `${said[reason] ?? 'Sign-in failed.'}${server}`;
}
