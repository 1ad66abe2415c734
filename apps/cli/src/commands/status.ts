import { writeFile } from 'node:fs/promises';
import {
  type BackupHealthResult,
  backupHealth,
  backupHistoryByUnit,
  type HealthProgress,
  healthStatus,
  needsAttention,
  parseDuration,
} from '@cloutapi/resources';
import { type Command, Option } from 'commander';
import type { Ctx } from '../context.js';
import { interrupted, report, usageError } from '../errors.js';
import { progressBar } from '../output/progress.js';
import { resolveUnit } from './resolve.js';

const FORMATS = ['text', 'json', 'nagios', 'openmetrics'] as const;
type Format = (typeof FORMATS)[number];

/** Nagios/Icinga's UNKNOWN: the check itself could not be done. */
const UNKNOWN_EXIT = 3;

/**
 * `cloutapi status`: the morning question. Every machine under a unit, by backup health, for
 * people (summary and attention list), scripts (`--json`), monitoring (`--format nagios` and
 * plugin exit codes, `--format openmetrics` for node_exporter) and a report (`--html`).
 */
export function configureStatus(command: Command, ctx: Ctx): void {
  command.description(
    "Checks the backup health of every machine under a business unit (default: your home unit, with every unit below): failed last night, warnings, at risk (no successful backup within --at-risk: IBM Storage Protect's rule, 24 h by default), never backed up, not activated, unreadable, excluded. Prints a summary per unit and the machines needing attention, worst first.\n\nExits as a monitoring plugin: 0 OK, 1 WARNING (warnings, nodes not activated), 2 CRITICAL (failed, never backed up or at risk), 3 UNKNOWN (a machine or unit could not be read, or the check failed).\n\n`cloutapi status serve` serves the same as Prometheus metrics.",
  );
  addCheckOptions(command)
    .addOption(
      new Option('--format <format>', 'output: text, json, nagios or openmetrics').choices(FORMATS),
    )
    .addOption(new Option('--watch', 'check again every --interval and print only what changed'))
    .addOption(
      new Option('--interval <duration>', 'with --watch: how often to check').default('5m'),
    )
    .addOption(
      new Option(
        '--post <url>',
        'with --watch: POST each change as JSON to this URL, signed with CLOUTAPI_STATUS_WEBHOOK_SECRET',
      ),
    )
    .addOption(
      new Option(
        '--html <file>',
        'also write a self-contained HTML report (charts of stored data and 30 days of results)',
      ),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi status\n  cloutapi status --bunit "Acme Corporation" --at-risk 2d --at-risk-for Windows=48h --exclude tag:lab\n  cloutapi status --format nagios            # as an Icinga/Nagios check\n  cloutapi status --format openmetrics > /var/lib/node_exporter/textfile/cloutapi.prom\n  cloutapi status --html backup-health.html\n  cloutapi status --watch --interval 10m --post https://hooks.example.net/backup',
    )
    .action(async (options: Record<string, unknown>) => {
      if (options.watch === true || options.post !== undefined) {
        const { watchStatus } = await import('./status-watch.js');
        await watchStatus(ctx, options, checkInput(options));
        return;
      }
      try {
        ctx.exitCode = await runStatus(ctx, options);
      } catch (error) {
        // A check that could not be done is UNKNOWN to a monitoring system, whatever the cause.
        report(error, ctx.globals.debug, ctx.globals.color);
        ctx.exitCode = UNKNOWN_EXIT;
      }
    });
  const serve = command
    .command('serve')
    .summary('serve the backup health as Prometheus metrics, refreshed in the background')
    .description(
      "Serves the backup health as Prometheus metrics (OpenMetrics) at http://HOST:PORT/metrics. The portal is read in the background every --interval, one refresh at a time: a scrape is answered at once from the last good refresh, and a refresh that fails keeps the last good values (cloutapi_refresh_success 0, cloutapi_data_age_seconds grows). Alert rules and a Grafana dashboard for these metrics ship in the package's prometheus/ folder.",
    );
  addCheckOptions(serve)
    .addOption(new Option('--listen <host>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--port <port>', 'port to listen on').default('9877'))
    .addOption(new Option('--interval <duration>', 'how often to read the portal').default('5m'))
    .addOption(
      new Option(
        '--max-machine-series <n>',
        'past this many machines, serve per-unit series only (bounds the cardinality)',
      ).default('10000'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi status serve\n  cloutapi status serve --listen 0.0.0.0 --port 9877 --interval 10m --bunit "Acme Corporation"',
    )
    .action(async (options: Record<string, unknown>) => {
      const { serveMetrics } = await import('./status-serve.js');
      await serveMetrics(ctx, options, checkInput(options));
    });
}

/** The options that say what to check, shared by `status` and `status serve`. */
function addCheckOptions(command: Command): Command {
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  return (
    command
      .addOption(new Option('--bunit <unit>', 'business unit to check: id or name'))
      .addOption(new Option('--no-sub-units', 'check only that unit, not the units below it'))
      .addOption(
        new Option(
          '--at-risk <duration>',
          "no successful backup for longer is at risk (IBM's STATUSATRISKINTERVAL)",
        ).default('24h'),
      )
      .addOption(
        new Option(
          '--at-risk-for <type=duration>',
          'another interval for an operating system or node type, by name (repeatable): Windows=48h',
        ).argParser(collect),
      )
      .addOption(
        new Option(
          '--skipped-as-failure',
          "a backup that skipped files counts as failed (IBM's STATUSSKIPASFAILURE; one more request a machine)",
        ),
      )
      .addOption(
        new Option(
          '--exclude <machine>',
          'do not watch this machine: its name, node name, or tag:NAME (repeatable)',
        ).argParser(collect),
      )
      // The older name of --at-risk.
      .addOption(new Option('--stale <duration>').hideHelp())
      .addOption(new Option('--concurrency <n>', 'requests in flight at most').default('8'))
  );
}

/** The check's input from its options; a usage error names the flag. */
export function checkInput(options: Record<string, unknown>) {
  const atRiskText = String(options.stale ?? options.atRisk);
  const atRiskAfter = durationFlag(
    options.stale === undefined ? '--at-risk' : '--stale',
    atRiskText,
  );
  const byType: Record<string, number> = {};
  for (const pair of (options.atRiskFor as string[] | undefined) ?? []) {
    const at = pair.lastIndexOf('=');
    if (at < 1)
      throw usageError(`--at-risk-for: expected TYPE=DURATION such as Windows=48h, got "${pair}"`);
    byType[pair.slice(0, at).trim()] = durationFlag('--at-risk-for', pair.slice(at + 1));
  }
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw usageError(
      `--concurrency: expected a whole number from 1 to 64, got "${String(options.concurrency)}"`,
    );
  return {
    bunit: options.bunit === undefined ? undefined : String(options.bunit),
    includeSubUnits: options.subUnits !== false,
    atRiskAfter,
    atRiskAfterByType: byType,
    skippedAsFailure: options.skippedAsFailure === true,
    exclude: (options.exclude as string[] | undefined) ?? [],
    concurrency,
  };
}

/** The least time between two checks of `--watch` or `status serve`: the portal is not a database to poll. */
const MIN_INTERVAL_MS = 30_000;

/** `--interval` in milliseconds: a duration of at least 30 s. */
export function intervalFlag(value: unknown): number {
  const ms = parseDuration(String(value));
  if (ms === undefined || ms < MIN_INTERVAL_MS)
    throw usageError(
      `--interval: expected a duration of at least 30s such as 5m or 1h, got "${String(value)}"`,
    );
  return ms;
}

/** A duration flag's value in milliseconds: at least a minute. */
function durationFlag(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms < 60_000)
    throw usageError(
      `${flag}: expected a duration of at least a minute such as 24h, 2d or 90m, got "${text}"`,
    );
  return ms;
}

async function runStatus(ctx: Ctx, options: Record<string, unknown>): Promise<number> {
  const format: Format =
    (options.format as Format | undefined) ?? (ctx.out.mode === 'json' ? 'json' : 'text');
  const { bunit, concurrency, ...check } = checkInput(options);
  const html = options.html === undefined ? undefined : String(options.html);

  const session = await ctx.session();
  // The scan sends `concurrency` requests at once right after the first answer: their
  // connections open while that answer is on its way.
  session.preconnect(concurrency);
  const { clout } = session;
  const unit = bunit === undefined ? undefined : await resolveUnit(clout, bunit);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  const bar = await checkBar(ctx, format);
  try {
    const now = new Date();
    const result = await backupHealth(
      clout,
      { ...(unit ? { bunitId: unit.id } : {}), ...check, concurrency },
      { signal: controller.signal, now, onProgress: bar?.update },
    );
    if (html) {
      const history = await backupHistoryByUnit(clout, result.machines, {
        now,
        concurrency,
        signal: controller.signal,
        ...(bar ? { onProgress: bar.history } : {}),
      });
      const { htmlReport } = await import('../status/html-report.js');
      bar?.stop();
      await writeFile(html, htmlReport(result, history));
    }
    bar?.stop();
    if (html) ctx.out.note(`Wrote the report to ${html}`);
    await print(ctx, format, result);
    const { PLUGIN_EXIT } = await import('../status/nagios.js');
    return PLUGIN_EXIT[healthStatus(result)];
  } catch (error) {
    if (controller.signal.aborted) throw interrupted('status: interrupted; nothing more was sent');
    throw error;
  } finally {
    bar?.stop();
    process.off('SIGINT', stop);
  }
}

async function print(ctx: Ctx, format: Format, result: BackupHealthResult): Promise<void> {
  // Results go to stdout whatever the output mode: a monitoring check always has its line.
  const write = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (format === 'json') {
    write(JSON.stringify({ status: healthStatus(result), ...result }, null, 2));
    return;
  }
  if (format === 'nagios') {
    const { nagiosLine } = await import('../status/nagios.js');
    write(nagiosLine(result));
    return;
  }
  if (format === 'openmetrics') {
    const { openMetrics } = await import('../status/openmetrics.js');
    write(openMetrics(result));
    return;
  }
  const { summaryText } = await import('../status/summary-text.js');
  // Notes may quote the server: note() shows them with control characters made visible.
  for (const note of result.notes) ctx.out.note(note, true);
  if (ctx.out.mode === 'quiet') {
    for (const m of result.machines.filter(needsAttention)) write(`${m.bunitId}/${m.consumerId}`);
    return;
  }
  write(summaryText(result, ctx.out.colors));
}

/** A progress bar on stderr while it checks, only for people at a terminal. */
async function checkBar(ctx: Ctx, format: Format) {
  if (format !== 'text' || ctx.out.mode !== 'human' || !process.stderr.isTTY) return undefined;
  const bar = await progressBar('checking [{bar}] {value}/{total} {what}');
  let started = false;
  let stopped = false;
  const ensure = (total: number) => {
    if (!started) bar.start(total, 0, { what: '' });
    started = true;
  };
  return {
    update: (p: HealthProgress) => {
      ensure(p.total);
      bar.setTotal(p.total);
      bar.update(p.done, { what: 'units and machines' });
    },
    history: (done: number, total: number) => {
      ensure(total);
      bar.setTotal(total);
      bar.update(done, { what: 'machines: 30 days of reports' });
    },
    stop: () => {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}
