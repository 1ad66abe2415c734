import {
  type BackupNode,
  type Cloutility,
  type Consumer,
  findOperation,
  ifFound,
} from '@cloutapi/resources';
import { CloutilityError, ValidationError } from '@cloutapi/resources/errors';
import { type Command, Option } from 'commander';
import type { ZodType } from 'zod';
import type { Ctx } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { goErrorText, PartialError } from '../go/errors.js';
import { cellText, goTable } from '../go/table.js';
import { client, type GoOptions, goInt, hrefOf, unitOf } from './go-aliases.js';

const HEADERS = ['ID', 'Name', 'Status', 'SP Username', 'SP Password', 'Url'];

/** The client option set the Go CLI always sends (it ignores its own `--clientOptionSet`). */
const GO_OPTION_SET = 2;

/** What `consumer create` was asked for, checked before anything is sent. */
interface Request {
  name: string;
  contact: string;
  activate: boolean;
  node:
    | {
        operatingSystemId: number;
        nodeTypeId: number;
        domainId: number | undefined;
        clientOptionSetId: number | undefined;
      }
    | undefined;
}

/** Where the node goes: checked against the unit's default server before anything is written. */
interface Placement {
  serverId: number;
  domainId: number;
  clientOptionSetId: number;
}

/**
 * `consumer create`, as the Go CLI's, with its flags and defaults (`--contact Safespring`, option
 * set 2), fixed where the Go CLI is wrong: `--clientOptionSet` is honoured, the node's settings are
 * checked before anything is created, a failed step reports what was created (exit 7) and the
 * same command run again finishes it instead of creating a second consumption unit.
 */
export function registerConsumerCreate(command: Command, ctx: Ctx): void {
  command
    .summary('create a consumption unit and its backup node (with --os-type), and activate it')
    .requiredOption('--name <name>', 'name of the consumption unit (required)')
    .option('--contact <text>', 'contact of the backup node', 'Safespring')
    .option('--os-type <id>', 'operating system of the backup node (`cloutapi ostype list`)')
    .option('--client-type <id>', 'node type of the backup node (with --os-type)')
    .option(
      '--domain <id>',
      "policy domain (`cloutapi domain list`; default: the default server's first)",
    )
    .addOption(
      new Option(
        '--clientOptionSet <id>',
        'client option set (`cloutapi clientoptionset list`; default 2, as the Go CLI)',
      ),
    )
    .option('--activate', 'activate the backup node and print its node name and password')
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi consumer create --name web-07 --os-type 3 --client-type 1 --domain 1 --activate\n  cloutapi consumer create --name web-08 --bunit-id 12',
    )
    .action(async (o: GoOptions) => {
      const request = requestOf(o);
      const clout = await client(ctx);
      const bunitId = await unitOf(clout, o);
      await createConsumer(ctx, clout, bunitId, request);
    });
}

function requestOf(o: GoOptions): Request {
  const osType = goInt(o.osType, '--os-type');
  const clientType = goInt(o.clientType, '--client-type');
  const domain = goInt(o.domain, '--domain');
  const clientOptionSet = goInt(o.clientOptionSet, '--clientOptionSet');
  const activate = o.activate === true;
  if (osType === undefined) {
    const nodeFlags = [
      clientType !== undefined && '--client-type',
      domain !== undefined && '--domain',
      clientOptionSet !== undefined && '--clientOptionSet',
      activate && '--activate',
    ].filter(Boolean);
    if (nodeFlags.length) {
      throw new UsageError(
        `${nodeFlags.join(', ')}: ${nodeFlags.length > 1 ? 'are' : 'is'} for the backup node: give --os-type and --client-type too`,
        '`cloutapi ostype list` lists the operating systems.',
      );
    }
  } else if (clientType === undefined) {
    throw new UsageError(
      '--client-type: required with --os-type: the node type of the backup node',
      `\`cloutapi catalog operating-system --os-id ${osType}\` lists the node types it supports.`,
    );
  }
  return {
    name: nameOf(o.name),
    contact: typeof o.contact === 'string' ? o.contact : 'Safespring',
    activate,
    node:
      osType === undefined
        ? undefined
        : {
            operatingSystemId: osType,
            nodeTypeId: clientType as number,
            domainId: domain,
            clientOptionSetId: clientOptionSet,
          },
  };
}

/** `--name`, checked by the registry's own rule for a consumption unit's name. */
function nameOf(value: unknown): string {
  const input = findOperation('consumers.create')?.input as Record<string, ZodType> | undefined;
  const checked = input?.name?.safeParse(value);
  if (checked && !checked.success)
    throw new UsageError(`--name: ${checked.error.issues[0]?.message ?? 'not a valid name'}`);
  return String(value);
}

async function createConsumer(
  ctx: Ctx,
  clout: Cloutility,
  bunitId: number,
  request: Request,
): Promise<void> {
  const { name } = request;
  // Usage errors of the node's settings are found here, before anything is created.
  const placement = request.node ? await placementOf(clout, bunitId, request.node) : undefined;
  // Row of a step that failed, as the Go CLI prints it; then the error says what to do. Not for
  // input refused before it was sent: the Go CLI would have sent it.
  const failedRow = (step: string, error: unknown) => {
    const local = error instanceof ValidationError && error.status === undefined;
    if (ctx.out.mode === 'human' && !local)
      ctx.out.text(
        goTable(HEADERS, [['N/A', name, `${step}: ${goErrorText(error)}`, 'N/A', 'N/A', 'N/A']]),
      );
  };

  // The consumption unit: a re-run after a failure continues with the one it created.
  const found = await unfinished(clout, bunitId, request);
  let consumer: Consumer;
  if (found) {
    consumer = found.consumer;
    ctx.out.note(
      `Continuing with consumption unit "${cellText(consumer.name ?? name)}" (#${consumer.id}), which has ${found.node ? 'a backup node that is not activated' : 'no backup node'} yet.`,
    );
  } else {
    try {
      consumer = await clout.consumers.create({ bunitId, name });
    } catch (error) {
      failedRow('error creating consumer', error);
      throw error;
    }
  }
  const consumerId = consumer.id as number;
  const at = { bunitId, consumerId };
  const remove = `cloutapi consumer delete --id ${consumerId} --bunit-id ${bunitId}`;

  let node = found?.node;
  if (request.node && placement && !node) {
    try {
      node = await clout.nodes.create({
        ...at,
        operatingSystemId: request.node.operatingSystemId,
        nodeTypeId: request.node.nodeTypeId,
        ...placement,
        contact: request.contact,
        cpuCount: 1,
      });
    } catch (error) {
      failedRow('failed to create node', error);
      throw new PartialError(
        `created consumption unit "${cellText(consumer.name ?? name)}" (#${consumerId}) in business unit #${bunitId}, but not its backup node${maybeApplied(error, 'the node')}: ${messageOf(error)}`,
        `Run the same command again to create the node of #${consumerId} (it creates no second consumption unit), or remove the unit: \`${remove}\`.`,
        error,
      );
    }
  }

  let status = 'CREATED';
  let final: BackupNode | undefined = node;
  if (request.activate) {
    let step = 'error retrieving nodename';
    try {
      const tsmName = (await clout.nodes.suggestName(at)).toUpperCase();
      step = 'error activating node';
      await clout.nodes.activate({ ...at, tsmName });
      step = 'error retrieving node: error requesting nodedata';
      final = await clout.nodes.get(at);
    } catch (error) {
      failedRow(step, error);
      throw new PartialError(
        `created consumption unit "${cellText(consumer.name ?? name)}" (#${consumerId}) and its backup node in business unit #${bunitId}, but did not activate the node${maybeApplied(error, 'the activation')}: ${messageOf(error)}`,
        `Run the same command again to activate it, or remove the unit and its node: \`${remove}\`.`,
        error,
      );
    }
    status = 'ACTIVATED';
  }

  if (ctx.out.mode === 'human') {
    const row = request.activate
      ? [
          consumerId,
          consumer.name ?? name,
          status,
          final?.tsmName ?? '',
          final?.tsmPassword ?? '',
          hrefOf(consumer),
        ]
      : [consumerId, consumer.name ?? name, status, '********', '*********', hrefOf(consumer)];
    ctx.out.text(goTable(HEADERS, [row]));
    return;
  }
  // JSON: the state after every step (not the consumption unit as it was before its node existed).
  const after = await clout.consumers.get(at);
  if (request.node && !request.activate) final = await clout.nodes.get(at);
  await ctx.out.result(
    { status, consumer: after, ...(final ? { node: final } : {}) },
    // As the Go CLI prints the node password with --activate, so does --json.
    { kind: 'consumer.create', reveal: request.activate, ids: () => [String(consumerId)] },
  );
}

/**
 * A consumption unit of this name that an earlier run left unfinished (no node, or a node not yet
 * activated when `--activate` asks for it), to continue with. Any other of the same name is a
 * conflict: running the command twice must not create two.
 */
async function unfinished(
  clout: Cloutility,
  bunitId: number,
  request: Request,
): Promise<{ consumer: Consumer; node: BackupNode | undefined } | undefined> {
  const same = (await clout.consumers.list({ bunitId })).items.filter(
    (c) => c.name === request.name,
  );
  if (same.length === 0) return undefined;
  const ids = same.map((c) => `#${c.id}`).join(', ');
  const remove = `\`cloutapi consumer delete --id ${same[0]?.id} --bunit-id ${bunitId}\``;
  if (same.length > 1 || !request.node) {
    throw new CliError(
      `business unit #${bunitId} already has a consumption unit named "${request.name}" (${ids})`,
      `Choose another name, or remove it first: ${remove}.`,
      EXIT.conflict,
    );
  }
  const consumer = same[0] as Consumer;
  const at = { bunitId, consumerId: consumer.id as number };
  const node = await ifFound(clout.nodes.get(at));
  if (node && (!request.activate || node.tsmName)) {
    throw new CliError(
      `business unit #${bunitId} already has a consumption unit named "${request.name}" (#${consumer.id}) with a backup node${node.tsmName ? ` activated as ${cellText(node.tsmName)}` : ''}`,
      node.tsmName
        ? `Its node name and password: \`cloutapi nodes get --bunit ${bunitId} --consumer ${consumer.id} --reveal\`. Or choose another name.`
        : `Add --activate to activate it, choose another name, or remove it first: ${remove}.`,
      EXIT.conflict,
    );
  }
  return { consumer, node };
}

/** The default server, and the domain and option set checked against its lists. */
async function placementOf(
  clout: Cloutility,
  bunitId: number,
  node: NonNullable<Request['node']>,
): Promise<Placement> {
  const ids = { bunitId };
  const [systems, server, domains, sets] = await Promise.all([
    clout.catalog.operatingSystems(),
    clout.servers.default(ids),
    clout.servers.domains(ids),
    clout.servers.clientOptionSets(ids),
  ]);
  const list = (items: { id?: number | undefined; name?: string | undefined }[]) =>
    items.map((i) => `${cellText(i.name ?? '')} (#${i.id})`).join(', ') || 'none';
  const os = systems.items.find((s) => s.id === node.operatingSystemId);
  if (!os) {
    throw new UsageError(
      `--os-type: there is no operating system #${node.operatingSystemId}; there are ${list(systems.items)}`,
      'Nothing was created. `cloutapi ostype list` lists them.',
    );
  }
  const types = os.supportedNodeTypes ?? [];
  if (types.length && !types.some((t) => t.id === node.nodeTypeId)) {
    throw new UsageError(
      `--client-type: ${cellText(os.name ?? '')} (#${os.id}) has no node type #${node.nodeTypeId}; it supports ${list(types)}`,
      'Nothing was created.',
    );
  }
  const where = `the default backup server ${cellText(server.name ?? '')} (#${server.id}) of business unit #${bunitId}`;
  const domainId = node.domainId ?? domains.items[0]?.id;
  if (domainId === undefined || !domains.items.some((d) => d.id === domainId)) {
    throw new UsageError(
      `--domain: ${node.domainId === undefined ? 'no policy domain on' : `policy domain #${node.domainId} is not one of`} ${where}; it has ${list(domains.items)}`,
      `Nothing was created. \`cloutapi domain list --bunit-id ${bunitId}\` lists them.`,
    );
  }
  const clientOptionSetId = node.clientOptionSetId ?? GO_OPTION_SET;
  if (!sets.items.some((s) => s.id === clientOptionSetId)) {
    throw new UsageError(
      `--clientOptionSet: client option set #${clientOptionSetId}${node.clientOptionSetId === undefined ? ' (the default, as in the Go CLI)' : ''} is not one of ${where}; it has ${list(sets.items)}`,
      `Nothing was created. Give --clientOptionSet; \`cloutapi clientoptionset list --bunit-id ${bunitId}\` lists them.`,
    );
  }
  return { serverId: server.id as number, domainId, clientOptionSetId };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function maybeApplied(error: unknown, what: string): string {
  return error instanceof CloutilityError && error.mayHaveBeenApplied
    ? ` (${what} may have been applied; the command run again checks first)`
    : '';
}
