import { ResponseTooLargeError } from '../errors/transport.js';

/** What a bounded read needs to name the request in its error. */
export interface BodyLimit {
  /** The most bytes read before giving up. */
  maxBytes: number;
  method: string;
  path: string;
  /** The request was a write the server answered: it was probably applied. */
  mayHaveBeenApplied?: boolean | undefined;
}

type Chunk = Uint8Array | string;

/**
 * Reads a response body, but never more than `limit.maxBytes`: a declared `Content-Length` over
 * the limit is refused before reading, and a body that grows past it is cancelled there. Works
 * with a WHATWG stream (every runtime's fetch) and with a Node stream (node-fetch).
 *
 * @throws ResponseTooLargeError naming the request and the limit.
 */
export async function readBody(response: Response, limit: BodyLimit): Promise<Uint8Array> {
  const tooLarge = (seen: string) =>
    new ResponseTooLargeError({
      message: `${limit.method} ${limit.path}: the response body is larger than the limit of ${limit.maxBytes} bytes (${seen}); reading stopped.`,
      // An app without the option renders its own way to raise the limit in place of this.
      hint: 'If this answer is expected, raise maxResponseBytes (the client option, or the request option).',
      status: response.status,
      method: limit.method,
      path: limit.path,
      limitBytes: limit.maxBytes,
      mayHaveBeenApplied: limit.mayHaveBeenApplied,
    });
  const body = response.body as unknown;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit.maxBytes) {
    await discardBody(response);
    throw tooLarge(`Content-Length ${declared}`);
  }
  if (!body) return new Uint8Array(await response.arrayBuffer());

  const chunks: Uint8Array[] = [];
  let total = 0;
  const take = (chunk: Chunk) => {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    total += bytes.byteLength;
    if (total > limit.maxBytes) return false;
    chunks.push(bytes);
    return true;
  };
  if (typeof (body as ReadableStream).getReader === 'function') {
    const reader = (body as ReadableStream<Chunk>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!take(value)) {
        await reader.cancel().catch(() => {});
        throw tooLarge(`more than ${limit.maxBytes} bytes sent`);
      }
    }
  } else {
    // A Node stream: leaving the loop early destroys it.
    for await (const chunk of body as AsyncIterable<Chunk>) {
      if (!take(chunk)) throw tooLarge(`more than ${limit.maxBytes} bytes sent`);
    }
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const all = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

/** Releases a response body that will not be read (a WHATWG or a Node stream). */
export async function discardBody(response: Response): Promise<void> {
  const b = response.body as { cancel?: () => Promise<void>; destroy?: () => void } | null;
  try {
    if (typeof b?.cancel === 'function') await b.cancel();
    else b?.destroy?.();
  } catch {
    // Already closed: nothing left to release.
  }
}
