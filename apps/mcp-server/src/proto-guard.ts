import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';

/**
 * A `__proto__` key in a request's params (JSON.parse makes it an own key) is dropped by the
 * SDK's schema parsing before any handler sees it, so the call would be served as if it were not
 * there. These refuse such a request where the raw message is still in hand: a JSON-RPC -32602
 * naming the key.
 */

/** The path of the first `__proto__` key in a request's params, if any. */
export function smuggledKey(message: unknown): string | undefined {
  if (!isRequest(message)) return undefined;
  return find(message.params, 'params');
}

/** The JSON-RPC error that refuses a request carrying `__proto__` at `path`. */
export function refusal(message: { id: string | number }, path: string): JSONRPCMessage {
  return {
    jsonrpc: '2.0',
    id: message.id,
    error: {
      code: -32602,
      message: `Invalid params: ${path} is not an allowed field (a "__proto__" key); nothing was done`,
    },
  };
}

/** `inner`, with requests carrying `__proto__` answered by {@link refusal} and not passed on. */
export function guardTransport(inner: Transport): Transport {
  const outer: Transport = {
    start: () => inner.start(),
    send: (message, options) => inner.send(message, options),
    close: () => inner.close(),
    get sessionId() {
      return inner.sessionId;
    },
    setProtocolVersion: (version) => inner.setProtocolVersion?.(version),
    setSupportedProtocolVersions: (versions) => inner.setSupportedProtocolVersions?.(versions),
  };
  inner.onclose = () => outer.onclose?.();
  inner.onerror = (error) => outer.onerror?.(error);
  inner.onmessage = (message, extra) => {
    const path = smuggledKey(message);
    if (path === undefined) return outer.onmessage?.(message, extra);
    void inner.send(refusal(message as { id: string | number }, path));
  };
  return outer;
}

function isRequest(m: unknown): m is { id: string | number; params?: unknown } {
  return typeof m === 'object' && m !== null && 'method' in m && 'id' in m;
}

function find(value: unknown, at: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const path = `${at}.${key}`;
    if (key === '__proto__') return path;
    const deeper = find((value as Record<string, unknown>)[key], path);
    if (deeper) return deeper;
  }
  return undefined;
}
