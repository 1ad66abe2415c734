import type { CloutilityOptions } from '@cloutapi/resources';

/**
 * How the MCP server's portal client retries: reads as the SDK does, but a `Retry-After` longer
 * than 5 s is not waited for. A tool call that sleeps through a 30 s wait three times blocks its
 * client past the SDK client's 60 s timeout with no progress; failing at once says how long to
 * wait instead (see errors.ts), and the model can tell the user or try later.
 */
export const PORTAL_RETRY = { maxRetryAfterMs: 5_000 } satisfies CloutilityOptions['retry'];
