/**
 * Request and response bodies of a JSON API: what a request body becomes on the wire, and what a
 * response body becomes for the caller.
 */

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const JSON_TYPE = /^application\/(?:[\w!#$%&*.^`~-]*\+)?json\b/i;
const TEXT_TYPE = /^(?:text\/|application\/(?:xml|javascript)|image\/svg)/i;

/**
 * A request body for fetch, and the content type to send when the caller set none: bytes, a Blob,
 * form fields and strings go as they are; anything else is JSON.
 */
export function encodeBody(body: unknown): {
  body: NonNullable<RequestInit['body']>;
  contentType: string | undefined;
} {
  if (
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer ||
    body instanceof Blob ||
    body instanceof URLSearchParams
  ) {
    return {
      body: body as NonNullable<RequestInit['body']>,
      contentType: typeof body === 'string' ? 'application/json' : undefined,
    };
  }
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/**
 * The body of a response: JSON parsed (a malformed one as its text), text as text, other types as
 * a Blob, and undefined when there is none.
 */
export function decodeBody(response: Response, bytes: Uint8Array, method: string): unknown {
  if (method === 'HEAD' || NULL_BODY_STATUSES.has(response.status) || bytes.byteLength === 0)
    return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type && !JSON_TYPE.test(type) && !TEXT_TYPE.test(type))
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  const text = new TextDecoder().decode(bytes);
  if (!type || JSON_TYPE.test(type)) {
    try {
      return JSON.parse(text);
    } catch {
      // A server that says JSON and sends something else: the caller still sees what came.
    }
  }
  return text;
}
