import {
  type ConsumerDescription,
  DescribeConsumerInput,
  describeConsumer,
} from '@cloutapi/resources';
import { ValidationError } from '@cloutapi/resources/errors';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { deriveFlags } from '../flags/derive.js';
import { addFlagOptions } from '../flags/options.js';
import { parseFlags } from '../flags/read.js';
import { GLOBAL_FLAGS } from '../globals.js';
import type { Colors } from '../output/colors.js';
import { renderList } from '../output/columns.js';

/** `cloutapi describe`: everything about one machine, by consumption unit id or name. */
export function configureDescribe(command: Command, ctx: Ctx): void {
  const specs = deriveFlags(DescribeConsumerInput.shape, GLOBAL_FLAGS);
  command
    .description(
      'Shows one machine in one go: its consumption unit (by --consumer id, or by --name: exact in any case, else the one whose name contains it), its backup node, the latest report and the jobs of the last --days (7).',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi describe --bunit 11 --name acme-dc01\n  cloutapi describe --bunit 11 --consumer 400 --days 30 --json',
    );
  addFlagOptions(command, specs);
  command.action(async (options: Record<string, unknown>) => {
    const { data, used } = parseFlags(DescribeConsumerInput, options, specs, 'describe');
    const flagOf = (field: string) =>
      `--${used.get(field) ?? specs.find((s) => s.field === field)?.name ?? field}`;
    if ((data.consumerId === undefined) === (data.name === undefined))
      throw usageError(
        `give the consumption unit: ${flagOf('consumerId')} ID or --name NAME (one of them)`,
        '`cloutapi consumers list --bunit ID` lists them.',
      );
    const { clout } = await ctx.session();
    let found: ConsumerDescription;
    try {
      found = await describeConsumer(clout, data);
    } catch (error) {
      // A name that matches no unit, or several: the workflow lists them.
      if (error instanceof ValidationError && error.status === undefined) {
        const issues = error.issues.map((i) => ({ path: flagOf(i.path), message: i.message }));
        throw usageError(
          issues.map((i) => `${i.path}: ${i.message}`).join('; '),
          'Nothing was changed. Give --consumer ID, or a name only one unit has.',
          issues,
        );
      }
      throw error;
    }
    for (const note of found.notes) ctx.out.note(note, true);
    await ctx.out.result(found, {
      kind: 'describe',
      human: (value, colors) => describeText(value as ConsumerDescription, colors),
      ids: (value) => {
        const id = (value as ConsumerDescription).consumer.id;
        return id === undefined ? [] : [String(id)];
      },
    });
  });
}

/** The lines for people: the unit, node and report as pairs, then the jobs as a table. */
async function describeText(d: ConsumerDescription, colors: Colors): Promise<string> {
  const { renderPairs } = await import('../output/table.js');
  const { consumer: c, node: n, latestReport: r } = d;
  const pairs: [string, unknown][] = [
    [
      'consumer',
      `${c.name ?? '?'} (#${c.id})${c.dataSourceState?.name ? `, ${c.dataSourceState.name}` : ''}`,
    ],
    ['created', c.createdDate],
    ['note', c.note],
    [
      'node',
      n
        ? `${n.tsmName ?? 'not activated'}${n.operatingSystem?.name ? `, ${n.operatingSystem.name}` : ''}${n.type?.name ? `, ${n.type.name}` : ''}`
        : 'none yet (`cloutapi enroll` adds one)',
    ],
    ['server', n && [n.domain?.server?.name, n.domain?.name].filter(Boolean).join(', domain ')],
    ['activated', n?.activatedDate],
    ['last access', n?.lastAccessTime],
    ['latest report', r ? r.reportDate : 'none'],
    ['status', r && statusText(r.status)],
    ['stored', r?.megaBytes === undefined ? undefined : `${r.megaBytes} MB`],
    ['warnings', r?.warnings?.length || undefined],
  ];
  const shown = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '');
  const head = `jobs from ${d.since} to ${d.until}`;
  if (d.jobs.length === 0) return `${renderPairs(shown, colors)}\n\n${colors.dim(`no ${head}`)}`;
  const table = await renderList('jobs.list', d.jobs, colors);
  return `${renderPairs(shown, colors)}\n\n${table}\n${colors.dim(`${d.jobs.length} ${head}`)}`;
}

/** A report status as the API sends it: a code, a name or `{id, name}`. */
function statusText(status: unknown): string {
  if (status && typeof status === 'object')
    return String(
      (status as { name?: unknown; id?: unknown }).name ?? (status as { id?: unknown }).id ?? '',
    );
  return status === undefined ? '' : String(status);
}
