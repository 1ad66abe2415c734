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
  if (isEmpty(response, bytes, method)) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (isBinary(type)) return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
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

/**
 * The body of an answer that must be JSON: parsed (undefined when empty), or what came instead,
 * in a few words for an error message. A body labelled text, or not labelled, counts when it
 * parses (a proxy may relabel the API's JSON); bytes of another type never do.
 */
export function decodeJson(
  response: Response,
  bytes: Uint8Array,
  method: string,
): { json: unknown } | { notJson: string } {
  if (isEmpty(response, bytes, method)) return { json: undefined };
  const header = response.headers.get('content-type') ?? '';
  const type = mediaType(header);
  if (isBinary(header)) return { notJson: `a ${bytes.byteLength}-byte ${type || 'binary'} body` };
  const text = new TextDecoder().decode(bytes);
  try {
    return { json: JSON.parse(text) };
  } catch {
    // Described below by its type and size, never by its content, which the server chose.
  }
  if (/^(?:text\/html|application\/xhtml)/.test(type) || /^\s*<(?:!doctype|html)\b/i.test(text))
    return { notJson: 'an HTML page' };
  return {
    notJson: `text that is not JSON (${type || 'no content type'}, ${bytes.byteLength} bytes)`,
  };
}

function isEmpty(response: Response, bytes: Uint8Array, method: string): boolean {
  return method === 'HEAD' || NULL_BODY_STATUSES.has(response.status) || bytes.byteLength === 0;
}

function isBinary(type: string): boolean {
  return type !== '' && !JSON_TYPE.test(type) && !TEXT_TYPE.test(type);
}

/** The `type/subtype` of a Content-Type, lower-cased; '' for a value that is not one (never quoted). */
function mediaType(header: string): string {
  const type = (header.split(';')[0] ?? '').trim().toLowerCase();
  return /^[\w!#$&^.+-]{1,64}\/[\w!#$&^.+-]{1,64}$/.test(type) ? type : '';
}
