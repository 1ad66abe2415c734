import {
  type BackupHealthResult,
  HEALTH_CATEGORIES,
  type HealthStatus,
  healthStatus,
  needsAttention,
} from '@cloutapi/resources';
import { cell } from '../output/sanitize.js';

/** Nagios/Icinga plugin exit codes. */
export const PLUGIN_EXIT: Record<HealthStatus, number> = {
  ok: 0,
  warning: 1,
  critical: 2,
  unknown: 3,
};

/**
 * The plugin's one line: `BACKUP CRITICAL - <counts>; worst: <machines> | <perfdata>`. Names are
 * terminal-safe and cannot end the text part early (`|` is the perfdata separator).
 */
export function nagiosLine(result: BackupHealthResult): string {
  const status = healthStatus(result);
  const c = result.counts;
  const counts = HEALTH_CATEGORIES.filter((k) => c[k] > 0)
    .map((k) => `${c[k]} ${k}`)
    .join(', ');
  const worst = result.machines
    .filter(needsAttention)
    .slice(0, 3)
    .map((m) => `${cell(m.unitName)}/${cell(m.name)} ${m.category}`.replaceAll('|', '/'));
  const stored = result.machines.reduce((n, m) => n + (m.storedMegaBytes ?? 0), 0);
  const perf = [
    ...HEALTH_CATEGORIES.map((k) => `${k.replace('-', '_')}=${c[k]};;;0`),
    `machines=${result.machines.length};;;0`,
    `stored=${Math.round(stored)}MB;;;0`,
  ];
  const text = `${result.machines.length} machine${result.machines.length === 1 ? '' : 's'}: ${counts || 'none'}${worst.length ? `; worst: ${worst.join(', ')}` : ''}`;
  return `BACKUP ${status.toUpperCase()} - ${text} | ${perf.join(' ')}`;
}
