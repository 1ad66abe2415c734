/**
 * Streamable HTTP, stateless: every POST is answered alone, 2026-07-28 requests natively and 2025
 * clients through the SDK's stateless fallback, so any number of instances can serve one client.
 * Binds 127.0.0.1 by default, checks Host and Origin against an allow-list (DNS-rebinding
 * protection) and requires a bearer token when bound anywhere but loopback.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { type AuthInfo, createMcpHandler } from '@modelcontextprotocol/server';
import { isLoopback, refuseOpenWithoutToken } from './loopback.js';
import { refusal, smuggledKey } from './proto-guard.js';
import { readBody } from './read-body.js';
import { createMcpServer, type ServerSetup, serverFactory } from './sdk.js';
import type { TeamRoutes } from './team/server.js';

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
  /**
   * The team server (`--auth oauth`), made once the address is known (`publicUrl`, else where
   * it listens): people sign in, and each MCP request is served as its person.
   */
  team?: ((origin: string) => TeamRoutes) | undefined;
  /** The address clients use (behind a proxy); its host is accepted. */
  publicUrl?: string | undefined;
  log: (line: string) => void;
}

/** A listening HTTP MCP endpoint. */
export interface RunningHttp {
  url: string;
  close(): Promise<void>;
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
  const onerror = (error: Error) => options.log(`http: ${error.message}`);
  // A server per request, of the request's era; server-to-client requests cannot reach a
  // stateless client, so confirmations go by input request (2026) or token (2025).
  // On the team server, each request's setup is its person's (it comes with the token).
  const everyone = serverFactory(setup, false);
  const mcp = createMcpHandler(
    (ctx) => {
      const own = ctx.authInfo?.extra?.setup as ServerSetup | undefined;
      return own ? createMcpServer(own, ctx.era, false) : everyone(ctx);
    },
    { onerror },
  );
  const serve = toNodeHandler(mcp, { onerror });
  const http: HttpServer = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log(`http: ${(error as Error).message}`);
      if (!res.headersSent) reject(res, 500, 'internal error');
    });
  });
  // An idle keep-alive connection is closed by the client first (Node's fetch: 4 s), not by us
  // (Node's default: 5 s), or under load a client's next request meets a socket we just closed
  // ("other side closed"); 65 s also outlasts the usual load balancer idle timeout (60 s).
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
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
  const port = (http.address() as AddressInfo).port;
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
  const publicUrl = options.publicUrl ? new URL(options.publicUrl) : undefined;
  const allowedHosts = new Set([
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `[::1]:${port}`,
    `${hostPart}:${port}`,
    ...(publicUrl ? [publicUrl.host] : []),
    ...(options.allowedHosts ?? []),
  ]);
  const team = options.team?.(publicUrl?.origin ?? `http://${hostPart}:${port}`);
  const allowedOrigins = new Set([
    `http://127.0.0.1:${port}`,
    `http://localhost:${port}`,
    `http://[::1]:${port}`,
    ...(options.allowedOrigins ?? []),
  ]);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== '/mcp') {
      if (team && (await team.route(req, res))) return;
      return reject(res, 404, 'not found: the MCP endpoint is /mcp');
    }
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
    if (!team && options.token && !bearerMatches(req.headers.authorization, options.token)) {
      return reject(res, 401, 'missing or wrong bearer token');
    }
    const admitted = team ? await team.admit(req, res) : undefined;
    if (team && !admitted) return;
    if (admitted)
      (req as IncomingMessage & { auth?: AuthInfo }).auth = {
        ...admitted.authInfo,
        extra: { ...admitted.authInfo.extra, setup: admitted.setup },
      };
    try {
      await serveMcp(req, res);
    } finally {
      admitted?.done();
    }
  }

  async function serveMcp(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return serve(req, res);
    // Read here so a request carrying `__proto__` can be refused before the SDK's parsing drops
    // the key (see proto-guard.ts).
    const body = await readBody(req, MAX_BODY);
    if (body === undefined) {
      // The rest of the body is never read: the connection cannot carry another request.
      res.setHeader('connection', 'close');
      return reject(res, 413, `the request body is over ${MAX_BODY} bytes`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return replyJson(res, 400, {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: 'Parse error: the body is not JSON' },
      });
    }
    const smuggled = smuggledKey(parsed);
    if (smuggled !== undefined)
      return replyJson(res, 400, refusal(parsed as { id: string | number }, smuggled));
    await serve(req, res, parsed);
  }

  return {
    url: `http://${hostPart}:${port}/mcp`,
    async close() {
      await mcp.close();
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
  replyJson(res, status, { jsonrpc: '2.0', error: { code: -32000, message }, id: null });
}

function replyJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The SDK's own limit on a request body. */
const MAX_BODY = 4 * 1024 * 1024;
