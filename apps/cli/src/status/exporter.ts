import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BackupHealthResult } from '@cloutapi/resources';
import { backupMetricLines, family } from './openmetrics.js';

/** The content type of OpenMetrics text, as Prometheus asks for it. */
const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

/** Options of {@link startExporter}. */
export interface ExporterOptions {
  /** One refresh: the backup health, read from the portal; aborted when the exporter closes. */
  read(signal: AbortSignal): Promise<BackupHealthResult>;
  /** Time between the starts of two refreshes (a slower refresh is followed at once). */
  intervalMs: number;
  host: string;
  port: number;
  /** Past this many machines only the per-unit series are served (cardinality). */
  maxMachineSeries: number;
  /** Told what happens: each refresh, each failure. */
  log(line: string): void;
  /** The clock the data's age is measured with (tests pin it). */
  now?: () => number;
}

/** What the exporter knows of its last refresh and its last good data. */
interface Known {
  /** The metric text of the last good refresh, rendered and encoded once for every scrape. */
  text: Buffer | undefined;
  /** When the portal was read for them (ms). */
  readAt: number | undefined;
  /** Whether the last refresh worked; undefined before the first has ended. */
  ok: boolean | undefined;
  durationMs: number | undefined;
  requests: Record<string, number>;
  machines: number;
}

/** A running exporter. */
export interface Exporter {
  url: string;
  /** Resolves when the refresh under way (or the next one) has ended. */
  refreshed(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `cloutapi status serve`: the backup health as Prometheus metrics. The portal is read in the
 * background, one refresh at a time, every `intervalMs`; a scrape is answered from the last good
 * refresh at once, so it never waits on the portal and any number of scrapers cost the portal
 * nothing. A refresh that fails keeps the last good values, and says so in
 * `cloutapi_refresh_success` and `cloutapi_data_age_seconds`.
 */
export async function startExporter(options: ExporterOptions): Promise<Exporter> {
  const now = options.now ?? Date.now;
  const known: Known = {
    text: undefined,
    readAt: undefined,
    ok: undefined,
    durationMs: undefined,
    requests: {},
    machines: 0,
  };
  const stop = new AbortController();
  const waiting: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;

  const refresh = async () => {
    const started = now();
    try {
      const result = await options.read(stop.signal);
      const perMachine = result.machines.length <= options.maxMachineSeries;
      known.text = Buffer.from(`${backupMetricLines(result, { perMachine }).join('\n')}\n`);
      known.readAt = Date.parse(result.checkedAt);
      known.requests = result.requests;
      known.machines = result.machines.length;
      known.ok = true;
      options.log(
        `read ${result.machines.length} machines in ${result.units.length} units (${totalOf(result.requests)} requests, ${Math.round(now() - started)} ms)${perMachine ? '' : `; per-unit series only (more than ${options.maxMachineSeries} machines)`}`,
      );
    } catch (error) {
      if (stop.signal.aborted) return;
      known.ok = false;
      options.log(`refresh failed, serving the last good values: ${(error as Error).message}`);
    } finally {
      known.durationMs = now() - started;
      for (const resolve of waiting.splice(0)) resolve();
    }
    if (!stop.signal.aborted)
      timer = setTimeout(refresh, Math.max(0, options.intervalMs - (now() - started)));
  };

  const server = createServer((req, res) => answer(req, res, () => scrape(known, options, now())));
  await listen(server, options.host, options.port);
  void refresh();
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    refreshed: () => new Promise<void>((resolve) => waiting.push(resolve)),
    async close() {
      stop.abort();
      clearTimeout(timer);
      for (const resolve of waiting.splice(0)) resolve();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** `/metrics` answered with the metrics; `/` says where they are; anything else is 404. */
function answer(req: IncomingMessage, res: ServerResponse, metrics: () => Buffer[]): void {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('GET only\n');
    return;
  }
  if (path === '/metrics') {
    const parts = metrics();
    const length = parts.reduce((n, p) => n + p.length, 0);
    res.writeHead(200, {
      'content-type': OPENMETRICS,
      'content-length': length,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    for (const part of parts.slice(0, -1)) res.write(part);
    res.end(parts.at(-1));
    return;
  }
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('cloutapi status serve: backup health as Prometheus metrics at /metrics\n');
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
}

/** One scrape: the last good backup lines, then the exporter's own, then `# EOF`. */
function scrape(known: Known, options: ExporterOptions, at: number): Buffer[] {
  const gauge = (name: string, help: string, value: number | undefined, unit?: string) =>
    value === undefined ? [] : family(name, 'gauge', help, [`${name} ${value}`], unit);
  const lines = [
    ...gauge(
      'cloutapi_refresh_success',
      'Whether the last refresh read the portal (0: the values are the last good ones).',
      known.ok === undefined ? undefined : known.ok ? 1 : 0,
    ),
    ...gauge(
      'cloutapi_refresh_duration_seconds',
      'How long the last refresh took.',
      known.durationMs === undefined ? undefined : known.durationMs / 1000,
      'seconds',
    ),
    ...family(
      'cloutapi_refresh_requests',
      'gauge',
      'Portal requests of the last good refresh, by operation.',
      Object.entries(known.requests).map(
        ([operation, n]) => `cloutapi_refresh_requests{operation="${operation}"} ${n}`,
      ),
    ),
    ...gauge(
      'cloutapi_data_age_seconds',
      'Age of the values served: time since the portal was read for them.',
      known.readAt === undefined ? undefined : Math.max(0, at - known.readAt) / 1000,
      'seconds',
    ),
    ...gauge(
      'cloutapi_refresh_interval_seconds',
      'How often the portal is read.',
      options.intervalMs / 1000,
      'seconds',
    ),
    ...gauge(
      'cloutapi_machine_series',
      'Whether per-machine series are served (0: per-unit only, past the machine limit).',
      known.text === undefined ? undefined : known.machines <= options.maxMachineSeries ? 1 : 0,
    ),
  ];
  // The backup part as rendered at the refresh; only the exporter's own lines are made here.
  const tail = Buffer.from(`${[...lines, '# EOF'].join('\n')}\n`);
  return known.text ? [known.text, tail] : [tail];
}

const totalOf = (requests: Record<string, number>) =>
  Object.values(requests).reduce((a, b) => a + b, 0);

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
