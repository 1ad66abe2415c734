import { type AnyOperation, actionsOf, namespaceNames } from '@cloutapi/resources';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { kebab } from '../flags/kebab.js';

/** The heading of generated commands in `cloutapi --help`. */
const API_GROUP = 'API commands (one per operation; `cloutapi <area> <action> --help`):';

/** `consumers.suggestName` -> `['consumers', 'suggest-name']`. */
export function commandPathOf(op: { name: string }): [area: string, action: string] {
  const [area = '', action = ''] = op.name.split('.');
  return [area, kebab(action)];
}

/** Every API area, in registry order (from the registry's index: no area is loaded). */
export function apiAreas(): string[] {
  return namespaceNames();
}

/**
 * Adds a group per API area and one command per given operation: `cloutapi <area> <action>`,
 * flags derived from the operation's input schema, help from its summary and description. A run
 * hands in only its own area's operations (loaded alone, see main.ts): the other groups are listed
 * in `--help` without loading their schemas or building their commands (nor the code that does).
 */
export async function registerApiGroups(
  program: Command,
  ctx: Ctx,
  ops: readonly AnyOperation[],
): Promise<void> {
  for (const area of apiAreas()) groupFor(program, area);
  if (ops.length === 0) return;
  const { addOperations } = await import('./operations.js');
  addOperations(program, ctx, ops);
}

/** Finds or creates the command group of an area. */
export function groupFor(program: Command, area: string): Command {
  const existing = program.commands.find((c) => c.name() === area);
  if (existing) return existing;
  const actions = actionsOf(area).map((action) => commandPathOf({ name: `${area}.${action}` })[1]);
  return program
    .command(area)
    .summary(actions.join(', '))
    .description(`The ${area} operations of the Cloutility API.`)
    .helpGroup(API_GROUP);
}
