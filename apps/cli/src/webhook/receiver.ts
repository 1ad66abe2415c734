import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of {@link startReceiver}. */
export interface ReceiverOptions {
  port: number;
  host: string;
  /** Largest accepted body in bytes (default 64 KiB); larger gets 413. */
  maxBytes?: number;
  /** Called with each accepted notification's JSON body, after the 2xx went out. */
  onNotification: (body: unknown, request: { path: string; receivedAt: Date }) => void;
  /** One line per request (accepted or refused), for stderr. */
  log: (line: string) => void;
}

/** A listening receiver. */
export interface Receiver {
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 64 * 1024;

/**
 * The W1 receiver: answers `Expect: 100-continue` (the portal waits for it before sending the
 * body), accepts a JSON POST of at most `maxBytes`, acknowledges with 202 at once and only then
 * hands the body on, so the portal never waits for the billing download. Anything else gets a 4xx
 * and a log line: 405 for another method, 415 for a non-JSON content type, 413 when too large,
 * 400 when the body is not JSON.
 */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const server = createServer();
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, why: string) => {
    options.log(`${req.method} ${req.url} -> ${status}: ${why}`);
    res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
    // Whatever the client still sends is not read: close once the answer is out.
    res.end(JSON.stringify({ error: why }), () => req.socket.destroy());
  };
  const precheck = (req: IncomingMessage): [number, string] | undefined => {
    if (req.method !== 'POST') return [405, 'only POST is accepted'];
    const type = req.headers['content-type'];
    if (type && !/json/i.test(type)) return [415, `expected a JSON body, got ${type}`];
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
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        refuse(req, res, 400, 'the body is not JSON');
        return;
      }
      const receivedAt = new Date();
      res.writeHead(202, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ received: true }), () => {
        options.log(`${req.method} ${req.url} -> 202: ${JSON.stringify(body).slice(0, 200)}`);
        options.onNotification(body, { path: req.url ?? '/', receivedAt });
      });
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
