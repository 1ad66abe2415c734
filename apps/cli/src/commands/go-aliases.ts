import { type Cloutility, flattenTree } from '@cloutapi/resources';
import { type Command, Option } from 'commander';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { homeUnit } from './resolve.js';

/** The heading of the Go CLI's commands in `cloutapi --help`. */
export const GO_GROUP = 'Go CLI compatible (cloutility-api-client scripts keep working):';

type Options = Record<string, string | boolean | undefined>;

/**
 * The Go client's CLI commands, with its flags (`--bunit-id`, `--name`, `--id`, `--os-type`,
 * `--client-type`, `--domain`, `--contact`): `bunit list`, `consumer create|list|delete`,
 * `domain list`, `clientoptionset list`, `ostype list`. Like the Go CLI, a missing `--bunit-id`
 * means the user's home unit.
 */
export function registerGoAliases(program: Command, ctx: Ctx): void {
  const group = (name: string, what: string) =>
    program
      .command(name)
      .summary(`${what} (Go CLI)`)
      .description(`${what}, as the Go CLI's \`${name}\` command.`)
      .helpGroup(GO_GROUP);

  const bunit = group('bunit', 'business units');
  withUnit(bunit.command('list').summary('the business unit and its descendants')).action(
    async (o: Options) => {
      const clout = await client(ctx);
      const root = await unitOf(clout, o);
      const tree = await clout.bunits.tree({ bunitId: root });
      const units = flattenTree(tree).map((u) => ({
        id: u.id,
        name: u.name,
        type: u.depth === 0 ? 'Parent' : 'Descendant',
        parentId: u.parentId,
        path: u.path.join(' > '),
      }));
      await ctx.out.result(units, { kind: 'bunit.list' });
    },
  );

  const consumer = group('consumer', 'consumption units');
  withUnit(consumer.command('list').summary('the consumption units of a business unit')).action(
    async (o: Options) => {
      const clout = await client(ctx);
      await ctx.out.result(await clout.consumers.list({ bunitId: await unitOf(clout, o) }), {
        kind: 'consumers.list',
      });
    },
  );
  withUnit(
    consumer
      .command('create')
      .summary('create a consumption unit (and its backup node when --os-type is given)')
      .requiredOption('--name <name>', 'name of the consumption unit (required)')
      .option('--contact <text>', 'contact for the backup node')
      .option('--os-type <id>', 'operating system id: also create the backup node')
      .option('--client-type <id>', 'node type id (with --os-type)')
      .option('--domain <id>', 'policy domain id (with --os-type; default the first)'),
  ).action(async (o: Options) => {
    // Flags are checked before the consumption unit is created, not halfway.
    const node =
      o.osType === undefined
        ? undefined
        : {
            operatingSystemId: positive(o.osType, '--os-type', true),
            nodeTypeId: positive(o.clientType, '--client-type', true),
            domainId: positive(o.domain, '--domain', false),
          };
    const clout = await client(ctx);
    const bunitId = await unitOf(clout, o);
    const created = await clout.consumers.create({ bunitId, name: String(o.name) });
    if (node) await createNode(clout, bunitId, created.id as number, node, o.contact);
    await ctx.out.result(created, { kind: 'consumers.create' });
  });
  withUnit(
    consumer
      .command('delete')
      .summary('delete a consumption unit and its backup node')
      .addOption(new Option('--id <id>', 'id of the consumption unit (required)'))
      .addOption(new Option('--consumer-id <id>').hideHelp())
      .addOption(new Option('--consumer <id>').hideHelp()),
  ).action(async (o: Options) => {
    const consumerId = positive(o.id ?? o.consumerId ?? o.consumer, '--id', true);
    const clout = await client(ctx);
    const bunitId = await unitOf(clout, o);
    await clout.consumers.delete({ bunitId, consumerId, deleteAssociations: true });
    await ctx.out.result(undefined, {
      kind: 'consumers.delete',
      done: `Deleted consumption unit ${consumerId}.`,
    });
  });

  const domain = group('domain', 'policy domains');
  withUnit(
    domain.command('list').summary('the policy domains of the default backup server'),
  ).action(async (o: Options) => {
    const clout = await client(ctx);
    await ctx.out.result(await clout.servers.domains({ bunitId: await unitOf(clout, o) }), {
      kind: 'servers.domains',
    });
  });

  const sets = group('clientoptionset', 'client option sets');
  withUnit(
    sets.command('list').summary('the client option sets of the default backup server'),
  ).action(async (o: Options) => {
    const clout = await client(ctx);
    await ctx.out.result(
      await clout.servers.clientOptionSets({ bunitId: await unitOf(clout, o) }),
      {
        kind: 'servers.clientOptionSets',
      },
    );
  });

  const ostype = group('ostype', 'operating systems');
  ostype
    .command('list')
    .summary('the operating systems a backup node can have')
    .action(async () => {
      const clout = await client(ctx);
      await ctx.out.result(await clout.catalog.operatingSystems(), {
        kind: 'catalog.operatingSystems',
      });
    });
}

function withUnit(command: Command): Command {
  return command
    .addOption(new Option('--bunit-id <id>', 'business unit id (default: your home unit)'))
    .addOption(new Option('--bunit <id>').hideHelp());
}

async function client(ctx: Ctx): Promise<Cloutility> {
  return (await ctx.session()).clout;
}

async function unitOf(clout: Cloutility, o: Options): Promise<number> {
  const given = positive(o.bunitId ?? o.bunit, '--bunit-id', false);
  return given ?? (await homeUnit(clout)).id;
}

function positive(value: unknown, flag: string, required: true): number;
function positive(value: unknown, flag: string, required: false): number | undefined;
function positive(value: unknown, flag: string, required: boolean): number | undefined {
  if (value === undefined) {
    if (required) throw new UsageError(`${flag}: required: expected an id (a positive integer)`);
    return undefined;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag}: expected an id (a positive integer), got "${String(value)}"`);
  return n;
}

/** The Go CLI creates the node on the unit's default server, with a domain and option set of it. */
async function createNode(
  clout: Cloutility,
  bunitId: number,
  consumerId: number,
  node: { operatingSystemId: number; nodeTypeId: number; domainId: number | undefined },
  contact: string | boolean | undefined,
): Promise<void> {
  const server = await clout.servers.default({ bunitId });
  const domainId = node.domainId ?? (await clout.servers.domains({ bunitId })).items[0]?.id;
  const clientOptionSetId = (await clout.servers.clientOptionSets({ bunitId })).items[0]?.id;
  if (server.id === undefined || domainId === undefined || clientOptionSetId === undefined) {
    throw new UsageError(
      'the default backup server lists no policy domain or client option set; give --domain',
    );
  }
  await clout.nodes.create({
    bunitId,
    consumerId,
    operatingSystemId: node.operatingSystemId,
    nodeTypeId: node.nodeTypeId,
    domainId,
    clientOptionSetId,
    serverId: server.id,
    contact: typeof contact === 'string' ? contact : undefined,
    cpuCount: 1,
  });
}
