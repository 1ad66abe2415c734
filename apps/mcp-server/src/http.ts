/**
 * Streamable HTTP: one MCP session per client, on node:http. Binds 127.0.0.1 by default, checks
 * Host and Origin against an allow-list (DNS-rebinding protection) and requires a bearer token when
 * bound anywhere but loopback.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isLoopback, refuseOpenWithoutToken } from './loopback.js';
import { createMcpServer, type ServerSetup } from './sdk.js';

/** Options of {@link startHttpServer}. */
export interface HttpOptions {
  host: string;
  port: number;
  /** Required for a non-loopback host; checked against `Authorization: Bearer`. */
  token?: string | undefined;
  /** Extra Host values to accept (e.g. a reverse proxy's name). */
  allowedHosts?: readonly string[];
  /** Extra Origin values to accept (browsers send one). */
  allowedOrigins?: readonly string[];
  /** Close a session unused this long (default 30 minutes). */
  sessionIdleMs?: number | undefined;
  /** The most sessions at once (default 100); a new one closes the one unused longest. */
  maxSessions?: number | undefined;
  /** No sessions: each POST is served alone, so any instance behind a load balancer answers. */
  stateless?: boolean | undefined;
  log: (line: string) => void;
}

/** A listening HTTP MCP endpoint. */
export interface RunningHttp {
  url: string;
  /** How many sessions are open. */
  sessions(): number;
  close(): Promise<void>;
}

/** One session: its transport and when it was last used. */
interface Session {
  transport: StreamableHTTPServerTransport;
  lastUsed: number;
  /**
   * POSTs in progress (a long tool call): such a session is not idle. An open GET event stream
   * does not count, or a half-open connection would keep a session forever; a client whose
   * session expired gets 404 and starts a new one.
   */
  open: number;
}

export { isLoopback };

/**
 * Starts the endpoint at `http://host:port/mcp`.
 *
 * @throws Error when bound to a non-loopback host without a token, or when the port is taken.
 */
export async function startHttpServer(
  setup: ServerSetup,
  options: HttpOptions,
): Promise<RunningHttp> {
  refuseOpenWithoutToken(options.host, options.token);
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const maxSessions = options.maxSessions ?? 100;
  const sessions = new Map<string, Session>();
  const http: HttpServer = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log(`http: ${(error as Error).message}`);
      if (!res.headersSent) reject(res, 500, 'internal error');
    });
  });
  await new Promise<void>((resolve, fail) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${options.port} on ${options.host} is already in use: choose another with --port (or CLOUTAPI_MCP_PORT; 0 picks a free one)`
            : error.code === 'EACCES'
              ? `not allowed to listen on ${options.host}:${options.port}: choose a port above 1023 with --port`
              : `cannot listen on ${options.host}:${options.port}: ${error.message}`,
        ),
      ),
    );
    http.listen(options.port, options.host, resolve);
  });
  // Abandoned sessions (clients that never send DELETE) are closed once idle.
  const sweeper = setInterval(
    () => {
      const now = Date.now();
      for (const [id, s] of sessions) {
        if (s.open === 0 && now - s.lastUsed > idleMs) {
          options.log(`http: session ${id} closed after ${Math.round(idleMs / 60_000)} min idle`);
          void closeSession(id);
        }
      }
    },
    Math.min(60_000, Math.max(1000, idleMs / 4)),
  );
  sweeper.unref();
  async function closeSession(id: string) {
    const s = sessions.get(id);
    sessions.delete(id);
    await s?.transport.close();
  }
  const port = (http.address() as AddressInfo).port;
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
  const allowedHosts = new Set([
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `[::1]:${port}`,
    `${hostPart}:${port}`,
    ...(options.allowedHosts ?? []),
  ]);
  const allowedOrigins = new Set([
    `http://127.0.0.1:${port}`,
    `http://localhost:${port}`,
    `http://[::1]:${port}`,
    ...(options.allowedOrigins ?? []),
  ]);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== '/mcp') return reject(res, 404, 'not found: the MCP endpoint is /mcp');
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      options.log(`http: rejected Host "${host}"`);
      return reject(res, 403, `Host "${host}" is not allowed`);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      options.log(`http: rejected Origin "${origin}"`);
      return reject(res, 403, `Origin "${origin}" is not allowed`);
    }
    if (options.token && !bearerMatches(req.headers.authorization, options.token)) {
      return reject(res, 401, 'missing or wrong bearer token');
    }
    if (options.stateless) return serveAlone(req, res);
    const sessionId = req.headers['mcp-session-id'];
    const session = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (typeof sessionId === 'string' && !session)
      return reject(res, 404, 'unknown or expired session');
    if (session) {
      session.lastUsed = Date.now();
      if (req.method === 'POST') {
        session.open++;
        res.on('close', () => {
          session.open--;
          session.lastUsed = Date.now();
        });
      }
      return session.transport.handleRequest(req, res);
    }
    if (req.method !== 'POST') return reject(res, 400, 'start a session with an initialize POST');
    const created = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        while (sessions.size >= maxSessions) {
          const [oldest] = [...sessions].sort(([, x], [, y]) => x.lastUsed - y.lastUsed)[0] ?? [];
          if (oldest === undefined) break;
          options.log(`http: session ${oldest} closed: ${maxSessions} sessions is the limit`);
          void closeSession(oldest);
        }
        sessions.set(id, { transport: created, lastUsed: Date.now(), open: 0 });
      },
    });
    created.onclose = () => {
      if (created.sessionId) sessions.delete(created.sessionId);
    };
    await createMcpServer(setup).connect(created);
    await created.handleRequest(req, res);
  }

  /** Stateless: a server and transport for this one request, closed when it is answered. */
  async function serveAlone(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST')
      return reject(res, 405, 'this server is stateless: only POST is served');
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = createMcpServer(setup);
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  return {
    url: `http://${hostPart}:${port}/mcp`,
    sessions: () => sessions.size,
    async close() {
      clearInterval(sweeper);
      await Promise.all([...sessions.keys()].map(closeSession));
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections(); // idle keep-alive connections would hold close() for seconds
      await closed;
    },
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function reject(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}
