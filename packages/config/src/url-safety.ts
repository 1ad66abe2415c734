/**
 * What a portal URL says about the safety of the credentials sent to it: the apps warn before
 * sending a password in clear, and never show a password written into the URL.
 */

/**
 * Whether `url` is plain `http://` to a host other than this machine: the password and tokens
 * would cross the network unencrypted. Loopback (`localhost`, `127.0.0.0/8`, `::1`) is fine: the
 * simulator and tunnels live there.
 */
export function isCleartextRemote(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:') return false;
  return !isLoopbackHost(parsed.hostname);
}

/** Whether a host name or address is this machine only: `localhost`, `127.0.0.0/8`, `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** `url` with any `user:password@` in it replaced by `***@`, for display. */
export function maskUrlCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1***@');
}
