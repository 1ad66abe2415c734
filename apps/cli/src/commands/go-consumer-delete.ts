import { ConflictError, NotFoundError } from '@cloutapi/resources/errors';
import { type Command, Option } from 'commander';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { goErrorText } from '../go/errors.js';
import { cellText, goTable } from '../go/table.js';
import { client, type GoOptions, goInt, hrefOf, unitOf } from './go-aliases.js';

const HEADERS = ['Consumer ID', 'Business-unit ID', 'Name', 'Status', 'Url'];

/**
 * `consumer delete`, as the Go CLI's: looks the consumption unit up in the unit's list, deletes it
 * without `deleteAssociations` (so the portal refuses a node with proxy relationships, as it does
 * for the Go CLI) unless `--delete-associations` asks for it, and prints the Go CLI's row. Unlike
 * the Go CLI, a failure exits non-zero: 4 not found, 5 refused (409).
 */
export function registerConsumerDelete(command: Command, ctx: Ctx): void {
  command
    .summary('delete a consumption unit and its backup node')
    .addOption(new Option('--id <id>', 'id of the consumption unit (required)'))
    .addOption(new Option('--consumer-id <id>').hideHelp())
    .addOption(new Option('--consumer <id>').hideHelp())
    .option(
      '--delete-associations',
      "also remove the node's proxy relationships (the Go CLI never does: its delete is refused)",
    )
    .action(async (o: GoOptions) => {
      const consumerId = goInt(o.id ?? o.consumerId ?? o.consumer, '--id');
      if (consumerId === undefined)
        throw usageError('--id: required: the id of the consumption unit to delete');
      const clout = await client(ctx);
      const bunitId = await unitOf(clout, o);
      const row = (cells: (string | number)[]) => {
        if (ctx.out.mode === 'human') ctx.out.text(goTable(HEADERS, [cells]));
      };

      const consumer = (await clout.consumers.list({ bunitId })).items.find(
        (c) => c.id === consumerId,
      );
      if (!consumer) {
        // The Go CLI's words, "User Default" included, whether or not --bunit-id was given.
        row([consumerId, `User Default: ${bunitId}`, 'NOT FOUND', 'NOT FOUND', 'NOT FOUND']);
        throw new NotFoundError({
          message: `business unit #${bunitId} has no consumption unit #${consumerId}`,
          hint: `\`cloutapi consumer list --bunit-id ${bunitId}\` lists its consumption units; give --bunit-id for another unit.`,
        });
      }
      const name = consumer.name ?? '';
      try {
        await clout.consumers.delete({
          bunitId,
          consumerId,
          ...(o.deleteAssociations === true ? { deleteAssociations: true } : {}),
        });
      } catch (error) {
        row([
          consumerId,
          bunitId,
          name,
          `error deleting consumer: ${goErrorText(error)}`,
          hrefOf(consumer),
        ]);
        if (error instanceof ConflictError) {
          throw new ConflictError({
            message: error.message,
            cause: error,
            hint: `Nothing was deleted; the Go CLI's delete is refused the same way. When its backup node has proxy relationships (it acts for other nodes, or they for it), remove them first (\`cloutapi proxies remove-agent\`, \`remove-target\`) or run again with --delete-associations, which deletes them together with "${cellText(name)}".`,
          });
        }
        throw error;
      }
      row([consumerId, bunitId, name, 'DELETED', hrefOf(consumer)]);
      if (ctx.out.mode !== 'human')
        await ctx.out.result(undefined, {
          kind: 'consumers.delete',
          ids: () => [String(consumerId)],
        });
    });
}
