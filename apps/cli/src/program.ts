import { type AnyOperation, loadOperations } from '@cloutapi/resources';
import { Command } from 'commander';
import { apiAreas, groupFor, registerApiGroups } from './commands/api-groups.js';
import { addCommand, BEFORE_API_GROUPS, COMMANDS } from './commands/catalog.js';
import type { RunContext } from './context.js';
import { addGlobalOptions } from './globals.js';
import { VERSION } from './version.js';

/**
 * Builds the `cloutapi` program: global options, then every command in `--help` order, whole
 * only where it runs (`only`, the first word; every command when undefined, for completion),
 * by name and summary elsewhere; the generated commands of `ops` (see {@link operationsFor}).
 */
export async function buildProgram(
  ctx: RunContext,
  only: string | undefined,
  ops: readonly AnyOperation[],
): Promise<Command> {
  const program = new Command('cloutapi')
    .description(
      "The command line for the Cloutility API (Auwau's portal for IBM Storage Protect): every API operation as a command, enroll, jobs since, the billing webhook and a demo.",
    )
    // Set before any command is added: subcommands copy it when created.
    .exitOverride()
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError()
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi demo\n  cloutapi whoami\n  cloutapi bunits tree\n  cloutapi consumers list --bunit 12\n  cloutapi describe --bunit 12 --name fin-db01\n  cloutapi audit query --bunit 12 --consumer 40 --types create,delete --since 2026-11-01\n  cloutapi enroll --bunit "Acme Corporation"\n\nExit codes: 0 ok, 1 API or other error, 2 usage or validation (or a destructive command not confirmed; nothing sent), 3 authentication or permission, 4 not found, 5 conflict, 6 server unreachable or timed out, 7 partly done (see the message), 130 stopped by Ctrl-C.',
    );
  addGlobalOptions(program);
  program.addHelpText('afterAll', (context) =>
    context.command === program
      ? ''
      : '\nEvery command also takes the connection and output options (--json, --quiet, --config, --demo, ...): `cloutapi --help`.',
  );
  program.hook('preAction', (_program, action) => ctx.configure(action.optsWithGlobals()));

  let apiGroups = false;
  for (const [name, entry] of Object.entries(COMMANDS)) {
    if (!apiGroups && !BEFORE_API_GROUPS.has(entry.group)) {
      await addApiGroups(program, ctx, only, ops);
      apiGroups = true;
    }
    await addCommand(program, ctx, name, only === undefined || only === name);
  }
  return program;
}

/** The generated groups, and `jobs since` in the jobs group, next to `jobs list`. */
async function addApiGroups(
  program: Command,
  ctx: RunContext,
  only: string | undefined,
  ops: readonly AnyOperation[],
): Promise<void> {
  await registerApiGroups(program, ctx, ops);
  if (only === undefined || only === 'jobs') {
    const { registerJobsSince } = await import('./commands/jobs-since.js');
    registerJobsSince(groupFor(program, 'jobs'), ctx);
  }
}

/** Whether a first word names a group of generated commands. */
function isApiArea(word: string | undefined): word is string {
  return word !== undefined && apiAreas().includes(word);
}

/**
 * The registry operations a run needs, loading only their area: those of the group named by the
 * first word (`consumers`), none for another command (`whoami`, `bunit list`), every one for
 * `completion` (`only` undefined).
 */
export async function operationsFor(only: string | undefined): Promise<readonly AnyOperation[]> {
  if (only !== undefined && !isApiArea(only)) return [];
  // Before the area's schemas are built: they keep the setting they were built under.
  (await import('./zod-config.js')).parseWithoutJit();
  return only === undefined ? loadOperations() : loadOperations(only);
}
