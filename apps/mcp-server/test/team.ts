import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCredentials } from '@cloutapi/simulator';
import { baseEnv } from '@cloutapi/vitest-config';
import {
  printedMatch,
  runProcess,
  type Started,
  startProcess,
} from '@cloutapi/vitest-config/processes';
import { BIN } from './support.js';

/** Debian's libfaketime (package faketime). */
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** A state key every instance of a test shares. */
export const TEAM_KEY = 'team-test-state-key-0123456789-abcdefghijklmnop';

/** Options of {@link startTeamInstance}. */
export interface TeamInstanceOptions {
  /** The portal (a simulator, or a recorder in front of one). */
  portal: string;
  /** `--store`; default a fresh embedded store in a temporary data folder. */
  store?: string;
  port?: number;
  publicUrl?: string;
  args?: string[];
  env?: Record<string, string>;
  /** Runs the server this many seconds ahead of the test's clock (faketime), e.g. past a token's expiry. */
  aheadSeconds?: number;
}

/** One `cloutapi-mcp --http --auth oauth` process, as a reseller runs it. */
export interface TeamInstance {
  /** Where it listens (http://127.0.0.1:PORT). */
  url: string;
  port: number;
  process: Started;
  /** Stops it (SIGTERM; `kill` for SIGKILL) and waits for its exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built team server on the given portal; resolves once it listens. */
export async function startTeamInstance(options: TeamInstanceOptions): Promise<TeamInstance> {
  const data = mkdtempSync(join(tmpdir(), 'cloutapi-team-data-'));
  const env = {
    ...baseEnv(),
    HOME: data,
    CLOUTAPI_DATA_DIR: data,
    CLOUTAPI_CACHE_DIR: join(data, 'cache'),
    CLOUTAPI_URL: options.portal,
    CLOUTAPI_CLIENT_ID: demoCredentials.clientId,
    CLOUTAPI_ORIGIN: demoCredentials.origin,
    CLOUTAPI_MCP_STATE_KEY: TEAM_KEY,
    ...options.env,
  };
  const args = [
    BIN,
    '--http',
    '--auth',
    'oauth',
    '--port',
    String(options.port ?? 0),
    ...(options.store ? ['--store', options.store] : []),
    ...(options.publicUrl ? ['--public-url', options.publicUrl] : []),
    ...(options.args ?? []),
  ];
  // libfaketime itself (the faketime command forks, and a signal to it would not reach node).
  const clock = options.aheadSeconds
    ? { LD_PRELOAD: LIBFAKETIME, FAKETIME: ahead(options.aheadSeconds), DONT_FAKE_MONOTONIC: '1' }
    : {};
  const run = startProcess(process.execPath, args, { env: { ...env, ...clock } });
  const [, listening = ''] = await printedMatch(run, /Streamable HTTP at (\S+)/, 'stderr');
  const port = Number(new URL(listening).port);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: run,
    async stop(signal = 'SIGTERM') {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill(signal);
      await run.exited.catch(() => {});
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * A recorder in front of the portal: forwards everything and keeps every refresh token the token
 * endpoint hands out, so a test can look for them where they must not be.
 */
export async function portalRecorder(target: string) {
  const refreshTokens = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    const upstream = httpRequest(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          if (url.pathname === '/v1/oauth') {
            try {
              const token = JSON.parse(body.toString()).refresh_token;
              if (typeof token === 'string') refreshTokens.add(token);
            } catch {}
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    refreshTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs `cloutapi-mcp <args>` (audit, rekey) to its end with the test's state key. */
export function runTeamCommand(args: readonly string[], env: Record<string, string> = {}) {
  return runProcess(process.execPath, [BIN, ...args], {
    env: { ...baseEnv(), CLOUTAPI_MCP_STATE_KEY: TEAM_KEY, ...env },
  });
}

/** A JSON-RPC answer as tests read it: whatever the server sent. */
// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field by the tests
export type Answer = Record<string, any>;

/**
 * One JSON-RPC request to the MCP endpoint at `base` (2025-06-18, stateless), with this bearer
 * token (none: no Authorization header); the status, headers and the answer (from an SSE event
 * or a JSON body).
 */
export async function mcpCall(
  base: string,
  token: string | undefined,
  method: string,
  params: Record<string, unknown> = {},
): Promise<{ status: number; headers: Headers; body: Answer }> {
  const response = await fetch(`${base}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const text = await response.text();
  const data = /^data: (.*)$/m.exec(text)?.[1] ?? text;
  let body: Answer = {};
  try {
    body = JSON.parse(data);
  } catch {}
  return { status: response.status, headers: response.headers, body };
}

/**
 * faketime's offset for a clock `seconds` ahead of this process's own: the offset this process
 * already runs with (CI's run under faketime) plus `seconds`.
 */
function ahead(seconds: number): string {
  const current = /^\+(-?\d+)$/.exec(process.env.FAKETIME ?? '')?.[1];
  return `+${Number(current ?? 0) + seconds}`;
}
