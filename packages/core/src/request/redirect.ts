import { RedirectError } from '../errors/transport.js';
import type { Call } from './prepare.js';
import { discardBody } from './read-body.js';

/** Redirects one API call may follow, all within the API's origin. */
const MAX_REDIRECTS = 5;

/** Whether a response is a redirect (`opaqueredirect` is how a browser's fetch shows one). */
export function isRedirect(response: Response): boolean {
  return (response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect';
}

/**
 * Where to send a call the server redirected, or a {@link RedirectError}. A redirect is followed
 * only within the API's origin (the call carries the bearer token), only with the same method and
 * body (a 307/308, or any redirect of a GET or HEAD: a write is never turned into a GET), and at
 * most {@link MAX_REDIRECTS} times; never for a request whose policy is `refuse` (a sign-in).
 * `from` is the URL requested; `hops` the redirects followed so far.
 */
export function redirectTarget(
  call: Call,
  response: Response,
  from: string,
  apiOrigin: string,
  hops: number,
): string {
  const { method, path } = call;
  const location = response.headers.get('location') ?? undefined;
  void discardBody(response);
  const refuse = (why: string, mayHaveBeenApplied = false) =>
    new RedirectError({
      message: `${call.where} was answered ${response.status || 'with a redirect'}${location === undefined ? '' : ` to ${JSON.stringify(location.slice(0, 300))}`}; not followed: ${why}. Nothing was sent there.`,
      status: response.status || undefined,
      method,
      path,
      location,
      mayHaveBeenApplied,
    });
  if (call.redirect === 'refuse')
    throw refuse('this request carries credentials and is never redirected');
  if (location === undefined) throw refuse('the server did not say where to (no Location)');
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw refuse('the Location is not a URL');
  }
  if (next.origin !== apiOrigin) {
    throw refuse(
      `it leads away from the API's origin ${apiOrigin}, and the request carries the access token`,
    );
  }
  const keepsMethod = response.status === 307 || response.status === 308;
  if (method !== 'GET' && method !== 'HEAD' && !keepsMethod) {
    // A 301/302/303 answer to a write is how servers say "done, look there": it may have been
    // applied, and following it would report a GET's answer as the write's result.
    throw refuse(`it would turn the ${method} into a GET`, true);
  }
  if (hops >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects`);
  return next.href;
}
