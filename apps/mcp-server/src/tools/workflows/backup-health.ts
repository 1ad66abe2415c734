import {
  backupHealth,
  bunitId as bunitIdSchema,
  cellText,
  formatAge,
  HEALTH_CATEGORIES,
  healthStatus,
  type MachineHealth,
  needsAttention,
  parseDuration,
} from '@cloutapi/resources';
import { z } from 'zod';
import { table } from '../../format/text.js';
import { defineTool } from '../define-tool.js';
import { READS } from './hints.js';

const input = z.strictObject({
  bunitId: bunitIdSchema.optional().describe('Default: own'),
  // Text only (no milliseconds): a listed schema has no unions.
  atRiskAfter: z
    .string()
    .min(2)
    .max(20)
    .refine((v) => (parseDuration(v) ?? 0) >= 60_000, {
      message: 'expected a duration of at least a minute such as 24h, 2d or 90m',
    })
    .optional()
    .describe("At risk without a successful backup this long (IBM's rule): e.g. 48h; default 24h"),
  exclude: z
    .string()
    .min(1)
    .max(4000)
    .optional()
    .describe('Machines not watched, comma-separated: names, node names or tag:NAME'),
  cursor: z.string().min(1).max(200).optional().describe("The last answer's next cursor"),
});

/** Machines needing attention per page. */
const PAGE = 20;

/** How long the later pages of one check stay readable. */
const SNAPSHOT_TTL_MS = 15 * 60_000;

/** What one check keeps for its later pages: its summary and its whole attention list. */
interface Snapshot {
  head: string;
  summary: Summary;
  needing: Row[];
}

type Row = ReturnType<typeof row>;
type Summary = {
  status: string;
  checkedAt: string;
  machines: number;
  withoutNode: number;
  units: number;
  counts: Record<string, number>;
  notes: string[];
};

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
    nextCursor: z.string().optional(),
  }),
  annotations: READS,
  writes: false,
  // Over a large fleet a check takes minutes: a client that follows tasks gets one.
  task: true,
  example: (x) => ({ bunitId: x.ids.root }),
  async handler(a, ctx) {
    // A later page reads the snapshot the first one kept: the same check, no portal request.
    if (a.cursor !== undefined) {
      const [id = '', offsetText = ''] = a.cursor.split(':');
      const kept = (await ctx.snapshots.get(id)) as Snapshot | undefined;
      const offset = Number(offsetText);
      if (!kept || !Number.isInteger(offset) || offset < PAGE || offset >= kept.needing.length)
        return {
          text: "That cursor has expired or is not one of this server's: call backup_health again without cursor for a fresh check.",
          structured: { status: 'unknown', counts: {}, attention: [], total: 0 },
          isError: true,
        };
      return answer(kept, offset, id);
    }
    const result = await backupHealth(
      ctx.clout,
      {
        ...(a.bunitId === undefined ? {} : { bunitId: a.bunitId }),
        ...(a.atRiskAfter === undefined ? {} : { atRiskAfter: a.atRiskAfter }),
        ...(a.exclude === undefined
          ? {}
          : {
              exclude: a.exclude
                .split(',')
                .map((e) => e.trim())
                .filter(Boolean),
            }),
      },
      {
        ...ctx.call,
        onProgress: (p) => void ctx.progress(p.done, p.total, p.message),
      },
    );
    const needing = result.machines.filter(needsAttention).map(row);
    const status = healthStatus(result);
    const c = result.counts;
    const withoutNode = result.units.reduce((n, u) => n + u.withoutNode, 0);
    const head = `${status.toUpperCase()}: ${result.machines.length} machine(s) in ${result.units.length} unit(s): ${HEALTH_CATEGORIES.filter(
      (k) => c[k] > 0,
    )
      .map((k) => `${c[k]} ${k}`)
      .join(
        ', ',
      )}${withoutNode ? `; ${withoutNode} consumption unit(s) without a backup node, not checked` : ''}`;
    const summary: Summary = {
      status,
      checkedAt: result.checkedAt,
      machines: result.machines.length,
      withoutNode,
      units: result.units.length,
      counts: result.counts,
      notes: result.notes,
    };
    const snapshot: Snapshot = { head, summary, needing };
    const id =
      needing.length > PAGE ? await ctx.snapshots.put(snapshot, SNAPSHOT_TTL_MS) : undefined;
    const units = result.units
      .filter(
        (u) =>
          u.error ||
          HEALTH_CATEGORIES.some((k) => needsAttention({ category: k }) && u.counts[k] > 0),
      )
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
    return answer(snapshot, 0, id, units);
  },
});

/**
 * One page of a check: the summary line, the units needing attention (the first page only),
 * the machines of this page, and the cursor of the next.
 */
function answer(
  { head, summary, needing }: Snapshot,
  offset: number,
  id?: string,
  units: string[] = [],
) {
  const page = needing.slice(offset, offset + PAGE);
  const nextCursor = id && offset + PAGE < needing.length ? `${id}:${offset + PAGE}` : undefined;
  const text = [
    offset > 0 ? `${head} (checked ${summary.checkedAt})` : head,
    units.length ? `Units needing attention:\n${units.join('\n')}` : '',
    page.length
      ? `Machines needing attention (${offset + 1}-${offset + page.length} of ${needing.length}, worst first):\n${table(
          page,
          ['category', 'bunitId', 'consumerId', 'name', 'unit', 'lastSuccessAge', 'reason'],
        )}`
      : 'Every machine backed up recently without warnings.',
    nextCursor === undefined ? '' : `More: call again with cursor "${nextCursor}".`,
    page.length
      ? 'Details: describe_consumer with bunitId and consumerId; jobs_since for jobs.'
      : '',
    ...(offset === 0 ? summary.notes.map((n) => `Note: ${cellText(n)}`) : []),
  ]
    .filter(Boolean)
    .join('\n');
  return {
    text,
    structured: {
      ...summary,
      attention: page,
      total: needing.length,
      offset,
      ...(nextCursor === undefined ? {} : { nextCursor }),
    },
  };
}

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
