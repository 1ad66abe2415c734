import {
  type BackupHealthResult,
  categoryStatus,
  HEALTH_CATEGORIES,
  type MachineHealth,
} from '@cloutapi/resources';
import { PLUGIN_EXIT } from './nagios.js';

const MIB = 1_048_576;

/** A label value in the exposition format: backslash, double quote and newline escaped. */
function labelValue(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** Lines of one metric family: its TYPE, UNIT (when it has one) and HELP, then its samples. */
export function family(
  name: string,
  type: 'gauge' | 'counter',
  help: string,
  samples: readonly string[],
  unit?: string,
): string[] {
  return [
    `# TYPE ${name} ${type}`,
    ...(unit ? [`# UNIT ${name} ${unit}`] : []),
    `# HELP ${name} ${help}`,
    ...samples,
  ];
}

/** `{a="x",b="y"}` from label pairs, values escaped. */
export function labelSet(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${labelValue(v)}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/** Options of {@link backupMetricLines}. */
export interface MetricsOptions {
  /**
   * Per-machine series (default true). Off, only the per-unit counts are written: a fleet too
   * large for the monitoring's cardinality still alerts per unit.
   */
  perMachine?: boolean;
}

/**
 * The backup health as metric families (OpenMetrics text without its `# EOF`): per machine the
 * last success time, the status (the category's plugin severity, the category a label), the
 * at-risk interval that applies, the bytes the last backup transferred and the bytes stored,
 * labelled with unit and machine names and ids; per unit the machines by category; the time of
 * the check.
 */
export function backupMetricLines(
  result: BackupHealthResult,
  options: MetricsOptions = {},
): string[] {
  const machines = options.perMachine === false ? [] : result.machines;
  const labels = (m: MachineHealth, extra: Record<string, string> = {}) =>
    labelSet({
      unit: m.unitName,
      machine: m.name,
      bunit_id: String(m.bunitId),
      consumer_id: String(m.consumerId),
      ...(m.nodeName ? { node: m.nodeName } : {}),
      ...extra,
    });
  /** A per-machine family: one sample a machine that has a value. */
  const perMachine = (
    name: string,
    help: string,
    value: (m: MachineHealth) => number | undefined,
    unit?: string,
    extra?: (m: MachineHealth) => Record<string, string>,
  ) =>
    family(
      name,
      'gauge',
      help,
      machines.flatMap((m) => {
        const v = value(m);
        return v === undefined || Number.isNaN(v) ? [] : [`${name}${labels(m, extra?.(m))} ${v}`];
      }),
      unit,
    );
  const bytes = (mb: number | undefined) => (mb === undefined ? undefined : Math.round(mb * MIB));
  return [
    ...perMachine(
      'cloutapi_backup_last_success_timestamp_seconds',
      'When the last successful backup of the machine completed.',
      (m) => (m.lastSuccess ? Date.parse(m.lastSuccess) / 1000 : undefined),
      'seconds',
    ),
    ...perMachine(
      'cloutapi_backup_status',
      'Backup health of the machine: 0 ok, 1 warning, 2 critical, 3 unknown; category names why.',
      (m) => PLUGIN_EXIT[categoryStatus(m.category)],
      undefined,
      (m) => ({ category: m.category }),
    ),
    ...perMachine(
      'cloutapi_backup_at_risk_interval_seconds',
      "The machine is at risk after this long without a successful backup (IBM's STATUSATRISKINTERVAL).",
      (m) => (m.atRiskAfterMs === undefined ? undefined : m.atRiskAfterMs / 1000),
      'seconds',
    ),
    ...perMachine(
      'cloutapi_backup_transferred_bytes',
      "Data the machine's last backup transferred, from its latest report.",
      (m) => bytes(m.transferredMegaBytes),
      'bytes',
    ),
    ...perMachine(
      'cloutapi_backup_stored_bytes',
      'Data stored on the backup server for the machine.',
      (m) => bytes(m.storedMegaBytes),
      'bytes',
    ),
    ...family(
      'cloutapi_backup_machines',
      'gauge',
      'Machines of the business unit (not those of the units below it) by health category.',
      result.units.flatMap((u) =>
        HEALTH_CATEGORIES.map(
          (k) =>
            `cloutapi_backup_machines${labelSet({ unit: u.name, bunit_id: String(u.id), category: k })} ${u.counts[k]}`,
        ),
      ),
    ),
    ...family(
      'cloutapi_backup_check_timestamp_seconds',
      'gauge',
      'When the portal was read for these values.',
      [`cloutapi_backup_check_timestamp_seconds ${Date.parse(result.checkedAt) / 1000}`],
      'seconds',
    ),
  ];
}

/**
 * Metrics for node_exporter's textfile collector or a scrape (OpenMetrics text, which the
 * Prometheus text parser also reads), ending with `# EOF`.
 */
export function openMetrics(result: BackupHealthResult, options: MetricsOptions = {}): string {
  return `${[...backupMetricLines(result, options), '# EOF'].join('\n')}\n`;
}
