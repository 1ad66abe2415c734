import { type ClientInfo, clientDetails, clientLabel } from './client.js';
import { escapeHtml } from './escape.js';
import { postForm } from './form.js';
import { layout } from './layout.js';

/** What the sign-in page shows. There is no password field: the page never echoes one back. */
export interface LoginPageOptions {
  /** Where the form posts (this server's interaction URL). */
  action: string;
  /** The CSRF token, sent back in the hidden `csrf` field. */
  csrf: string;
  /** The application asking for access. */
  client: ClientInfo;
  /** The Cloutility portal's URL: shown so people know where their password goes. */
  portal: string;
  /** The username typed before, refilled after a failed sign-in. */
  username?: string | undefined;
  /** Why the last sign-in failed (plain text). */
  error?: string | undefined;
  /** Set when sign-ins are throttled: how long to wait before the next try. */
  retryAfterSeconds?: number | undefined;
}

/**
 * The sign-in page: the portal username and password, Sign in, and Cancel (a second submit button,
 * `cancel=1`, so cancelling needs no script). Posts `csrf`, `username`, `password` (and `cancel`).
 */
export function loginPage(options: LoginPageOptions): string {
  const { host, origin } = portalAddress(options.portal);
  const problem = problemBox(options.error, options.retryAfterSeconds);
  const described = problem ? ' aria-describedby="problem"' : '';
  const username = options.username ?? '';
  // The cursor starts where typing is needed: the password once the username is refilled.
  const focusUser = username ? '' : ' autofocus';
  const focusPassword = username ? ' autofocus' : '';
  const fields = `<label for="username">Portal username</label>
<input type="text" id="username" name="username" value="${escapeHtml(username)}" autocomplete="username" autocapitalize="none" spellcheck="false" required${described}${focusUser}>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${described}${focusPassword}>
<div class="actions">
<button type="submit" class="primary">Sign in</button>
<button type="submit" name="cancel" value="1" formnovalidate>Cancel</button>
</div>`;
  // Sign in comes first: pressing Enter submits with the first submit button.
  // Cancel skips validation (formnovalidate): it must work with empty fields.
  return layout({
    title: `Sign in to ${host}`,
    body: `<h1>Sign in to ${escapeHtml(host)}</h1>
<p>${clientLabel(options.client)} wants to use the Cloutility portal for you. Sign in with your own portal username and password to continue.</p>
${clientDetails(options.client)}
<p class="muted">Your username and password are checked by the Cloutility portal at <strong>${escapeHtml(origin)}</strong>. The application never sees them.</p>
${problem}
${postForm(options.action, options.csrf, fields)}`,
  });
}

/** The error and, when throttled, how long to wait: one alert, read out once. */
function problemBox(error: string | undefined, retryAfterSeconds: number | undefined): string {
  const lines: string[] = [];
  if (error) lines.push(escapeHtml(error));
  if (retryAfterSeconds !== undefined && retryAfterSeconds > 0)
    lines.push(
      `Too many sign-in attempts. Please wait ${waitText(retryAfterSeconds)} before trying again.`,
    );
  if (!lines.length) return '';
  return `<div class="box error" id="problem" role="alert">${lines.map((l) => `<p>${l}</p>`).join('')}</div>`;
}

/** "45 seconds", "1 minute", "3 minutes": rounded up, so waiting that long is always enough. */
function waitText(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return s === 1 ? '1 second' : `${s} seconds`;
  const m = Math.ceil(s / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

/** The portal's host (for the title) and origin (where the password goes); as given if unparsable. */
function portalAddress(portal: string): { host: string; origin: string } {
  try {
    const url = new URL(portal);
    return { host: url.host, origin: url.origin };
  } catch {
    return { host: portal, origin: portal };
  }
}
