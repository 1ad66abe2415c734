import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

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
 * and answers with `handle`; closed after the test.
 */
export async function recordingServer(
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

/** Answers `value` as JSON with `status`. */
export const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
};
