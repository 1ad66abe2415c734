import {
  type BackupHealthResult,
  HEALTH_CATEGORIES,
  type MachineHealth,
} from '@cloutapi/resources';
import { PLUGIN_EXIT } from './nagios.js';

const MIB = 1_048_576;

/** A label value in the exposition format: backslash, double quote and newline escaped. */
function labelValue(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** Severity of a category as a plugin would say it: 0 ok, 1 warning, 2 critical, 3 unknown. */
function severity(m: MachineHealth): number {
  if (m.category === 'failed' || m.category === 'never' || m.category === 'stale')
    return PLUGIN_EXIT.critical;
  if (m.category === 'unknown') return PLUGIN_EXIT.unknown;
  if (m.category === 'warning' || m.category === 'not-activated') return PLUGIN_EXIT.warning;
  return PLUGIN_EXIT.ok;
}

/**
 * Metrics for node_exporter's textfile collector (OpenMetrics text, which the Prometheus text
 * parser also reads): per machine the last success time, the status and the stored bytes,
 * labelled with unit and machine names and ids; per unit the machines by category; the time of
 * the check. Ends with `# EOF`.
 */
export function openMetrics(result: BackupHealthResult): string {
  const lines: string[] = [];
  const family = (name: string, type: string, help: string, unit?: string) => {
    lines.push(`# TYPE ${name} ${type}`);
    if (unit) lines.push(`# UNIT ${name} ${unit}`);
    lines.push(`# HELP ${name} ${help}`);
  };
  const labels = (m: MachineHealth, extra: Record<string, string> = {}) =>
    Object.entries({
      unit: m.unitName,
      machine: m.name,
      bunit_id: String(m.bunitId),
      consumer_id: String(m.consumerId),
      ...(m.nodeName ? { node: m.nodeName } : {}),
      ...extra,
    })
      .map(([k, v]) => `${k}="${labelValue(v)}"`)
      .join(',');

  const name = 'cloutapi_backup';
  family(
    `${name}_last_success_timestamp_seconds`,
    'gauge',
    'When the last successful backup of the machine completed.',
    'seconds',
  );
  for (const m of result.machines) {
    const at = m.lastSuccess ? Date.parse(m.lastSuccess) : Number.NaN;
    if (!Number.isNaN(at))
      lines.push(`${name}_last_success_timestamp_seconds{${labels(m)}} ${at / 1000}`);
  }
  family(
    `${name}_status`,
    'gauge',
    'Backup health of the machine: 0 ok, 1 warning, 2 critical, 3 unknown; category names why.',
  );
  for (const m of result.machines)
    lines.push(`${name}_status{${labels(m, { category: m.category })}} ${severity(m)}`);
  family(
    `${name}_stored_bytes`,
    'gauge',
    'Data stored on the backup server for the machine.',
    'bytes',
  );
  for (const m of result.machines)
    if (m.storedMegaBytes !== undefined)
      lines.push(`${name}_stored_bytes{${labels(m)}} ${Math.round(m.storedMegaBytes * MIB)}`);
  family(`${name}_machines`, 'gauge', 'Machines of the business unit by health category.');
  for (const u of result.units)
    for (const k of HEALTH_CATEGORIES)
      lines.push(
        `${name}_machines{unit="${labelValue(u.name)}",bunit_id="${u.id}",category="${k}"} ${u.counts[k]}`,
      );
  family(`${name}_check_timestamp_seconds`, 'gauge', 'When this check ran.', 'seconds');
  lines.push(`${name}_check_timestamp_seconds ${Date.parse(result.checkedAt) / 1000}`);
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
