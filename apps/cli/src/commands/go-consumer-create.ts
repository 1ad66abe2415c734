import {
  type Cloutility,
  EnrollFields,
  type EnrollInput,
  type EnrollOutcome,
  type EnrollPolicy,
  type EnrollStep,
  enrollWithPolicy,
} from '@cloutapi/resources';
import {
  CloutilityError,
  EnrollmentConflictError,
  EnrollmentError,
  ValidationError,
} from '@cloutapi/resources/errors';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { goErrorText, PartialError } from '../go/errors.js';
import { cellText, goTable } from '../go/table.js';
import { enrollAdviceForCli, enrollLock } from './enroll-input.js';
import { client, type GoOptions, goInt, hrefOf, unitOf } from './go-aliases.js';

const HEADERS = ['ID', 'Name', 'Status', 'SP Username', 'SP Password', 'Url'];

/**
 * The Go CLI's defaults in enrollment's words: contact `Safespring`, CPU count 1, client option set
 * 2 (which the Go CLI always sends) and the default server's first domain.
 */
const GO_DEFAULTS = { contact: 'Safespring', cpuCount: 1, clientOptionSetId: 2 } as const;

/** The Go CLI's words for the step that failed, in its row `N/A <name> <words>: <error> N/A ...`. */
const GO_STEPS: Partial<Record<string, string>> = {
  consumer: 'error creating consumer',
  node: 'failed to create node',
  name: 'error retrieving nodename',
  activate: 'error activating node',
  read: 'error retrieving node: error requesting nodedata',
};

/** The flag of each field enrollment checks against the catalog and default server. */
const GO_FLAGS: Partial<Record<string, string>> = {
  operatingSystemId: '--os-type',
  nodeTypeId: '--client-type',
  nodeType: '--client-type',
  domainId: '--domain',
  clientOptionSetId: '--clientOptionSet',
};

/** What `consumer create` was asked for, checked before anything is sent. */
interface Request {
  input: Omit<EnrollInput, 'bunitId'>;
  policy: EnrollPolicy;
  optionSetGiven: boolean;
}

/**
 * `consumer create`, as the Go CLI's, with its flags and defaults, run by resources' enrollment
 * (so it takes the same lock, checks everything before writing, recovers from duplicates and
 * reports a partial failure) and fixed where the Go CLI is wrong: `--clientOptionSet` is honoured,
 * a failed step reports what was created (exit 7) and the same command run again finishes it
 * instead of creating a second consumption unit.
 */
export function registerConsumerCreate(command: Command, ctx: Ctx): void {
  command
    .summary('create a consumption unit and its backup node (with --os-type), and activate it')
    .requiredOption('--name <name>', 'name of the consumption unit (required)')
    .option('--contact <text>', 'contact of the backup node', GO_DEFAULTS.contact)
    .option('--os-type <id>', 'operating system of the backup node (`cloutapi ostype list`)')
    .option('--client-type <id>', 'node type of the backup node (with --os-type)')
    .option(
      '--domain <id>',
      "policy domain (`cloutapi domain list`; default: the default server's first)",
    )
    .option(
      '--clientOptionSet <id>',
      `client option set (\`cloutapi clientoptionset list\`; default ${GO_DEFAULTS.clientOptionSetId}, as the Go CLI)`,
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

/** The flags as enrollment's input and policy: how far it goes follows the flags given. */
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
  // Checked here, by enrollment's own rule for the name: nothing is sent for a bad one.
  const name = EnrollFields.shape.name.safeParse(o.name);
  if (!name.success)
    throw new UsageError(`--name: ${name.error.issues[0]?.message ?? 'not a valid name'}`);
  let until: EnrollPolicy['until'] = 'consumer';
  if (osType !== undefined) until = activate ? 'activated' : 'node';
  return {
    input: {
      name: name.data,
      contact: typeof o.contact === 'string' ? o.contact : undefined,
      operatingSystemId: osType,
      nodeTypeId: clientType,
      domainId: domain,
      clientOptionSetId: clientOptionSet,
    },
    policy: { until, defaults: GO_DEFAULTS, pick: 'first' },
    optionSetGiven: clientOptionSet !== undefined,
  };
}

async function createConsumer(
  ctx: Ctx,
  clout: Cloutility,
  bunitId: number,
  request: Request,
): Promise<void> {
  const { name } = request.input;
  let result: EnrollOutcome;
  try {
    result = await enrollWithPolicy(clout, { ...request.input, bunitId }, request.policy, {
      lock: await enrollLock(ctx),
    });
  } catch (error) {
    throw goFailure(ctx, bunitId, request, error);
  }
  for (const note of result.notes) ctx.out.note(enrollAdviceForCli(note));
  if (result.status === 'already-enrolled') throw alreadyDone(bunitId, request, result);
  const { consumer, node } = result;
  const consumerId = consumer.id as number;
  noteContinuing(ctx, name, result.steps, consumerId);
  const activated = request.policy.until === 'activated';
  const status = activated ? 'ACTIVATED' : 'CREATED';
  if (ctx.out.mode === 'human') {
    const secrets = activated
      ? [node?.tsmName ?? '', node?.tsmPassword ?? '']
      : ['********', '*********'];
    ctx.out.text(
      goTable(HEADERS, [[consumerId, consumer.name ?? name, status, ...secrets, hrefOf(consumer)]]),
    );
    return;
  }
  // JSON: the state after every step (not the consumption unit as it was before its node existed).
  const at = { bunitId, consumerId };
  const [after, final] = await Promise.all([
    clout.consumers.get(at),
    request.policy.until === 'node' ? clout.nodes.get(at) : node,
  ]);
  await ctx.out.result(
    { status, consumer: after, ...(final ? { node: final } : {}) },
    // As the Go CLI prints the node password with --activate, so does --json.
    { kind: 'consumer.create', reveal: activated, ids: () => [String(consumerId)] },
  );
}

/** A run that went on with a unit an earlier run left unfinished says so. */
function noteContinuing(
  ctx: Ctx,
  name: string,
  steps: readonly EnrollStep[],
  consumerId: number | undefined,
): void {
  if (!steps.some((s) => s.step === 'consumer' && s.outcome === 'found')) return;
  const node = steps.find((s) => s.step === 'node')?.outcome;
  ctx.out.note(
    `Continuing with consumption unit "${cellText(name)}" (#${consumerId}), which has ${node === 'found' ? 'a backup node that is not activated' : 'no backup node'} yet.`,
  );
}

/** A unit of that name that is already as far as asked: the Go CLI would make another (exit 5). */
function alreadyDone(bunitId: number, request: Request, result: EnrollOutcome): CliError {
  const { consumer, node } = result;
  const what = `business unit #${bunitId} already has a consumption unit named "${cellText(request.input.name)}" (#${consumer.id})`;
  const remove = `\`cloutapi consumer delete --id ${consumer.id} --bunit-id ${bunitId}\``;
  if (!node)
    return new CliError(what, `Choose another name, or remove it first: ${remove}.`, EXIT.conflict);
  if (!node.tsmName)
    return new CliError(
      `${what} with a backup node`,
      `Add --activate to activate it, choose another name, or remove it first: ${remove}.`,
      EXIT.conflict,
    );
  return new CliError(
    `${what} with a backup node activated as ${cellText(node.tsmName)}`,
    `Its node name and password: \`cloutapi nodes get --bunit ${bunitId} --consumer ${consumer.id} --reveal\`. Or choose another name.`,
    EXIT.conflict,
  );
}

/**
 * An enrollment that stopped, in the Go CLI's words: the row of the failed step on stdout (not for
 * input refused before anything was sent: the Go CLI would have sent it), then what was created
 * and how to finish (exit 7), or the cause as it is.
 */
function goFailure(ctx: Ctx, bunitId: number, request: Request, error: unknown): unknown {
  if (error instanceof ValidationError && error.status === undefined)
    return asUsage(bunitId, request, error);
  if (error instanceof EnrollmentConflictError)
    return new CliError(enrollAdviceForCli(error.message), undefined, EXIT.conflict);
  if (!(error instanceof EnrollmentError)) return error;
  const { name } = request.input;
  const { cause, consumerId, step, steps } = error;
  noteContinuing(ctx, name, steps, consumerId);
  const words = GO_STEPS[step];
  if (words && ctx.out.mode === 'human')
    ctx.out.text(
      goTable(HEADERS, [['N/A', name, `${words}: ${goErrorText(cause)}`, 'N/A', 'N/A', 'N/A']]),
    );
  if (consumerId === undefined) return cause;
  const unit = `consumption unit "${cellText(name)}" (#${consumerId})`;
  const remove = `cloutapi consumer delete --id ${consumerId} --bunit-id ${bunitId}`;
  if (step === 'consumer' || step === 'node')
    return new PartialError(
      `created ${unit} in business unit #${bunitId}, but not its backup node${maybeApplied(cause, 'the node')}: ${messageOf(cause)}`,
      `Run the same command again to create the node of #${consumerId} (it creates no second consumption unit), or remove the unit: \`${remove}\`.`,
      cause,
    );
  return new PartialError(
    `created ${unit} and its backup node in business unit #${bunitId}, but did not activate the node${maybeApplied(cause, 'the activation')}: ${messageOf(cause)}`,
    `Run the same command again to activate it, or remove the unit and its node: \`${remove}\`.`,
    cause,
  );
}

/** Enrollment's input errors, named by the Go CLI's flags; nothing was created. */
function asUsage(bunitId: number, request: Request, error: ValidationError): UsageError {
  const path = error.issues[0]?.path ?? '';
  const flag = GO_FLAGS[path] ?? `--${path}`;
  const lists: Partial<Record<string, string>> = {
    '--os-type': 'cloutapi ostype list',
    '--client-type': `cloutapi catalog operating-system --os-id ${request.input.operatingSystemId}`,
    '--domain': `cloutapi domain list --bunit-id ${bunitId}`,
    '--clientOptionSet': `cloutapi clientoptionset list --bunit-id ${bunitId}`,
  };
  let message = cellText(error.issues[0]?.message ?? error.message);
  if (flag === '--clientOptionSet' && !request.optionSetGiven)
    message = message.replace(/#\d+/, '$& (the default, as in the Go CLI)');
  return new UsageError(
    `${flag}: ${message}`,
    `Nothing was created.${lists[flag] ? ` \`${lists[flag]}\` lists them.` : ''}`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function maybeApplied(error: unknown, what: string): string {
  return error instanceof CloutilityError && error.mayHaveBeenApplied
    ? ` (${what} may have been applied; the command run again checks first)`
    : '';
}
