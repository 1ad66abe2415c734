import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { client, type GoOptions, unitOf } from './go-aliases.js';

/** The Go CLI's default contact of a backup node. */
export const GO_CONTACT = 'Safespring';

/**
 * `consumer create`, as the Go CLI's, with its flags and defaults: resources' enrollment under the
 * Go CLI's policy, so it takes enrollment's lock, checks the node's settings before writing,
 * recovers from duplicates and reports a partial failure (exit 7; the same command run again
 * finishes it). `--clientOptionSet` is honoured, unlike in the Go CLI.
 */
export function registerConsumerCreate(command: Command, ctx: Ctx): void {
  command
    .summary('create a consumption unit and its backup node (with --os-type), and activate it')
    .requiredOption('--name <name>', 'name of the consumption unit (required)')
    .option('--contact <text>', 'contact of the backup node', GO_CONTACT)
    .option('--os-type <id>', 'operating system of the backup node (`cloutapi ostype list`)')
    .option('--client-type <id>', 'node type of the backup node (with --os-type)')
    .option(
      '--domain <id>',
      "policy domain (`cloutapi domain list`; default: the default server's first)",
    )
    .option(
      '--clientOptionSet <id>',
      'client option set (`cloutapi clientoptionset list`; default 2, as the Go CLI)',
    )
    .option('--activate', 'activate the backup node and print its node name and password')
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi consumer create --name web-07 --os-type 3 --client-type 1 --domain 1 --activate\n  cloutapi consumer create --name web-08 --bunit-id 12',
    )
    .action(async (o: GoOptions) => {
      // The session first: its first connection to the portal is under way while enrollment's
      // code loads (nothing is sent before the flags are checked).
      // Two connections: enrollment checks for a twin beside the node's creation.
      (await ctx.session()).preconnect(2);
      const { createConsumer, requestOf } = await import('./go-consumer-create-run.js');
      const request = requestOf(o);
      const clout = await client(ctx);
      await createConsumer(ctx, clout, await unitOf(clout, o), request);
    });
}
