import { cpus, hostname } from 'node:os';
import { type EnrollResult, enrollMachine } from '@cloutapi/resources';
import { CloutilityError, EnrollmentConflictError } from '@cloutapi/resources/errors';
import { type Command, Option } from 'commander';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { sessionDefaults } from '../lookup-cache.js';
import {
  enrollAdviceForCli,
  enrollLock,
  inputProblems,
  type MachineSpec,
  platformOs,
  resolveMachine,
} from './enroll-input.js';

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
const flagOf = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

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
      await enrollOne(ctx, options);
    });
}

async function enrollOne(
  ctx: Ctx,
  options: Record<string, string | boolean | undefined>,
): Promise<void> {
  const text = (key: string) =>
    typeof options[key] === 'string' ? (options[key] as string) : undefined;
  const spec: MachineSpec = {
    bunit: text('bunit'),
    name: text('name') ?? hostname(),
    nodeName: text('nodeName'),
    os: text('os') ?? platformOs(),
    nodeType: text('nodeType'),
    domain: text('domain'),
    optionSet: text('optionSet'),
    server: text('server'),
    contact: text('contact'),
    // os.cpus() is empty on some platforms; then the count is left out.
    cpus: text('cpus') ?? (cpus().length || undefined),
  };
  if (!spec.os) throw usageError('--os: required on this platform (no default for it)');
  const session = await ctx.session();
  const { clout } = session;
  // A unit given by name is looked up in the tree (a request in any case); the catalog, which does
  // not depend on the unit, is read alongside. Otherwise nothing is sent before the input is checked.
  const defaults = sessionDefaults(session);
  if (spec.bunit?.trim() && !/^\d+$/.test(spec.bunit.trim()))
    defaults.operatingSystems().catch(() => {});
  const [{ input, notes }, lock] = await Promise.all([
    resolveMachine(clout, spec, {}, flagOf),
    enrollLock(ctx),
  ]);
  for (const note of notes) ctx.out.note(note, true);
  let result: EnrollResult;
  try {
    result = await enrollMachine(clout, input, {
      defaults,
      // Another cloutapi enrolling the same machine on this computer is waited for.
      lock,
      // Progress for people; --json and --quiet runs keep stderr for errors.
      onStep: (step) => {
        if (ctx.out.mode === 'human') ctx.out.note(`  ${step.step}: ${step.detail}`, true);
      },
    });
  } catch (error) {
    if (error instanceof EnrollmentConflictError)
      throw new CloutilityError({ message: enrollAdviceForCli(error.message), cause: error });
    throw asUsage(error);
  }
  for (const note of result.notes) ctx.out.note(enrollAdviceForCli(note));
  await ctx.out.result(result, {
    kind: 'enroll',
    ids: (value) => [(value as EnrollResult).nodeName],
    reveal: true,
    human: (value) => describeResult(value as EnrollResult, ctx),
  });
}

function describeResult(result: EnrollResult, ctx: Ctx): string {
  const c = ctx.out.colors;
  const what = result.status === 'enrolled' ? 'Enrolled' : 'Already enrolled:';
  return [
    `${what} ${result.consumerName} (consumption unit #${result.consumerId} in business unit #${result.bunitId})`,
    `  node name  ${c.bold(result.nodeName)}`,
    `  server     ${result.server.name ?? '?'}${result.server.id !== undefined ? ` (#${result.server.id})` : ''}`,
    `  password   ${result.password ? c.bold(result.password) : c.dim('(not returned by the API)')}`,
    c.dim(
      `Configure the backup client with this node name and password. \`cloutapi nodes get --bunit ${result.bunitId} --consumer ${result.consumerId} --reveal\` shows them again.`,
    ),
  ].join('\n');
}

/** The workflow's input errors, named by the flags that set those fields. */
function asUsage(error: unknown): unknown {
  const problems = inputProblems(error, flagOf);
  if (problems === undefined) return error;
  return usageError(
    `invalid input: ${problems}`,
    'Nothing was changed. See `cloutapi enroll --help`.',
  );
}
