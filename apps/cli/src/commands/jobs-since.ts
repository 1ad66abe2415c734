import { JobsSinceInput, jobsSince } from '@cloutapi/resources';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { deriveFlags } from '../flags/derive.js';
import { addFlagOptions } from '../flags/options.js';
import { parseFlags } from '../flags/read.js';
import { GLOBAL_FLAGS } from '../globals.js';
import { renderList } from '../output/columns.js';

/** `cloutapi jobs since`: the jobs of a consumption unit since a time, within the API's rules. */
export function registerJobsSince(group: Command, ctx: Ctx): void {
  const specs = deriveFlags(JobsSinceInput.shape, GLOBAL_FLAGS);
  const command = group
    .command('since')
    .summary(
      'jobs of a consumption unit since a time (clamped to the first job, split into windows)',
    )
    .description(
      'Lists the backup, archive and restore jobs of a consumption unit since a time. The API refuses a start before the first job, so the start is moved to it (and said so); long periods are asked in windows of --window-days.',
    )
    .addHelpText(
      'after',
      '\nExample:\n  cloutapi jobs since --bunit 11 --consumer 400 --since 2026-11-01',
    );
  addFlagOptions(command, specs);
  command.action(async (options: Record<string, unknown>) => {
    const { data } = parseFlags(JobsSinceInput, options, specs, 'jobs since');
    const { clout } = await ctx.session();
    const result = await jobsSince(clout, data);
    for (const note of result.notes) ctx.out.note(note, true);
    if (ctx.out.mode === 'json') {
      await ctx.out.result(result, { kind: 'jobs.since' });
      return;
    }
    await ctx.out.result(
      { total: result.jobs.length, items: result.jobs },
      {
        kind: 'jobs.list',
        human: async (value, colors) => {
          const jobs = (value as { items: unknown[] }).items;
          const header = `${jobs.length} job${jobs.length === 1 ? '' : 's'} from ${result.from} to ${result.to}`;
          if (jobs.length === 0) return header;
          return `${await renderList('jobs.list', jobs, colors)}\n${colors.dim(header)}`;
        },
      },
    );
  });
}
