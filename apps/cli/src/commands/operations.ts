import {
  type AnyOperation,
  actionsOf,
  callOperation,
  type Operation,
  validateInput,
} from '@cloutapi/resources';
import { type Command, Option } from 'commander';
import type { Ctx } from '../context.js';
import { deriveFlags, type FlagSpec } from '../flags/derive.js';
import { addFlagOptions } from '../flags/options.js';
import { checkFlags, readFlags } from '../flags/read.js';
import { GLOBAL_FLAGS } from '../globals.js';
import { apiAreas, commandPathOf, groupFor } from './api-groups.js';
import { OPERATION_EXTRAS, type OperationExtras } from './operation-extras.js';

/** The help of a destructive command's `--yes` (see confirm-destructive.ts). */
const YES_HELP =
  'Do it without asking (needed where there is no terminal to ask on; what it removes is still printed)';

/** Adds one command per operation of `ops`, in its area's group (see `registerApiGroups`). */
export function addOperations(program: Command, ctx: Ctx, ops: readonly AnyOperation[]): void {
  for (const op of ops) addOperation(groupFor(program, commandPathOf(op)[0]), op, ctx);
}

function addOperation(group: Command, op: AnyOperation, ctx: Ctx): void {
  const [area, action] = commandPathOf(op);
  const extras: OperationExtras = OPERATION_EXTRAS[op.name] ?? {};
  const specs = deriveFlags(op.input as Record<string, never>, GLOBAL_FLAGS);
  for (const spec of specs) spec.description = inCliWords(spec.description);
  extras.adjust?.(specs);
  const command = group
    .command(action)
    .summary(op.summary)
    .description(`${op.summary}.\n\n${withFlagNames(inCliWords(op.description), specs)}`);
  addFlagOptions(command, specs);
  for (const option of extras.options?.() ?? []) command.addOption(option);
  command.addHelpText(
    'after',
    `\nAPI: ${op.method} ${op.path} (${op.id}; ${op.safety}${op.idempotent ? ', idempotent' : ''})`,
  );
  if (op.safety === 'destructive') {
    command.addOption(new Option('--yes', YES_HELP));
    command.addHelpText(
      'after',
      'Before sending, it prints on stderr what the call removes, read from the portal, and asks on a terminal; without one and without --yes it sends nothing and exits 2.',
    );
  }
  command.action(async (options: Record<string, unknown>) => {
    await runOperation(ctx, op as Operation, specs, options, extras, `${area} ${action}`);
  });
}

/**
 * Runs one operation from parsed flags: builds the input, validates it with the operation's
 * schema before anything is sent (errors name the flags), calls it (a destructive one once
 * confirmed) and prints the result.
 */
async function runOperation(
  ctx: Ctx,
  op: Operation,
  specs: readonly FlagSpec[],
  options: Record<string, unknown>,
  extras: OperationExtras,
  commandName: string,
): Promise<void> {
  const { input, used } = readFlags(options, specs);
  extras.prepare?.(options, input);
  checkFlags(() => validateInput(op, input), specs, used, commandName);
  const view = { kind: op.name, done: `${op.summary}: done.`, ...extras.view?.(options) };
  if (op.safety === 'destructive') {
    // Shows what it removes and asks first; loaded only here, so other commands start as fast.
    const { runConfirmed } = await import('./confirm-destructive.js');
    return runConfirmed(ctx, op, input, view, options.yes === true);
  }
  const session = await ctx.session();
  await ctx.out.result(await callOperation(session.clout.context, op, input), view);
}

/**
 * The input fields a description names (`consumerId`, `orderDesc`) as the flags that set them.
 * Only camelCase names: a plain word such as "name" or "status" is left alone.
 */
function withFlagNames(text: string, specs: readonly FlagSpec[]): string {
  let out = text;
  for (const spec of specs) {
    if (/[A-Z]/.test(spec.field))
      out = out.replace(new RegExp(`\\b${spec.field}\\b`, 'g'), `--${spec.name}`);
  }
  return out;
}

let namesPattern: RegExp | undefined;

/** Mentions of operations (`bunits.tree`) in registry text, as the commands that run them. */
function inCliWords(text: string): string {
  const names = apiAreas().flatMap((area) => actionsOf(area).map((a) => `${area}\\.${a}`));
  namesPattern ??= new RegExp(`\\b(${names.join('|')})\\b`, 'g');
  return text.replace(namesPattern, (name) => commandPathOf({ name }).join(' '));
}
