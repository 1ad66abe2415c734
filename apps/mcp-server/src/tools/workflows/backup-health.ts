import {
  backupHealth,
  bunitId as bunitIdSchema,
  cellText,
  formatAge,
  HEALTH_CATEGORIES,
  healthStatus,
  type MachineHealth,
} from '@cloutapi/resources';
import { z } from 'zod';
import { table } from '../../format/text.js';
import { defineTool } from '../define-tool.js';
import { READS } from './hints.js';

const input = z.strictObject({
  bunitId: bunitIdSchema.optional().describe('Default: own'),
  page: z.number().int().min(1).default(1).describe('Of 20'),
});

/** Machines needing attention per page. */
const PAGE = 20;

/** One machine needing attention: what the model needs to say and the ids it calls next with. */
const machine = z.looseObject({
  category: z.string(),
  bunitId: z.number().int(),
  consumerId: z.number().int(),
  reason: z.string(),
});

/**
 * `backup_health`: the morning question in one call, on the SDK's `backupHealth` workflow. The
 * text is a compact summary and one page of the machines that need attention, worst first, with
 * the ids describe_consumer and jobs_since take.
 */
export const backupHealthTool = defineTool({
  name: 'backup_health',
  title: 'Backup health',
  description: 'Which machines failed to back up, since when and why, worst first.',
  toolset: 'workflows',
  input,
  // What a model acts on; the summary fields (checkedAt, machines, units, page, nextPage, notes)
  // are in the text too, and tools/list is paid for in every conversation.
  output: z.looseObject({
    status: z.string(),
    counts: z.record(z.string(), z.number().int()),
    attention: z.array(machine),
    total: z.number().int(),
  }),
  annotations: READS,
  writes: false,
  example: (x) => ({ bunitId: x.ids.root }),
  async handler(a, ctx) {
    const result = await backupHealth(
      ctx.clout,
      {
        ...(a.bunitId === undefined ? {} : { bunitId: a.bunitId }),
      },
      {
        ...ctx.call,
        onProgress: (p) => void ctx.progress(p.done, p.total, p.message),
      },
    );
    const needing = result.machines.filter((m) => m.category !== 'ok');
    const offset = (a.page - 1) * PAGE;
    const page = needing.slice(offset, offset + PAGE).map(row);
    const next = offset + PAGE < needing.length ? a.page + 1 : undefined;
    const status = healthStatus(result);
    const c = result.counts;
    const head = `${status.toUpperCase()}: ${result.machines.length} machine(s) in ${result.units.length} unit(s): ${HEALTH_CATEGORIES.filter(
      (k) => c[k] > 0,
    )
      .map((k) => `${c[k]} ${k}`)
      .join(', ')}`;
    const units = result.units
      .filter((u) => u.error || HEALTH_CATEGORIES.some((k) => k !== 'ok' && u.counts[k] > 0))
      .map(
        (u) =>
          `- ${cellText(u.name)} (#${u.id}): ${
            u.error
              ? `could not be listed: ${cellText(u.error)}`
              : HEALTH_CATEGORIES.filter((k) => u.counts[k] > 0)
                  .map((k) => `${u.counts[k]} ${k}`)
                  .join(', ')
          }`,
      );
    const text = [
      head,
      units.length ? `Units needing attention:\n${units.join('\n')}` : '',
      page.length
        ? `Machines needing attention (${offset + 1}-${offset + page.length} of ${needing.length}, worst first):\n${table(
            page,
            ['category', 'bunitId', 'consumerId', 'name', 'unit', 'lastSuccessAge', 'reason'],
          )}`
        : needing.length
          ? `No page ${a.page}; ${needing.length} need attention, ${PAGE} a page.`
          : 'Every machine backed up recently without warnings.',
      next === undefined ? '' : `More: call again with page ${next}.`,
      page.length
        ? 'Details: describe_consumer with bunitId and consumerId; jobs_since for jobs.'
        : '',
      ...result.notes.map((n) => `Note: ${cellText(n)}`),
    ]
      .filter(Boolean)
      .join('\n');
    return {
      text,
      structured: {
        status,
        checkedAt: result.checkedAt,
        machines: result.machines.length,
        units: result.units.length,
        counts: result.counts,
        attention: page,
        total: needing.length,
        page: a.page,
        ...(next === undefined ? {} : { nextPage: next }),
        notes: result.notes,
      },
    };
  },
});

/** One machine of the attention list, compact: what the model needs to say and to call next. */
function row(m: MachineHealth) {
  return {
    category: m.category,
    bunitId: m.bunitId,
    consumerId: m.consumerId,
    name: cellText(m.name),
    unit: cellText(m.unitName),
    ...(m.nodeName ? { nodeName: cellText(m.nodeName) } : {}),
    ...(m.reportStatus ? { reportStatus: cellText(m.reportStatus) } : {}),
    ...(m.reportDate ? { reportDate: m.reportDate } : {}),
    ...(m.lastSuccess ? { lastSuccess: m.lastSuccess } : {}),
    lastSuccessAge:
      m.lastSuccessAgeMs === undefined ? 'never' : `${formatAge(m.lastSuccessAgeMs)} ago`,
    reason: cellText(m.reason),
  };
}
