import type { Agent, request as httpRequest, IncomingMessage } from 'node:http';

/** A protocol's module (http or https) and its keep-alive connection pool. */
interface Wire {
  agent: Agent;
  request: typeof httpRequest;
}

/** What a client sends its requests through: a fetch, and a way to release its connections. */
export interface HttpStack {
  fetch: typeof globalThis.fetch;
  /** Releases pooled connections, so a short-lived process exits at once. */
  close?: (() => Promise<void>) | undefined;
}

/**
 * An HTTP stack on Node's own `http` and `https` modules, with keep-alive connections, for
 * short-lived processes such as a CLI command. Node's fetch and undici parse HTTP with
 * WebAssembly and load in 40 to 90 ms; `node:http` loads in about 3 ms, and an HTTP/1.1 JSON API
 * needs nothing more (see BENCHMARKS.md). Requests follow fetch's rules: redirects followed (at
 * most 5; `Authorization` dropped when one leaves the origin), a rejection with
 * `TypeError('fetch failed', { cause })` when no response came, the signal's reason on abort.
 * Bodies are read whole.
 */
export function nodeHttp(): Required<HttpStack> {
  const wires = new Map<string, Promise<Wire>>();
  const wireFor = (protocol: string) => {
    let wire = wires.get(protocol);
    if (!wire) {
      // Loaded on first use: a command that sends nothing never loads them.
      wire = (protocol === 'https:' ? import('node:https') : import('node:http')).then((m) => ({
        agent: new m.Agent({ keepAlive: true }),
        request: m.request,
      }));
      wires.set(protocol, wire);
    }
    return wire;
  };
  return {
    fetch: ((input, init) => fetchOver(wireFor, input, init)) as typeof globalThis.fetch,
    async close() {
      const all = await Promise.all(wires.values());
      wires.clear();
      for (const wire of all) wire.agent.destroy();
    },
  };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const MAX_REDIRECTS = 5;

async function fetchOver(
  wireFor: (protocol: string) => Promise<Wire>,
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  let url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  let method = (init.method ?? 'GET').toUpperCase();
  const headers = new NodeHttpHeaders(init.headers);
  let body = await bytesOf(init.body, headers);
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TypeError('fetch failed', {
        cause: new Error(`unsupported scheme ${url.protocol}`),
      });
    const response = await send(await wireFor(url.protocol), url, method, headers, body, signal);
    response.redirected = redirects > 0;
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null || init.redirect === 'manual')
      return response as unknown as Response;
    if (init.redirect === 'error' || redirects >= MAX_REDIRECTS)
      throw new TypeError('fetch failed', { cause: new Error(`redirect to ${location} refused`) });
    const next = new URL(location, url);
    if (next.origin !== url.origin) {
      // As fetch does: credentials meant for one origin are not handed to another.
      headers.delete('authorization');
      headers.delete('cookie');
    }
    if (response.status === 303 || (response.status <= 302 && method === 'POST')) {
      method = 'GET';
      body = undefined;
      headers.delete('content-type');
    }
    url = next;
  }
}

function send(
  wire: Wire,
  url: URL,
  method: string,
  headers: NodeHttpHeaders,
  body: Buffer | undefined,
  signal: AbortSignal | undefined,
): Promise<NodeHttpResponse> {
  const outgoing: Record<string, string> = {};
  headers.forEach((value, name) => {
    outgoing[name] = value;
  });
  if (body) outgoing['content-length'] = String(body.length);
  return new Promise<NodeHttpResponse>((resolve, reject) => {
    // Aborted while the body or the connection pool was being prepared: nothing is sent.
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let settled = false;
    const finish = (error: unknown, response?: NodeHttpResponse) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (response) resolve(response);
      else
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    };
    const onAbort = () => {
      req.destroy();
      finish(signal?.reason);
    };
    const req = wire.request(url, { method, headers: outgoing, agent: wire.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => finish(error));
      res.on('end', () => {
        decode(res, Buffer.concat(chunks)).then(
          (bytes) => finish(undefined, NodeHttpResponse.of(res, bytes, url, method)),
          (error: unknown) => finish(error),
        );
      });
    });
    req.on('error', (error) => finish(error));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
}

/** Undoes a content encoding the server applied although none was asked for. */
async function decode(res: IncomingMessage, bytes: Buffer): Promise<Buffer> {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  if (!encoding || encoding === 'identity' || bytes.length === 0) return bytes;
  const zlib = await import('node:zlib');
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(bytes);
  if (encoding === 'deflate') return zlib.inflateSync(bytes);
  if (encoding === 'br') return zlib.brotliDecompressSync(bytes);
  throw new Error(`unsupported content-encoding ${encoding}`);
}

/** A request body as bytes, with the content type fetch would give it when none is set. */
async function bytesOf(body: RequestInit['body'], headers: NodeHttpHeaders) {
  const type = (value: string) => {
    if (!headers.has('content-type')) headers.set('content-type', value);
  };
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    type('text/plain;charset=UTF-8');
    return Buffer.from(body);
  }
  if (body instanceof URLSearchParams) {
    type('application/x-www-form-urlencoded;charset=UTF-8');
    return Buffer.from(body.toString());
  }
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) {
    if (body.type) type(body.type);
    return Buffer.from(await body.arrayBuffer());
  }
  throw new TypeError('nodeHttp() sends string, URLSearchParams, binary or Blob bodies');
}

/** The `Headers` of {@link nodeHttp}: case-insensitive, values of a repeated name joined. */
export class NodeHttpHeaders {
  readonly #map = new Map<string, string[]>();

  constructor(init?: ConstructorParameters<typeof Headers>[0] | NodeHttpHeaders | null) {
    if (!init) return;
    if (typeof (init as Headers).forEach === 'function' && !Array.isArray(init)) {
      (init as Headers).forEach((value, name) => {
        this.append(name, value);
      });
    } else if (Array.isArray(init) || Symbol.iterator in Object(init)) {
      for (const [name, value] of init as Iterable<[string, string]>) this.append(name, value);
    } else {
      for (const [name, value] of Object.entries(init)) this.append(name, String(value));
    }
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const values = this.#map.get(key);
    if (values) values.push(String(value).trim());
    else this.#map.set(key, [String(value).trim()]);
  }

  set(name: string, value: string): void {
    this.#map.set(name.toLowerCase(), [String(value).trim()]);
  }

  get(name: string): string | null {
    return this.#map.get(name.toLowerCase())?.join(', ') ?? null;
  }

  getSetCookie(): string[] {
    return [...(this.#map.get('set-cookie') ?? [])];
  }

  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }

  delete(name: string): void {
    this.#map.delete(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string, parent: this) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.#map.keys()].sort()) yield [name, this.get(name) as string];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** The `Response` of {@link nodeHttp}, its body already read. */
class NodeHttpResponse {
  readonly ok: boolean;
  readonly type = 'basic';
  redirected = false;
  #used = false;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: NodeHttpHeaders,
    readonly url: string,
    private readonly raw: Buffer,
    private readonly nullBody: boolean,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  static of(res: IncomingMessage, bytes: Buffer, url: URL, method: string): NodeHttpResponse {
    const headers = new NodeHttpHeaders();
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
      headers.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
    const status = res.statusCode ?? 0;
    const nullBody = NULL_BODY_STATUSES.has(status) || method === 'HEAD';
    return new NodeHttpResponse(
      status,
      res.statusMessage ?? '',
      headers,
      url.href,
      bytes,
      nullBody,
    );
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** A stream of the body (made on demand), or null for a status that has none. */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.nullBody) return null;
    const bytes = new Uint8Array(this.raw);
    return new ReadableStream({
      start(controller) {
        if (bytes.length) controller.enqueue(bytes);
        controller.close();
      },
    });
  }

  #take(): Buffer {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.raw;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(this.#take());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(this.#take());
  }

  async blob(): Promise<Blob> {
    return new Blob([this.#take()], { type: this.headers.get('content-type') ?? '' });
  }

  clone(): NodeHttpResponse {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed');
    const copy = new NodeHttpResponse(
      this.status,
      this.statusText,
      new NodeHttpHeaders(this.headers),
      this.url,
      this.raw,
      this.nullBody,
    );
    copy.redirected = this.redirected;
    return copy;
  }
}
