/**
 * The team authorization server's pages: plain HTML strings, no script, forms that post with a
 * CSRF field. Serve them with {@link PAGE_CSP}.
 */
export type { ClientInfo } from './client.js';
export { type ConsentPageOptions, type ConsentToolset, consentPage } from './consent.js';
export { PAGE_CSP, PAGE_CSP_SAME_ORIGIN_FORMS } from './csp.js';
export { escapeHtml } from './escape.js';
export { CSRF_FIELD } from './form.js';
export { type LoginPageOptions, loginPage } from './login.js';
export { type MessagePageOptions, messagePage } from './message.js';
export { TOOLSET_TEXT, type ToolsetText } from './toolset-text.js';
