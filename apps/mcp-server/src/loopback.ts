const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Whether a bind address is loopback only. */
export const isLoopback = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');

/** @throws Error when bound beyond loopback without a bearer token. */
export function refuseOpenWithoutToken(host: string, token: string | undefined): void {
  if (!isLoopback(host) && !token)
    throw new Error(
      `refusing to listen on ${host} without a bearer token: set CLOUTAPI_MCP_TOKEN (clients then send Authorization: Bearer <token>)`,
    );
}
