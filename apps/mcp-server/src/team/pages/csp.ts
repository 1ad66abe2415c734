/**
 * The Content-Security-Policy for every page here: no script, no fetch, no frame, nothing loaded
 * but the inline `<style>` and `data:` images (the server icon). `frame-ancestors 'none'` keeps the
 * consent page out of another site's frame (clickjacking an Allow); `base-uri 'none'` keeps a
 * relative form action from being repointed.
 *
 * No `form-action`, on purpose: Chrome and Safari apply it to every redirect that follows a form
 * submission, and the login and consent forms end in a redirect to the client's `redirect_uri`
 * (another origin, sometimes a loopback port or a custom scheme), so `form-action 'self'` would
 * silently block the authorization code (w3c/webappsec-csp#8). The pages themselves only post to
 * the action they are given, so they also work under {@link PAGE_CSP_SAME_ORIGIN_FORMS}.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'";

/**
 * {@link PAGE_CSP} with `form-action 'self'`: for a page whose form never ends in a redirect to
 * another origin (or that has no form, such as the message page).
 */
export const PAGE_CSP_SAME_ORIGIN_FORMS = `${PAGE_CSP}; form-action 'self'`;
