import { escapeHtml } from './escape.js';

/** The name of the hidden field every form carries its CSRF token in. */
export const CSRF_FIELD = 'csrf';

/**
 * A POST form to `action` with the CSRF token: the one place a form is opened, so none can leave
 * out the token. `inner` is trusted HTML (already escaped by the page).
 */
export function postForm(action: string, csrf: string, inner: string): string {
  return `<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrf)}">
${inner}
</form>`;
}
