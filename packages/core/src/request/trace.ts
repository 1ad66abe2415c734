/**
 * W3C Trace Context (`traceparent`): a request made on behalf of a traced caller (an MCP tool
 * call carrying one in `_meta`) continues the caller's trace: the same trace id, a new parent id
 * (this request is a span of its own), the caller's flags. A value that is not a valid version-00
 * traceparent is ignored, as the recommendation says, and the request is sent untraced.
 */

// version 00, 32 hex trace id, 16 hex parent id, 2 hex flags; all-zero ids are invalid.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The trace a request continues: its id and flags, from a caller's `traceparent`. */
export interface Trace {
  traceId: string;
  flags: string;
}

/** The trace of a `traceparent` header value, or undefined when it is not a valid one. */
export function parseTraceparent(value: string | undefined): Trace | undefined {
  const match = value === undefined ? null : TRACEPARENT.exec(value.trim());
  if (!match) return undefined;
  const [, traceId = '', parentId = '', flags = ''] = match;
  if (/^0+$/.test(traceId) || /^0+$/.test(parentId)) return undefined;
  return { traceId, flags };
}

/** The `traceparent` of one outgoing request in `trace`: a fresh parent id. */
export function childTraceparent(trace: Trace): string {
  // Web Crypto: core runs on Node, Deno, Bun and in browsers alike.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  const parentId = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `00-${trace.traceId}-${parentId}-${trace.flags}`;
}
