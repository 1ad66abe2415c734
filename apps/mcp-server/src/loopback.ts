const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Whether a bind address is loopback only. */
export const isLoopback = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');
