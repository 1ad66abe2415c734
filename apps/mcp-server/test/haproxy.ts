import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { baseEnv } from '@cloutapi/vitest-config';
import { type Started, startProcess } from '@cloutapi/vitest-config/processes';

/** Debian's HAProxy (`apt-get install haproxy`; .ci/run installs it). */
export const HAPROXY = '/usr/sbin/haproxy';

/** The one backend of the config, as the admin socket's commands name it. */
const BACKEND = 'servers';

/** What `startHaproxy` puts behind one address. */
export interface HaproxyOptions {
  /** The servers on 127.0.0.1, by the name `disable`, `enable` and `stats` use. */
  backends: Array<{ name: string; port: number }>;
  /** How a request picks its server; `roundrobin` unless told. */
  balance?: 'roundrobin' | 'leastconn';
  /**
   * Checks every server with `GET healthPath` each 500 ms: down after 2 failures, up again after
   * 1 success. Without it there are no health checks, and only retries route around a dead server.
   */
  healthPath?: string;
  /** The port to listen on, for a caller that must know it before the servers start; a free one unless told. */
  port?: number;
  /**
   * A whole configuration of the caller's (a README's recipe) instead of the one made here, given
   * the port to listen on; only the admin socket is added (`global`).
   */
  config?: ((port: number) => string) | undefined;
}

/** One server's line of `show stat`. */
export interface ServerStats {
  /** `UP`, `DOWN`, `MAINT`, `no check`, or a transition such as `UP 1/2`. */
  status: string;
  /** Requests sent to it (`stot`: in HTTP mode a session is one request). */
  sessions: number;
  /** Connections to it retried (`wretr`). */
  retries: number;
  /** Requests moved from it to another server (`wredis`). */
  redispatches: number;
}

/** A running HAProxy in front of `backends`. */
export interface Haproxy {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Puts a server in maintenance: no request goes to it until `enable`. */
  disable(name: string): Promise<void>;
  /** Takes a server out of maintenance. */
  enable(name: string): Promise<void>;
  /** Each server's state and counts, by name. */
  stats(): Promise<Record<string, ServerStats>>;
  /** Kills HAProxy, waits for its exit and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/** A free TCP port on loopback (free when asked: another process may take it before use). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * HAProxy on 127.0.0.1 in front of `backends` on 127.0.0.1, as a deployment would run it: HTTP
 * keep-alive to clients, `X-Forwarded-For` and `X-Forwarded-Proto` added, a request whose
 * connection to a dead server failed retried on another, and an admin socket to steer it. Its
 * own process and config in a fresh temp folder; resolves once the port accepts connections.
 */
export async function startHaproxy(options: HaproxyOptions): Promise<Haproxy> {
  if (!existsSync(HAPROXY))
    throw new Error(
      `HAProxy is not installed at ${HAPROXY}: apt-get install haproxy (.ci/run does)`,
    );
  for (const { name } of options.backends)
    if (!/^[\w.-]+$/.test(name)) throw new Error(`"${name}" is not a HAProxy server name`);
  const dir = mkdtempSync(join(tmpdir(), 'cloutapi-haproxy-'));
  const socket = join(dir, 'admin.sock');
  try {
    const { run, port } = await launch(options, dir, socket);
    const set = (name: string, state: 'ready' | 'maint') =>
      setServer(socket, `set server ${BACKEND}/${name} state ${state}`);
    let stopping: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      disable: (name) => set(name, 'maint'),
      enable: (name) => set(name, 'ready'),
      stats: async () => serverStats(await admin(socket, 'show stat')),
      stop: () => {
        stopping ??= halt(run).finally(() => rmSync(dir, { recursive: true, force: true }));
        return stopping;
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The config: one frontend on `port`, one backend of `options.backends`, the admin socket. */
function haproxyConfig(options: HaproxyOptions, port: number, socket: string): string {
  if (options.config)
    return `global\n  stats socket ${socket} level admin\n${options.config(port)}\n`;
  const check = options.healthPath !== undefined;
  return [
    'global',
    `  stats socket ${socket} level admin`,
    'defaults',
    '  mode http', // keep-alive on both sides: no `option http-server-close`
    '  option forwardfor',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    'frontend in',
    `  bind 127.0.0.1:${port}`,
    '  http-request set-header X-Forwarded-Proto http',
    `  default_backend ${BACKEND}`,
    `backend ${BACKEND}`,
    `  balance ${options.balance ?? 'roundrobin'}`,
    // HAProxy retries only what is safe: while no response has begun and the request fits its buffer.
    '  retries 3',
    '  retry-on conn-failure empty-response response-timeout',
    '  option redispatch',
    ...(check
      ? [
          `  option httpchk GET ${options.healthPath}`,
          '  default-server check inter 500ms fall 2 rise 1',
        ]
      : []),
    ...options.backends.map(({ name, port }) => `  server ${name} 127.0.0.1:${port}`),
    '',
  ].join('\n');
}

/** Starts HAProxy until it listens; a port it picked that another process took is picked again. */
async function launch(
  options: HaproxyOptions,
  dir: string,
  socket: string,
): Promise<{ run: Started; port: number }> {
  const config = join(dir, 'haproxy.cfg');
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    writeFileSync(config, haproxyConfig(options, port, socket));
    const run = startProcess(HAPROXY, ['-f', config, '-db'], { env: baseEnv() });
    if (await listening(run, port, socket)) return { run, port };
    await halt(run);
    if (options.port === undefined && attempt < 3 && /cannot bind/i.test(run.stderr())) continue;
    throw new Error(`HAProxy did not start listening on 127.0.0.1:${port}: ${run.stderr()}`);
  }
}

/** Whether both the port and the admin socket answer before the process ends; polls for 10 s at most. */
async function listening(run: Started, port: number, socket: string): Promise<boolean> {
  let ended = false;
  run.exited.then(
    () => {
      ended = true;
    },
    () => {
      ended = true;
    },
  );
  for (let attempt = 0; attempt < 200 && !ended; attempt++) {
    if ((await accepts(port)) && (await admin(socket, 'show info').then(Boolean, () => false)))
      return !ended;
    await sleep(50);
  }
  return false;
}

/** Whether a TCP connection to 127.0.0.1:`port` is accepted. */
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** SIGTERM (HAProxy's hard stop), then SIGKILL if it has not ended within 5 s; resolves on exit. */
async function halt(run: Started): Promise<void> {
  const ended = run.exited.then(
    () => true,
    () => true,
  );
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
  const timer = new AbortController();
  const gone = await Promise.race([ended, sleep(5_000, false, { signal: timer.signal })]);
  timer.abort();
  if (!gone) {
    run.child.kill('SIGKILL');
    await ended;
  }
}

/** One command to HAProxy's admin socket; its answer. */
const admin = (socket: string, command: string) =>
  new Promise<string>((resolve, reject) => {
    let answer = '';
    const c = connect(socket, () => c.end(`${command}\n`));
    c.on('data', (d) => {
      answer += d;
    });
    c.on('end', () => resolve(answer));
    c.on('error', reject);
  });

/** A `set server` command; HAProxy answers nothing when it took it, and why not otherwise. */
async function setServer(socket: string, command: string): Promise<void> {
  const answer = (await admin(socket, command)).trim();
  if (answer) throw new Error(`HAProxy refused "${command}": ${answer}`);
}

/**
 * The servers' lines of `show stat` (CSV, a `# ` header naming the columns). The columns read
 * here come before the free-text ones, so a quoted comma further on cannot shift them.
 */
function serverStats(csv: string): Record<string, ServerStats> {
  const [header = '', ...rows] = csv.split('\n').filter(Boolean);
  const columns = header.replace(/^# /, '').split(',');
  const stats: Record<string, ServerStats> = {};
  for (const row of rows) {
    const cells = row.split(',');
    const cell = (name: string) => cells[columns.indexOf(name)] ?? '';
    const server = cell('svname');
    // Every backend's servers (a caller's own configuration may name its backend otherwise).
    if (server === 'BACKEND' || server === 'FRONTEND') continue;
    stats[server] = {
      status: cell('status'),
      sessions: Number(cell('stot')),
      retries: Number(cell('wretr')),
      redispatches: Number(cell('wredis')),
    };
  }
  return stats;
}
