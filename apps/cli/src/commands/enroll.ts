import { type Command, Option } from 'commander';
import type { Ctx } from '../context.js';
import type { MachineSpec } from './enroll-input.js';
import { platformOs } from './platform-os.js';

/** The machine flags, by field: value name, help and, when there is one, what the default is. */
const MACHINE_FLAGS: Record<keyof MachineSpec, [string, string, string?]> = {
  bunit: [
    '<unit>',
    'business unit to enroll into: id or name (required; for --from, the default of the bunit column)',
  ],
  name: ['<name>', 'machine (consumption unit) name', "this host's name"],
  nodeName: [
    '<name>',
    'node name to activate with',
    'the machine name made valid: upper-case, A-Z 0-9 _ . - + &',
  ],
  os: [
    '<name>',
    'operating system: name or id (`cloutapi catalog operating-systems`)',
    `this platform's (${platformOs() ?? 'none'})`,
  ],
  nodeType: ['<name>', 'node type: name or id', "the OS's file type"],
  domain: ['<domain>', 'policy domain: id or name', "the unit's default server's"],
  optionSet: ['<set>', 'client option set: id or name', "the unit's default server's"],
  server: ['<id>', 'backup server id', "the unit's default server"],
  contact: ['<text>', 'contact for the node'],
  cpus: ['<n>', 'CPU count (licensing)', "this host's CPU count"],
};

/** The flag of a machine field (`nodeName`: `--node-name`), for errors. */
export const flagOf = (field: string) =>
  `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** `cloutapi enroll`: one machine from flags, or many from `--from machines.csv`. */
export function configureEnroll(command: Command, ctx: Ctx): void {
  command.description(
    "Enrolls a machine for backup: finds or creates its consumption unit in the business unit, creates the backup node (server, domain and option set default to the unit's), activates it and prints the node name, server and node password. The one command that prints a password: give it to the backup client. Safe to run again: an enrolled machine is reported as such, an interrupted enrollment continues without duplicates.\n\nWith --from, enrolls every machine listed in a CSV file (columns: name, bunit, os, node_name, node_type, domain, option_set, server, contact, cpus), several at once, and writes one result row per machine.",
  );
  for (const [field, [value, help, fallback]] of Object.entries(MACHINE_FLAGS)) {
    const option = new Option(`${flagOf(field)} ${value}`, help);
    command.addOption(fallback === undefined ? option : option.default(undefined, fallback));
  }
  for (const option of [
    new Option('--from <csv>', 'enroll every machine in this CSV file'),
    new Option('--concurrency <n>', 'machines enrolled at once').default('8'),
    new Option('--results <file>', 'per-machine result file').default(
      undefined,
      '<csv>.results.csv',
    ),
    new Option('--reveal-passwords', 'also write node passwords to the result file (mode 0600)'),
  ])
    command.addOption(option.helpGroup('Bulk (--from):'));
  command
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi enroll --bunit "Acme Corporation"\n  cloutapi enroll --bunit 11 --name web-07 --os Linux --json\n  cloutapi enroll --from machines.csv --bunit 11 --concurrency 16',
    )
    .action(async (options: Record<string, string | boolean | undefined>) => {
      if (typeof options.from === 'string') {
        const { enrollFromCsv } = await import('./enroll-bulk.js');
        await enrollFromCsv(ctx, options.from, options);
        return;
      }
      // The session first: its first connection to the portal is under way while enrollment's
      // code loads (nothing is sent before the input is checked).
      // Two connections: enrollment checks for a twin beside the node's creation.
      (await ctx.session()).preconnect(2);
      const { enrollOne } = await import('./enroll-run.js');
      await enrollOne(ctx, options);
    });
}
