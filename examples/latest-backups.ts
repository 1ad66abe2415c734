/**
 * Lists the consumption units (machines) of a business unit with their latest backup status.
 *
 *   pnpm --filter @cloutapi/examples latest-backups "Acme Corporation"
 *
 * Uses your settings (CLOUTAPI_* or cloutility-api-client.yaml); without any, it runs on the
 * embedded simulator's demo data.
 */
import { demoSettings, loadSettings, toCloutilityOptions } from '@cloutapi/config';
import { createCloutility, findUnits, NotFoundError } from '@cloutapi/resources';
import { startDemo } from '@cloutapi/simulator';

const unitName = process.argv[2] ?? 'Acme Corporation';
const demo =
  process.env.CLOUTAPI_URL || process.env.CLOUTAPI_CONFIG ? undefined : await startDemo();
const clout = createCloutility(
  toCloutilityOptions(demo ? demoSettings(demo) : await loadSettings()),
);

try {
  const [unit] = findUnits(await clout.bunits.tree(), unitName);
  if (!unit) throw new Error(`no business unit matches "${unitName}"`);
  process.stdout.write(`${unit.path.join(' > ')}\n`);
  for (const consumer of (await clout.consumers.list(unit.id)).items) {
    const latest = await clout.reports.latest(unit.id, consumer.id!).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined; // no node or no report yet
      throw error;
    });
    const status = latest
      ? `${latest.status ?? '?'} on ${latest.reportDate?.slice(0, 10)}`
      : 'no backups yet';
    const warnings = latest?.warnings?.length ? ` (${latest.warnings.length} warning(s))` : '';
    process.stdout.write(`  #${consumer.id} ${consumer.name}: ${status}${warnings}\n`);
  }
} finally {
  await clout.client.close();
  await demo?.stop();
}
