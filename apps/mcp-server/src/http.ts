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
  log: (line: string) => void;
}

/** A listening HTTP MCP endpoint. */
export interface RunningHttp {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Whether a bind address is loopback only. */
export const isLoopback = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');

/**
 * Starts the endpoint at `http://host:port/mcp`.
 *
 * @throws Error when bound to a non-loopback host without a token.
 */
export async function startHttpServer(
  setup: ServerSetup,
  options: HttpOptions,
): Promise<RunningHttp> {
  if (!isLoopback(options.host) && !options.token) {
    throw new Error(
      `refusing to listen on ${options.host} without a bearer token: set CLOUTAPI_MCP_TOKEN (clients then send Authorization: Bearer <token>)`,
    );
  }
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http: HttpServer = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log(`http: ${(error as Error).message}`);
      if (!res.headersSent) reject(res, 500, 'internal error');
    });
  });
  await new Promise<void>((resolve) => http.listen(options.port, options.host, resolve));
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
    const sessionId = req.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (typeof sessionId === 'string' && !transport)
      return reject(res, 404, 'unknown or expired session');
    if (!transport) {
      if (req.method !== 'POST') return reject(res, 400, 'start a session with an initialize POST');
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, created);
        },
      });
      created.onclose = () => {
        if (created.sessionId) sessions.delete(created.sessionId);
      };
      await createMcpServer(setup).connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res);
  }

  return {
    url: `http://${hostPart}:${port}/mcp`,
    async close() {
      await Promise.all([...sessions.values()].map((t) => t.close()));
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
