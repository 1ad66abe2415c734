import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Agent } from 'node:http';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetch } from 'node-fetch-native/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createPortalAgent } from '../src/portal-agent.js';

/** A loopback server that records each connection and which connection each request came on. */
async function countingServer(server: Server) {
  const connections: Socket[] = [];
  const requests: number[] = [];
  server.on('connection', (socket: Socket) => connections.push(socket));
  server.on('request', (req, res) => {
    requests.push(connections.indexOf(req.socket));
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, connections, requests };
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** node-fetch (as the CLI sends) through `agent`. */
const nodeFetch = (url: string, options: { agent: Agent }) =>
  fetch(url, options as unknown as RequestInit);

/** Resolves once `n` connections have arrived. */
const connectionsReach = async (list: unknown[], n: number) => {
  while (list.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the portal connection pool', () => {
  it('opens the first connection before any request, and the first requests use it', async () => {
    server = createServer();
    const seen = await countingServer(server);
    const pool = createPortalAgent(new URL(`http://127.0.0.1:${seen.port}`));
    pool.preconnect();
    await connectionsReach(seen.connections, 1);
    expect(seen.requests).toEqual([]);

    for (let i = 0; i < 3; i++) {
      const response = await nodeFetch(`http://127.0.0.1:${seen.port}/v1/me`, {
        agent: pool.agent,
      });
      expect(await response.json()).toEqual({ ok: true });
    }
    // One connection in all: the early one, kept alive for the sequential calls.
    expect(seen.connections).toHaveLength(1);
    expect(seen.requests).toEqual([0, 0, 0]);
    pool.close();
  });

  it('opens connections ahead of requests sent at once, counting those it has: no more than asked', async () => {
    server = createServer();
    const seen = await countingServer(server);
    const pool = createPortalAgent(new URL(`http://127.0.0.1:${seen.port}`));
    pool.preconnect();
    await nodeFetch(`http://127.0.0.1:${seen.port}/v1/bunits`, { agent: pool.agent });
    pool.preconnect(4); // one is open already, idle: three more
    await connectionsReach(seen.connections, 4);
    const urls = Array.from({ length: 4 }, (_, i) => `http://127.0.0.1:${seen.port}/v1/${i}`);
    await Promise.all(urls.map((url) => nodeFetch(url, { agent: pool.agent })));
    expect(seen.connections).toHaveLength(4);
    expect(new Set(seen.requests.slice(1))).toEqual(new Set([0, 1, 2, 3]));
    pool.close();
  });

  it('closes an early connection no request took (the process can exit at once)', async () => {
    server = createServer();
    const seen = await countingServer(server);
    const pool = createPortalAgent(new URL(`http://127.0.0.1:${seen.port}`));
    pool.preconnect();
    await connectionsReach(seen.connections, 1);
    const closed = once(seen.connections[0] as Socket, 'close');
    pool.close();
    await closed;
    expect(seen.requests).toEqual([]);
  });

  it('a portal that refused the early connection: the request opens its own and fails as it would have', async () => {
    server = createServer();
    const seen = await countingServer(server);
    server.close(); // nothing listens on the port any more
    await once(server, 'close');
    const pool = createPortalAgent(new URL(`http://127.0.0.1:${seen.port}`));
    pool.preconnect();
    const failure = await nodeFetch(`http://127.0.0.1:${seen.port}/v1/me`, {
      agent: pool.agent,
    }).catch((error: Error) => error);
    expect(String((failure as Error & { code?: string }).code)).toBe('ECONNREFUSED');
    pool.close();
  });

  it('over TLS, the early connection checks the certificate as Node does: an untrusted one fails the request, nothing is sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloutapi-agent-'));
    try {
      const [key, cert] = ['key.pem', 'cert.pem'].map((name) => join(dir, name)) as [
        string,
        string,
      ];
      execFileSync(
        'openssl',
        [
          ...'req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1'.split(' '),
          ...['-keyout', key, '-out', cert, '-subj', '/CN=untrusted'],
          ...['-addext', 'subjectAltName=IP:127.0.0.1'],
        ],
        { stdio: 'ignore' },
      );
      server = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) });
      const seen = await countingServer(server);
      const pool = createPortalAgent(new URL(`https://127.0.0.1:${seen.port}`));
      pool.preconnect();
      const failure = await nodeFetch(`https://127.0.0.1:${seen.port}/v1/me`, {
        agent: pool.agent,
      }).catch((error: Error) => error);
      expect(String((failure as Error & { code?: string }).code)).toMatch(/SELF_SIGNED|UNABLE/);
      expect(seen.requests).toEqual([]);
      pool.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
