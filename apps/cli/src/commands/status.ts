import { writeFile } from 'node:fs/promises';
import {
  type BackupHealthResult,
  backupHealth,
  backupHistory,
  type HealthProgress,
  healthStatus,
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
  command
    .description(
      'Checks the backup health of every machine under a business unit (default: your home unit, with every unit below): failed last night, warnings, stale (no successful backup within --stale), never backed up, not activated, unreadable. Prints a summary per unit and the machines needing attention, worst first.\n\nExits as a monitoring plugin: 0 OK, 1 WARNING (warnings, nodes not activated), 2 CRITICAL (failed, never backed up or stale), 3 UNKNOWN (a machine or unit could not be read, or the check failed).',
    )
    .addOption(new Option('--bunit <unit>', 'business unit to check: id or name'))
    .addOption(new Option('--no-sub-units', 'check only that unit, not the units below it'))
    .addOption(
      new Option('--stale <duration>', 'no successful backup for longer is stale').default('36h'),
    )
    .addOption(new Option('--concurrency <n>', 'requests in flight at most').default('8'))
    .addOption(
      new Option('--format <format>', 'output: text, json, nagios or openmetrics').choices(FORMATS),
    )
    .addOption(
      new Option(
        '--html <file>',
        'also write a self-contained HTML report (charts of stored data and 30 days of results)',
      ),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi status\n  cloutapi status --bunit "Acme Corporation" --stale 2d\n  cloutapi status --format nagios            # as an Icinga/Nagios check\n  cloutapi status --format openmetrics > /var/lib/node_exporter/textfile/cloutapi.prom\n  cloutapi status --html backup-health.html',
    )
    .action(async (options: Record<string, unknown>) => {
      try {
        ctx.exitCode = await runStatus(ctx, options);
      } catch (error) {
        // A check that could not be done is UNKNOWN to a monitoring system, whatever the cause.
        report(error, ctx.globals.debug, ctx.globals.color);
        ctx.exitCode = UNKNOWN_EXIT;
      }
    });
}

async function runStatus(ctx: Ctx, options: Record<string, unknown>): Promise<number> {
  const format: Format =
    (options.format as Format | undefined) ?? (ctx.out.mode === 'json' ? 'json' : 'text');
  const staleAfter = parseDuration(String(options.stale));
  if (staleAfter === undefined || staleAfter < 60_000)
    throw usageError(
      `--stale: expected a duration of at least a minute such as 36h, 2d or 90m, got "${String(options.stale)}"`,
    );
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw usageError(
      `--concurrency: expected a whole number from 1 to 64, got "${String(options.concurrency)}"`,
    );
  const html = options.html === undefined ? undefined : String(options.html);

  const session = await ctx.session();
  // The scan sends `concurrency` requests at once right after the first answer: their
  // connections open while that answer is on its way.
  session.preconnect(concurrency);
  const { clout } = session;
  const unit =
    options.bunit === undefined ? undefined : await resolveUnit(clout, String(options.bunit));
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  const bar = await checkBar(ctx, format);
  try {
    const now = new Date();
    const result = await backupHealth(
      clout,
      {
        ...(unit ? { bunitId: unit.id } : {}),
        includeSubUnits: options.subUnits !== false,
        staleAfter,
        concurrency,
      },
      { signal: controller.signal, now, onProgress: bar?.update },
    );
    if (html) {
      const days = await backupHistory(clout, result.machines, {
        now,
        concurrency,
        signal: controller.signal,
        ...(bar ? { onProgress: bar.history } : {}),
      });
      const { htmlReport } = await import('../status/html-report.js');
      bar?.stop();
      await writeFile(html, htmlReport(result, days));
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
    for (const m of result.machines.filter((x) => x.category !== 'ok'))
      write(`${m.bunitId}/${m.consumerId}`);
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
