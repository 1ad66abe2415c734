import { type Cloutility, homeUnit } from '@cloutapi/resources';
import { type Command, Option } from 'commander';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { formatAnsic } from '../go/ansic.js';
import { goTable } from '../go/table.js';
import type { Configure } from './catalog.js';
import { registerConsumerCreate } from './go-consumer-create.js';
import { registerConsumerDelete } from './go-consumer-delete.js';

/** The options commander hands an action. */
export type GoOptions = Record<string, string | boolean | undefined>;

/**
 * The Go client's CLI commands with its flags and defaults: `bunit list`, `consumer
 * create|list|delete`, `domain list`, `clientoptionset list`, `ostype list`. Tables are the Go
 * CLI's bytes (its tabwriter, header, dashes, columns, ANSIC dates, hrefs), so `tail`, `cut` and
 * `awk` pipelines keep working; `--json` and `--quiet` are cloutapi's.
 */
export const GO_COMMANDS = {
  bunit: (command, ctx) =>
    list(
      goGroup(command),
      ctx,
      'the business unit and the units directly under it',
      'list',
      'bunit.list',
      async (clout, bunitId) => {
        const unit = await clout.bunits.tree({ bunitId });
        return [
          { ...pick(unit), type: 'Parent' },
          ...(unit.businessUnits ?? []).map((u) => ({ ...pick(u), type: 'Descendant' })),
        ];
      },
      ['ID', 'Name', 'Type', 'Group Name'],
      (units) => units.map((u) => [u.id, u.name, u.type, u.groupName]),
    ),
  consumer: (command, ctx) => {
    const consumer = goGroup(command);
    list(
      consumer,
      ctx,
      'the consumption units of a business unit',
      'list consumers in',
      'consumers.list',
      (clout, bunitId) => clout.consumers.list({ bunitId }),
      ['ID', 'Name', 'Creation date', 'Url'],
      (l) => l.items.map((c) => [c.id ?? 0, c.name ?? '', formatAnsic(c.createdDate), hrefOf(c)]),
    );
    registerConsumerCreate(withUnit(consumer.command('create'), 'create the consumer in'), ctx);
    registerConsumerDelete(withUnit(consumer.command('delete'), 'delete the consumer from'), ctx);
  },
  domain: (command, ctx) =>
    list(
      goGroup(command),
      ctx,
      'the policy domains of the default backup server',
      'list the domains of',
      'servers.domains',
      (clout, bunitId) => clout.servers.domains({ bunitId }),
      ['ID', 'Name', 'Description', 'Url'],
      (l) => l.items.map((d) => [d.id ?? 0, d.name ?? '', d.description ?? '', hrefOf(d)]),
    ),
  clientoptionset: (command, ctx) =>
    list(
      goGroup(command),
      ctx,
      'the client option sets of the default backup server',
      'list the option sets of',
      'servers.clientOptionSets',
      (clout, bunitId) => clout.servers.clientOptionSets({ bunitId }),
      ['ID', 'Name', 'Url'],
      (l) => l.items.map((s) => [s.id ?? 0, s.name ?? '', hrefOf(s)]),
    ),
  ostype: (command, ctx) =>
    list(
      goGroup(command),
      ctx,
      'the operating systems a backup node can have',
      undefined,
      'catalog.operatingSystems',
      (clout) => clout.catalog.operatingSystems(),
      ['ID', 'Name', 'Short name', 'Url'],
      (l) => l.items.map((s) => [s.id ?? 0, s.name ?? '', s.shortName ?? '', hrefOf(s)]),
    ),
} satisfies Record<string, Configure>;

/** A Go command group, described from its summary (`business units (Go CLI)`). */
function goGroup(command: Command): Command {
  const what = command.summary().replace(/ \(Go CLI\)$/, '');
  return command.description(`${what}, as the Go CLI's \`${command.name()}\` command.`);
}

/**
 * A `list` command (with `--bunit-id` when `unit` says what it does with it): the Go CLI's table
 * for people, cloutapi's JSON with `--json` and ids with `--quiet`.
 */
function list<T>(
  parent: Command,
  ctx: Ctx,
  summary: string,
  unit: string | undefined,
  kind: string,
  read: (clout: Cloutility, bunitId: number) => Promise<T>,
  headers: string[],
  rows: (value: T) => (string | number)[][],
): void {
  const command = parent.command('list').summary(summary);
  (unit === undefined ? command : withUnit(command, unit)).action(async (o: GoOptions) => {
    const clout = await client(ctx);
    const value = await read(clout, unit === undefined ? 0 : await unitOf(clout, o));
    if (ctx.out.mode === 'human') ctx.out.text(goTable(headers, rows(value)));
    else await ctx.out.result(value, { kind });
  });
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
