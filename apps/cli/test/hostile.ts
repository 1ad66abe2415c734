import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';

/** What the hostile server answers to one request. */
export interface HostileAnswer {
  status?: number;
  body: unknown;
}

/** One request as the hostile server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  body: string;
}

/**
 * A small `node:http` server that plays a portal gone bad: it signs anyone in (`POST /v1/oauth`)
 * and answers every other request with what `answer` returns (404 when nothing). Started before
 * the file's tests, stopped after.
 */
export function useHostileServer(answer: (request: SeenRequest) => HostileAnswer | undefined): {
  url: () => string;
  seen: SeenRequest[];
  env: (cacheDir: string, extra?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
} {
  const seen: SeenRequest[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      body: Buffer.concat(chunks).toString('utf8'),
    };
    seen.push(request);
    const reply =
      request.method === 'POST' && request.path.startsWith('/v1/oauth')
        ? {
            status: 200,
            body: {
              access_token: 'hostile-access-token-0001',
              token_type: 'bearer',
              expires_in: 299,
              refresh_token: 'hostile-refresh-token-0001',
            },
          }
        : (answer(request) ?? {
            status: 404,
            body: { code: 'NotFound', message: 'not here', status: 404 },
          });
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  });
  const address = serveDuringFile(server);
  return {
    url: address,
    seen,
    env: (cacheDir, extra = {}) => ({
      CLOUTAPI_URL: address(),
      CLOUTAPI_CLIENT_ID: 'hostile-client',
      CLOUTAPI_ORIGIN: 'https://hostile.example',
      CLOUTAPI_USERNAME: 'operator',
      CLOUTAPI_PASSWORD: 'operator-password-0001',
      CLOUTAPI_CACHE_DIR: cacheDir,
      ...extra,
    }),
  };
}

/**
 * Listens on 127.0.0.1 before the file's tests and stops after them (its held connections too);
 * returns the server's URL once it listens.
 */
export function serveDuringFile(server: Server): () => string {
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });
  return () => url;
}

/** A command refused an answer that is not the API's: exit 1, nothing printed, what came named. */
export function expectNotApi(
  run: { code: number | null; stdout: string; stderr: string },
  what: string,
): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(
    new RegExp(`^error: .+: the server did not answer with the API's JSON: it sent ${what}\\n`),
  );
  expect(run.stderr).toContain(
    "Is CLOUTAPI_URL (or --url, or the config file's url) the API's base URL?",
  );
}
