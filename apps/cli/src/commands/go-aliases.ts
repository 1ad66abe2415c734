import { type Cloutility, homeUnit } from '@cloutapi/resources';
import { type Command, Option } from 'commander';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { formatAnsic } from '../go/ansic.js';
import { goTable } from '../go/table.js';
import type { View } from '../output/output.js';
import { registerConsumerCreate } from './go-consumer-create.js';
import { registerConsumerDelete } from './go-consumer-delete.js';

/** The heading of the Go CLI's commands in `cloutapi --help`. */
export const GO_GROUP = 'Go CLI compatible (cloutility-api-client scripts keep working):';

/** The options commander hands an action. */
export type GoOptions = Record<string, string | boolean | undefined>;

/**
 * The Go client's CLI commands with its flags and defaults: `bunit list`, `consumer
 * create|list|delete`, `domain list`, `clientoptionset list`, `ostype list`. Tables are the Go
 * CLI's bytes (its tabwriter, header, dashes, columns, ANSIC dates, hrefs), so `tail`, `cut` and
 * `awk` pipelines keep working; `--json` and `--quiet` are cloutapi's.
 */
export function registerGoAliases(program: Command, ctx: Ctx): void {
  const group = (name: string, what: string) =>
    program
      .command(name)
      .summary(`${what} (Go CLI)`)
      .description(`${what}, as the Go CLI's \`${name}\` command.`)
      .helpGroup(GO_GROUP);

  const bunit = group('bunit', 'business units');
  withUnit(
    bunit.command('list').summary('the business unit and the units directly under it'),
    'list',
  ).action(async (o: GoOptions) => {
    const clout = await client(ctx);
    const unit = await clout.bunits.tree({ bunitId: await unitOf(clout, o) });
    const rows = [
      { ...pick(unit), type: 'Parent' },
      ...(unit.businessUnits ?? []).map((u) => ({ ...pick(u), type: 'Descendant' })),
    ];
    await show(
      ctx,
      () =>
        goTable(
          ['ID', 'Name', 'Type', 'Group Name'],
          rows.map((u) => [u.id, u.name, u.type, u.groupName]),
        ),
      rows,
      { kind: 'bunit.list' },
    );
  });

  const consumer = group('consumer', 'consumption units and their backup nodes');
  withUnit(
    consumer.command('list').summary('the consumption units of a business unit'),
    'list consumers in',
  ).action(async (o: GoOptions) => {
    const clout = await client(ctx);
    const list = await clout.consumers.list({ bunitId: await unitOf(clout, o) });
    await show(
      ctx,
      () =>
        goTable(
          ['ID', 'Name', 'Creation date', 'Url'],
          list.items.map((c) => [c.id ?? 0, c.name ?? '', formatAnsic(c.createdDate), hrefOf(c)]),
        ),
      list,
      { kind: 'consumers.list' },
    );
  });
  registerConsumerCreate(withUnit(consumer.command('create'), 'create the consumer in'), ctx);
  registerConsumerDelete(withUnit(consumer.command('delete'), 'delete the consumer from'), ctx);

  const domain = group('domain', 'policy domains');
  withUnit(
    domain.command('list').summary('the policy domains of the default backup server'),
    'list the domains of',
  ).action(async (o: GoOptions) => {
    const clout = await client(ctx);
    const list = await clout.servers.domains({ bunitId: await unitOf(clout, o) });
    await show(
      ctx,
      () =>
        goTable(
          ['ID', 'Name', 'Description', 'Url'],
          list.items.map((d) => [d.id ?? 0, d.name ?? '', d.description ?? '', hrefOf(d)]),
        ),
      list,
      { kind: 'servers.domains' },
    );
  });

  const sets = group('clientoptionset', 'client option sets');
  withUnit(
    sets.command('list').summary('the client option sets of the default backup server'),
    'list the option sets of',
  ).action(async (o: GoOptions) => {
    const clout = await client(ctx);
    const list = await clout.servers.clientOptionSets({ bunitId: await unitOf(clout, o) });
    await show(
      ctx,
      () =>
        goTable(
          ['ID', 'Name', 'Url'],
          list.items.map((s) => [s.id ?? 0, s.name ?? '', hrefOf(s)]),
        ),
      list,
      { kind: 'servers.clientOptionSets' },
    );
  });

  const ostype = group('ostype', 'operating systems');
  ostype
    .command('list')
    .summary('the operating systems a backup node can have')
    .action(async () => {
      const clout = await client(ctx);
      const list = await clout.catalog.operatingSystems();
      await show(
        ctx,
        () =>
          goTable(
            ['ID', 'Name', 'Short name', 'Url'],
            list.items.map((s) => [s.id ?? 0, s.name ?? '', s.shortName ?? '', hrefOf(s)]),
          ),
        list,
        { kind: 'catalog.operatingSystems' },
      );
    });
}

/**
 * Prints a result: the Go CLI's table for people, cloutapi's JSON with `--json` and ids with
 * `--quiet`.
 */
export async function show(
  ctx: Ctx,
  table: () => string,
  value: unknown,
  view: View,
): Promise<void> {
  if (ctx.out.mode === 'human') ctx.out.text(table());
  else await ctx.out.result(value, view);
}

/** `--bunit-id`, as in the Go CLI: default (or 0) the signed-in user's home unit. */
function withUnit(command: Command, what: string): Command {
  return command
    .addOption(new Option('--bunit-id <id>', `business unit to ${what} (default: your home unit)`))
    .addOption(new Option('--bunit <id>').hideHelp());
}

/** The signed-in facade of the run. */
export async function client(ctx: Ctx): Promise<Cloutility> {
  return (await ctx.session()).clout;
}

/** The business unit of `--bunit-id`, else (as in the Go CLI) the user's home unit, from `/v1/me`. */
export async function unitOf(clout: Cloutility, o: GoOptions): Promise<number> {
  return goInt(o.bunitId ?? o.bunit, '--bunit-id') ?? (await homeUnit(clout)).id;
}

/** A Go CLI int flag: decimal, 0 (Go's default) or absent means not given. */
export function goInt(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  // Go also reads 0x1f, 0o17 and 017 (octal); refusing them beats reading them differently.
  if (!/^\+?(0|[1-9]\d{0,9})$/.test(text))
    throw usageError(`${flag}: expected an id (a whole number), got "${String(value)}"`);
  const n = Number(text);
  return n === 0 ? undefined : n;
}

/** The `href` the API gave a resource (the Go CLI's Url column), or nothing. */
export function hrefOf(resource: unknown): string {
  const href = (resource as { href?: unknown } | undefined)?.href;
  return typeof href === 'string' ? href : '';
}

function pick(unit: {
  id?: number | undefined;
  name?: string | undefined;
  groupName?: string | undefined;
}) {
  return {
    id: unit.id ?? 0,
    name: unit.name ?? '',
    groupName: unit.groupName ?? '',
    href: hrefOf(unit),
  };
}
