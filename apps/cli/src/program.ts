import { type AnyOperation, loadOperations } from '@cloutapi/resources';
import { Command } from 'commander';
import { registerCompletion } from './commands/completion.js';
import { registerConfig } from './commands/config-check.js';
import { registerDemo } from './commands/demo.js';
import { registerDescribe } from './commands/describe.js';
import { registerEnroll } from './commands/enroll.js';
import { GO_GROUP, registerGoAliases } from './commands/go-aliases.js';
import { registerJobsSince } from './commands/jobs-since.js';
import { apiAreas, groupFor, registerOperations } from './commands/operations.js';
import { registerStatus } from './commands/status.js';
import { registerWebhook } from './commands/webhook.js';
import { registerWhoami } from './commands/whoami.js';
import type { RunContext } from './context.js';
import { addGlobalOptions } from './globals.js';
import { VERSION } from './version.js';

const WORKFLOWS = 'Workflows:';
const TOOLS = 'Setup and tools:';

/**
 * Builds the `cloutapi` program: global options, workflow commands, the Go CLI's commands and a
 * command for each of `ops` (see {@link operationsFor}): a run builds only its own group's
 * commands, the other groups stay for `--help`.
 */
export function buildProgram(
  ctx: RunContext,
  only: string | undefined,
  ops: readonly AnyOperation[],
): Command {
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

  program.commandsGroup(WORKFLOWS);
  registerEnroll(program, ctx);
  registerWhoami(program, ctx);
  registerDescribe(program, ctx);
  registerStatus(program, ctx);
  registerWebhook(program, ctx);
  registerDemo(program, ctx);

  program.commandsGroup(TOOLS);
  registerConfig(program, ctx);
  registerCompletion(program);

  registerOperations(program, ctx, ops);
  // Workflows that belong to an API area sit in its group: `jobs since`, next to `jobs list`.
  if (only === undefined || only === 'jobs') registerJobsSince(groupFor(program, 'jobs'), ctx);

  program.commandsGroup(GO_GROUP);
  registerGoAliases(program, ctx);
  return program;
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
  if (only === undefined) return loadOperations();
  return isApiArea(only) ? loadOperations(only) : [];
}
