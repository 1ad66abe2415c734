/**
 * A TLS-terminating proxy on loopback that makes a local server feel like a portal across the
 * internet: every chunk of bytes, both ways, is held half the round-trip time, and a new TCP
 * connection pays one round trip before its first byte goes through (the SYN, SYN-ACK a real
 * connect costs). It counts what a client spends round trips on: TCP connects, TLS handshakes
 * (and how many were resumed), token requests and API requests.
 *
 * Two layers, so the TLS handshake itself crosses the delay: a TCP listener (the address clients
 * use) that delays bytes and hands them to an HTTPS server on another loopback port, which ends
 * TLS and forwards each request to the target over plain HTTP with keep-alive.
 *
 * This kernel has no `netem` qdisc; a user-space delay is the portable choice. What it does not
 * model: bandwidth, loss, TCP slow start, and the client's connect() resolving at once (the client
 * may prepare its ClientHello during the emulated handshake; it still arrives 1.5 RTT after the
 * connect, as on a real network).
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { TLSSocket } from 'node:tls';

/** Options of {@link startDelayProxy}. */
export interface DelayProxyOptions {
  /** The plain-HTTP server to forward to, e.g. `http://127.0.0.1:4010`. */
  target: string;
  /** The TLS certificate and key the proxy presents. */
  tls: { key: string; cert: string };
  /** Round-trip time to emulate, in ms (default 40: each direction holds bytes 20 ms). */
  rttMs?: number;
}

/** Round trips and requests the proxy has seen. */
const emptyStats = () => ({
  /** TCP connections accepted. */
  tcpConnects: 0,
  /** TLS handshakes completed (full and resumed). */
  tlsHandshakes: 0,
  /** Of those, handshakes that resumed an earlier session. */
  tlsResumed: 0,
  /** Requests to the token endpoint (`/v1/oauth`). */
  tokenRequests: 0,
  /** Every other request. */
  apiRequests: 0,
});
export type ProxyStats = ReturnType<typeof emptyStats>;

/**
 * One moment the proxy saw, in `performance.now()` of this process, moved to the client's end of
 * the emulated link: a TCP accept (`connect`), a TLS handshake done (`tls`: when the client sent
 * its last handshake bytes), an HTTP request's first byte leaving the client (`request`) and its
 * response's last byte reaching the client (`response`). The TLS server sees each a half round trip
 * after the client sent it, or sends it a half round trip before the client gets it: the proxy
 * shifts its own observations by that, so the times are the client's.
 */
export interface ProxyEvent {
  kind: 'connect' | 'tls' | 'request' | 'response';
  at: number;
}

/** A running proxy. */
export interface DelayProxy {
  /** `https://127.0.0.1:PORT`: point clients here. */
  url: string;
  /** A copy of the counters so far. */
  stats(): ProxyStats;
  /** The events since the last reset, in order (see {@link ProxyEvent}). */
  trace(): ProxyEvent[];
  /** Zeroes the counters and empties the trace (e.g. between two commands). */
  reset(): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

// Hop-by-hop headers belong to one connection and are not forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function forwardable(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(key) && value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Delivers chunks to `write` in order, each no sooner than the time it was given. One timer per
 * line, so order never depends on how Node orders timers of different durations.
 */
class DelayLine {
  private readonly queue: { at: number; chunk: Buffer | null }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deliver: (chunk: Buffer | null) => void) {}

  /** Queues a chunk (`null`: the end of the stream) for delivery at `at` (performance.now()). */
  push(at: number, chunk: Buffer | null): void {
    this.queue.push({ at, chunk });
    if (!this.timer) this.schedule();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private schedule(): void {
    const head = this.queue[0];
    if (!head) {
      this.timer = undefined;
      return;
    }
    this.timer = setTimeout(() => this.drain(), Math.max(0, head.at - performance.now()));
  }

  private drain(): void {
    const now = performance.now();
    while (this.queue.length > 0 && (this.queue[0] as { at: number }).at <= now + 0.5) {
      this.deliver((this.queue.shift() as { chunk: Buffer | null }).chunk);
    }
    this.schedule();
  }
}

/**
 * Starts the proxy on a free loopback port in front of `target`. Clients trust its certificate
 * with `NODE_EXTRA_CA_CERTS=<file holding tls.cert>`.
 *
 * @example
 * ```ts
 * const proxy = await startDelayProxy({ target: sim.url, tls: { key, cert } });
 * // ... run a command against proxy.url ...
 * console.log(proxy.stats()); // { tcpConnects: 1, tlsHandshakes: 1, apiRequests: 1, ... }
 * ```
 */
export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  const rttMs = options.rttMs ?? 40;
  const oneWay = rttMs / 2;
  const target = new URL(options.target);
  let stats = emptyStats();
  let events: ProxyEvent[] = [];
  const seen = (kind: ProxyEvent['kind'], shift: number) =>
    events.push({ kind, at: performance.now() + shift });

  const upstream = new http.Agent({ keepAlive: true });
  const tlsServer = https.createServer(
    { key: options.tls.key, cert: options.tls.cert },
    (req, res) => {
      // 'request' fires once the headers are in: about the first byte, they come in one chunk.
      seen('request', -oneWay);
      res.on('finish', () => seen('response', oneWay));
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/v1/oauth')) stats.tokenRequests++;
      else stats.apiRequests++;
      const forward = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: forwardable(req.headers),
          agent: upstream,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
          answer.pipe(res);
        },
      );
      forward.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`delay proxy: ${error.message}`);
      });
      req.pipe(forward);
    },
  );
  tlsServer.on('secureConnection', (socket: TLSSocket) => {
    stats.tlsHandshakes++;
    seen('tls', -oneWay);
    if (socket.isSessionReused()) stats.tlsResumed++;
  });
  tlsServer.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  const tlsPort = (tlsServer.address() as net.AddressInfo).port;

  const open = new Set<net.Socket>();
  const front = net.createServer((client) => {
    stats.tcpConnects++;
    seen('connect', 0);
    const handshakeDone = performance.now() + rttMs;
    const inner = net.connect(tlsPort, '127.0.0.1');
    client.setNoDelay(true);
    inner.setNoDelay(true);
    open.add(client);
    open.add(inner);
    const toServer = new DelayLine((chunk) => (chunk ? inner.write(chunk) : inner.end()));
    const toClient = new DelayLine((chunk) => (chunk ? client.write(chunk) : client.end()));
    // Bytes from the client wait for the emulated handshake, then half a round trip.
    const inbound = (chunk: Buffer | null) =>
      toServer.push(Math.max(performance.now(), handshakeDone) + oneWay, chunk);
    client.on('data', inbound);
    client.on('end', () => inbound(null));
    inner.on('data', (chunk) => toClient.push(performance.now() + oneWay, chunk));
    inner.on('end', () => toClient.push(performance.now() + oneWay, null));
    const teardown = () => {
      toServer.clear();
      toClient.clear();
      client.destroy();
      inner.destroy();
      open.delete(client);
      open.delete(inner);
    };
    client.on('error', teardown);
    inner.on('error', teardown);
    client.on('close', () => {
      open.delete(client);
      // Let what is still in flight to the server arrive, then drop the connection.
      setTimeout(teardown, rttMs).unref();
    });
    inner.on('close', () => {
      open.delete(inner);
      setTimeout(teardown, rttMs).unref();
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(front.address() as net.AddressInfo).port}`,
    stats: () => ({ ...stats }),
    trace: () => [...events],
    reset: () => {
      stats = emptyStats();
      events = [];
    },
    async close() {
      for (const socket of open) socket.destroy();
      tlsServer.closeAllConnections();
      upstream.destroy();
      await Promise.all([
        new Promise((resolve) => front.close(resolve)),
        new Promise((resolve) => tlsServer.close(resolve)),
      ]);
    },
  };
}
