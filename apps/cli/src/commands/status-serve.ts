import { backupHealth } from '@cloutapi/resources';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { untilStopped } from '../signals.js';
import { resolveUnit } from './resolve.js';
import { type checkInput, intervalFlag } from './status.js';

/**
 * `cloutapi status serve`: starts the exporter and serves until SIGINT or SIGTERM. The unit is
 * resolved once; every refresh is a `backupHealth` run of the same check.
 */
export async function serveMetrics(
  ctx: Ctx,
  options: Record<string, unknown>,
  check: ReturnType<typeof checkInput>,
): Promise<void> {
  const settings = serveSettings(options);
  const session = await ctx.session();
  const { clout } = session;
  const { bunit, ...input } = check;
  const unit = bunit === undefined ? undefined : await resolveUnit(clout, bunit);
  const { startExporter } = await import('../status/exporter.js');
  // In place before the line that says where the metrics are: a script may stop it at once.
  const stopped = untilStopped();
  const exporter = await startExporter({
    ...settings,
    read: (signal) =>
      backupHealth(
        clout,
        { ...(unit ? { bunitId: unit.id } : {}), ...input },
        // No job is shown: what failed is the status's reason, not a metric.
        { signal, lastJobs: false },
      ),
    log: (line) => ctx.out.note(`cloutapi status serve: ${line}`),
  });
  ctx.out.note(
    `cloutapi status serve: metrics at ${exporter.url}/metrics, read every ${String(options.interval)}`,
  );
  await stopped;
  await exporter.close();
}

/** Address, port, interval and series limit; a usage error names the flag. */
function serveSettings(options: Record<string, unknown>) {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw usageError(`--port: expected a port number (0-65535), got "${String(options.port)}"`);
  const intervalMs = intervalFlag(options.interval);
  const maxMachineSeries = Number(options.maxMachineSeries);
  if (!Number.isInteger(maxMachineSeries) || maxMachineSeries < 0)
    throw usageError(
      `--max-machine-series: expected a whole number, got "${String(options.maxMachineSeries)}"`,
    );
  return { host: String(options.listen), port, intervalMs, maxMachineSeries };
}
