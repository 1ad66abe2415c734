import {
  type BackupHealthResult,
  formatAge,
  HEALTH_CATEGORIES,
  type HealthCategory,
  healthStatus,
  type MachineHealth,
  needsAttention,
} from '@cloutapi/resources';
import type { Colors } from '../output/colors.js';
import { renderTable } from '../output/table.js';

/** "3 days ago", or "never" when no backup ever completed. */
export function lastGood(m: Pick<MachineHealth, 'lastSuccessAgeMs'>): string {
  return m.lastSuccessAgeMs === undefined ? 'never' : `${formatAge(m.lastSuccessAgeMs)} ago`;
}

const LABEL: Record<HealthCategory, string> = {
  failed: 'FAILED',
  never: 'NEVER',
  'at-risk': 'AT RISK',
  unknown: 'UNKNOWN',
  warning: 'WARNING',
  'not-activated': 'NOT ACTIVATED',
  excluded: 'EXCLUDED',
  ok: 'OK',
};

/**
 * The default `status` output for people: per unit the machines by category, then the machines
 * needing attention, worst first, then the verdict. Server strings are terminal-safe.
 */
export function summaryText(result: BackupHealthResult, colors: Colors): string {
  // Colour stays outside the tables: cells are the output helpers' (and their sanitizer's).
  // Always the four the morning question asks about; the rest only when some machine has them.
  const shown = HEALTH_CATEGORIES.filter(
    (k) => ['ok', 'warning', 'failed', 'at-risk'].includes(k) || result.counts[k] > 0,
  );
  const units = result.units.filter((u) => u.machines > 0 || u.error);
  const unitTable = renderTable(
    ['unit', 'machines', ...shown],
    units.map((u) => [
      `${'  '.repeat(u.depth)}${u.name}`,
      u.error ? `unreadable: ${u.error}` : u.machines,
      ...shown.map((k) => (u.counts[k] ? u.counts[k] : '.')),
    ]),
    colors,
  );
  const needing = result.machines.filter(needsAttention);
  const attention = needing.length
    ? `\n\n${colors.bold(`Needing attention (${needing.length}), worst first`)}\n${renderTable(
        ['status', 'unit', 'machine', 'last good backup', 'why', 'ids'],
        needing.map((m) => [
          LABEL[m.category],
          m.unitName,
          m.name,
          lastGood(m),
          m.reason,
          `${m.bunitId}/${m.consumerId}`,
        ]),
        colors,
      )}`
    : '';
  const status = healthStatus(result);
  const c = result.counts;
  const verdict = `${status.toUpperCase()}: ${result.machines.length} machines, ${HEALTH_CATEGORIES.filter(
    (k) => c[k] > 0,
  )
    .map((k) => `${c[k]} ${k}`)
    .join(', ')}`;
  const painted =
    status === 'ok'
      ? colors.green(verdict)
      : status === 'warning'
        ? colors.yellow(verdict)
        : colors.red(verdict);
  return `${unitTable}${attention}\n\n${colors.bold(painted)}`;
}
