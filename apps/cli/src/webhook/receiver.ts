import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unescape as percentDecode } from 'node:querystring';
import { z } from 'zod';

/** Options of {@link startReceiver}. */
export interface ReceiverOptions {
  port: number;
  host: string;
  /** Largest accepted body in bytes (default 64 KiB); larger gets 413. */
  maxBytes?: number;
  /** Connections open at once (default 64); more are closed unanswered. */
  maxConnections?: number;
  /** Time for a whole request, headers and body (default 10 s); a slower one gets 408. */
  requestTimeoutMs?: number;
  /**
   * The shared secret a request must carry: in the query as `?code=SECRET`, given once and
   * decoded as URLSearchParams does (what the portal's Post URL can hold, as in the guide's
   * example), or in an `X-Webhook-Secret` or `Authorization: Bearer` header. Without it or with
   * another, 401 before the body is read.
   */
  secret?: string | undefined;
  /**
   * Takes a well-formed notification; returns false when it cannot (its queue is full): the
   * sender gets 503 and should try again later.
   */
  onNotification: (body: WebhookBody, request: { path: string; receivedAt: Date }) => boolean;
  /** One line per request (accepted or refused), for stderr; the secret is never in it. */
  log: (line: string) => void;
}

/** A listening receiver. */
export interface Receiver {
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 64 * 1024;
const DEFAULT_MAX_CONNECTIONS = 64;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const REDACTED = '[REDACTED]';

/** The guide's webhook body: a JSON object with a string `trigger` (more fields are kept). */
export const WebhookBody = z.looseObject({
  trigger: z.string().max(1000),
});
/** A well-formed webhook body. */
export type WebhookBody = z.infer<typeof WebhookBody>;

/** The request target; a target that is no URL has no path nor parameters worth showing. */
function targetOf(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://receiver');
  } catch {
    return new URL('http://receiver/(unreadable)');
  }
}

/** Whether `text` spells the secret: as is, in another case, or percent-encoded, even twice. */
function spellsSecret(text: string, secret: string): boolean {
  const wanted = secret.toLowerCase();
  for (let seen = text, depth = 0; depth < 4; depth++) {
    if (seen.toLowerCase().includes(wanted)) return true;
    const decoded = percentDecode(seen);
    if (decoded === seen) return false;
    seen = decoded;
  }
  // Encoded four times over: nobody's webhook; hide it rather than guess.
  return true;
}

/** Text for the log: `[REDACTED]` when it spells the secret. */
type Hide = (text: string) => string;

const hider =
  (secret: string | undefined): Hide =>
  (text) =>
    secret !== undefined && spellsSecret(text, secret) ? REDACTED : text;

/**
 * The request target for the log, written from its decoded form (never the raw query): every
 * `code` value, and any part that spells the secret, is `[REDACTED]`.
 */
function shownTarget(target: URL, hide: Hide): string {
  const query = [...target.searchParams].map(
    ([name, value]) => `${hide(name)}=${/^code$/i.test(name) ? REDACTED : hide(value)}`,
  );
  return hide(percentDecode(target.pathname)) + (query.length ? `?${query.join('&')}` : '');
}

/**
 * The secret a request carries, if any: `?code=` (decoded; a repeated one counts as none: which
 * would a proxy have checked?), `X-Webhook-Secret` or a bearer token.
 */
function secretOf(req: IncomingMessage, target: URL): string | undefined {
  const codes = target.searchParams.getAll('code');
  if (codes.length === 1 && codes[0]) return codes[0];
  if (codes.length > 1) return undefined;
  const header = req.headers['x-webhook-secret'];
  if (typeof header === 'string' && header) return header;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return bearer?.[1];
}

/** Compares in constant time (digests of equal length), so timing says nothing of the secret. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * An http server that bounds what clients can hold: `maxConnections` at once (more are closed
 * unanswered) and `requestTimeoutMs` for headers and body together (then 408 and close), checked
 * often enough for a short limit to be kept.
 */
function limitedServer(options: ReceiverOptions): Server {
  const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = createServer({
    headersTimeout: timeout,
    requestTimeout: timeout,
    connectionsCheckingInterval: Math.min(timeout, 1000),
  });
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  return server;
}

/**
 * The W1 receiver: answers `Expect: 100-continue` (the portal waits for it before sending the
 * body), accepts a JSON POST of at most `maxBytes`, acknowledges with 202 at once and only then
 * hands the body on, so the portal never waits for the billing download. Anything else gets a 4xx
 * and a log line: 401 without the secret (before the body is read), 405 for another method, 415
 * for a non-JSON content type, 413 when too large, 400 when the body is not the webhook's JSON
 * object; 503 when `onNotification` cannot take more; 408 when a request takes longer than
 * `requestTimeoutMs`. Beyond `maxConnections` open at once, a connection is closed unanswered.
 */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const server = limitedServer(options);
  const hide = hider(options.secret);
  const show = (req: IncomingMessage) => shownTarget(targetOf(req), hide);
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, why: string) => {
    options.log(`${req.method} ${show(req)} -> ${status}: ${why}`);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      Connection: 'close',
      ...(status === 503 ? { 'Retry-After': '5' } : {}),
    });
    // Whatever the client still sends is not read: close once the answer is out.
    res.end(JSON.stringify({ error: why }), () => req.socket.destroy());
  };
  const precheck = (req: IncomingMessage): [number, string] | undefined => {
    if (options.secret !== undefined && !sameSecret(secretOf(req, targetOf(req)), options.secret))
      return [401, 'the shared secret is missing or wrong'];
    if (req.method !== 'POST') return [405, 'only POST is accepted'];
    const type = req.headers['content-type'];
    if (type && !/json/i.test(type)) return [415, `expected a JSON body, got ${hide(type)}`];
    const length = Number(req.headers['content-length']);
    if (length > maxBytes)
      return [413, `body of ${length} bytes is over the ${maxBytes}-byte limit`];
    return undefined;
  };
  const receive = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        refuse(req, res, 413, `body over the ${maxBytes}-byte limit`);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        refuse(req, res, 400, 'the body is not JSON');
        return;
      }
      const body = WebhookBody.safeParse(parsed);
      if (!body.success) {
        refuse(req, res, 400, 'expected the webhook body: a JSON object with a string "trigger"');
        return;
      }
      const receivedAt = new Date();
      if (!options.onNotification(body.data, { path: show(req), receivedAt })) {
        refuse(req, res, 503, 'busy: too many notifications wait already; try again later');
        return;
      }
      res.writeHead(202, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ received: true }));
      options.log(
        `${req.method} ${show(req)} -> 202: ${hide(JSON.stringify(body.data.trigger)).slice(0, 200)}`,
      );
    });
  };

  // With a 'checkContinue' listener, Node leaves `Expect: 100-continue` to us: refuse at once
  // (the body is never sent), or say 100 Continue and read it.
  server.on('checkContinue', (req, res) => {
    const problem = precheck(req);
    if (problem) return refuse(req, res, ...problem);
    res.writeContinue();
    receive(req, res);
  });
  server.on('request', (req, res) => {
    const problem = precheck(req);
    if (problem) return refuse(req, res, ...problem);
    receive(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
