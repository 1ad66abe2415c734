import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { type ClientOptions, createClient } from '../src/index.js';
import { fetchUnderTest, signIn } from './support.js';

/** What a loopback server saw of one request. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/**
 * A real server on `host` (127.0.0.1, or 127.0.0.2 as "another host") that records every request
 * and answers with `handle`. Token requests are answered with a token unless `handle` does.
 */
export async function server(
  host: string,
  handle: (req: Seen, res: ServerResponse) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(entry);
      res.on('error', () => {});
      handle(entry, res);
    });
  });
  await new Promise<void>((resolve) => s.listen(0, host, resolve));
  servers.push({
    close: () => {
      s.closeAllConnections();
      s.close();
    },
  });
  return { url: `http://${host}:${(s.address() as AddressInfo).port}`, seen };
}

export const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
};

/** Answers a password grant with a token; returns false for every other request. */
export function answerToken(req: Seen, res: ServerResponse): boolean {
  if (req.url !== '/v1/oauth') return false;
  json(res, 200, { access_token: 'loopback-access-token', expires_in: 299 });
  return true;
}

export const PASSWORD = 'loopback-portal-password';

/** A client of a loopback server, on the fetch under test, without retry delays. */
export function loopbackClient(
  baseUrl: string,
  overrides: Partial<ClientOptions<typeof signIn>> = {},
) {
  const fetch = fetchUnderTest();
  return createClient({
    baseUrl,
    clientId: 'client-1',
    origin: 'https://service.example.com',
    authStrategy: signIn,
    auth: { username: 'ops@example.net', password: PASSWORD },
    retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 50 },
    ...(fetch ? { fetch } : {}),
    ...overrides,
  });
}
