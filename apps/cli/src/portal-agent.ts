import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';

/** Node's own connection pool for one portal, which can open its first connection early. */
export interface PortalAgent {
  /** The agent to give node-fetch: keep-alive, so sequential calls reuse one connection. */
  readonly agent: http.Agent;
  /**
   * Starts TCP connections and TLS handshakes to the portal now (up to `count` open in all,
   * default 1), so that they run while the code that sends the first requests is still loading,
   * or while a first answer comes before many requests go at once; new requests take these first.
   */
  preconnect(count?: number): void;
  /** Closes every connection, the early ones too, so that the process can exit at once. */
  close(): void;
}

/** What the agent hands node's http client for a new connection. */
type ConnectOptions = { host?: string | null; port?: number | string | null };

/**
 * The pool of `url`'s origin: Node's `https.Agent` (or `http.Agent`) with keep-alive, whose
 * documented `createConnection` hands out the connection {@link PortalAgent.preconnect} opened
 * (once, and only for the same host and port) before opening others as Node does. A connection
 * that failed early is dropped, and the request opens its own, failing as it would have.
 */
export function createPortalAgent(url: URL): PortalAgent {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const Base: typeof http.Agent = url.protocol === 'https:' ? https.Agent : http.Agent;
  const early: Duplex[] = [];

  class Pool extends Base {
    override createConnection(
      options: ConnectOptions,
      callback?: (error: Error | null, socket: Duplex) => void,
    ): Duplex {
      if (options.host === host && Number(options.port) === port) {
        // The oldest early connection still open; failed ones are dropped.
        for (let socket = early.shift(); socket; socket = early.shift())
          if (!socket.destroyed) return socket;
      }
      return super.createConnection(options as http.ClientRequestArgs, callback) as Duplex;
    }
  }

  // Node's own agent options (its default agent's keep-alive; no Nagle delay, as Node sets).
  const settings = { keepAlive: true, noDelay: true };
  const agent = new Pool(settings);
  return {
    agent,
    preconnect(count = 1) {
      // The options the agent would pass itself, with the name TLS checks the certificate against.
      const options = { ...settings, host, port, servername: isIP(host) ? '' : host };
      // Connections the agent has already (in use or idle) count towards `count`.
      const name = agent.getName(options);
      const held = (agent.sockets[name]?.length ?? 0) + (agent.freeSockets[name]?.length ?? 0);
      while (early.length + held < count) {
        const socket = Base.prototype.createConnection.call(
          agent,
          options as http.ClientRequestArgs,
        ) as Duplex;
        // Until a request takes it, a failure only means the request opens its own connection.
        socket.on('error', () => undefined);
        early.push(socket);
      }
    },
    close() {
      for (const socket of early.splice(0)) socket.destroy();
      agent.destroy();
    },
  };
}
