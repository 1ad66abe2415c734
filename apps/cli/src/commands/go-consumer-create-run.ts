/**
 * What `consumer create` does once its flags are parsed (loaded when it runs, so that `consumer
 * list` does not load enrollment): the flags as enrollment's input, the enrollment under the Go
 * CLI's policy, and the Go CLI's row.
 */
import {
  type Cloutility,
  EnrollFields,
  type EnrollInput,
  type EnrollOutcome,
  type EnrollPolicy,
  type EnrollStep,
  enrollWithPolicy,
  validateWith,
} from '@cloutapi/resources';
import {
  CloutilityError,
  ConflictError,
  EnrollmentConflictError,
  EnrollmentError,
  ValidationError,
} from '@cloutapi/resources/errors';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { goErrorText } from '../go/errors.js';
import { cellText, goTable } from '../go/table.js';
import { sessionDefaults } from '../lookup-cache.js';
import { enrollAdviceForCli, enrollLock } from './enroll-input.js';
import { type GoOptions, goInt, hrefOf } from './go-aliases.js';
import { GO_CONTACT } from './go-consumer-create.js';

const HEADERS = ['ID', 'Name', 'Status', 'SP Username', 'SP Password', 'Url'];

const NAME = EnrollFields.pick({ name: true });

/** `--name`, by enrollment's own rule for a machine's name, checked before anything is sent. */
function goName(value: unknown): string {
  try {
    return validateWith(NAME, { name: value }, 'consumer create').name;
  } catch (error) {
    if (error instanceof ValidationError) throw usageError(`--name: ${error.issues[0]?.message}`);
    throw error;
  }
}

/**
 * The Go CLI's defaults in enrollment's words: contact `Safespring`, CPU count 1, client option set
 * 2 (which the Go CLI always sends) and the default server's first domain.
 */
const GO_POLICY = {
  defaults: { contact: GO_CONTACT, cpuCount: 1, clientOptionSetId: 2 },
  pick: 'first',
} as const satisfies EnrollPolicy;

/** The Go CLI's words for the step that failed, in its row `N/A <name> <words>: <error> N/A ...`. */
const GO_STEPS: Partial<Record<string, string>> = {
  consumer: 'error creating consumer',
  node: 'failed to create node',
  name: 'error retrieving nodename',
  activate: 'error activating node',
  read: 'error retrieving node: error requesting nodedata',
};

/** The flag of each field enrollment checks before writing, and the command that lists values. */
const GO_FLAGS: Partial<Record<string, [string, string]>> = {
  operatingSystemId: ['--os-type', 'ostype list'],
  nodeTypeId: ['--client-type', 'ostype list --json'],
  nodeType: ['--client-type', 'ostype list --json'],
  domainId: ['--domain', 'domain list --bunit-id'],
  clientOptionSetId: ['--clientOptionSet', 'clientoptionset list --bunit-id'],
};

/** What `consumer create` was asked for, checked before anything is sent. */
interface Request {
  input: Omit<EnrollInput, 'bunitId'> & { name: string };
  until: EnrollPolicy['until'];
}

/** The flags as enrollment's input; how far it goes follows the flags given. */
export function requestOf(o: GoOptions): Request {
  const input = {
    operatingSystemId: goInt(o.osType, '--os-type'),
    nodeTypeId: goInt(o.clientType, '--client-type'),
    domainId: goInt(o.domain, '--domain'),
    clientOptionSetId: goInt(o.clientOptionSet, '--clientOptionSet'),
    contact: typeof o.contact === 'string' ? o.contact : undefined,
  };
  const activate = o.activate === true;
  const nodeFlags = Object.entries({
    '--client-type': input.nodeTypeId,
    '--domain': input.domainId,
    '--clientOptionSet': input.clientOptionSetId,
    '--activate': activate || undefined,
  }).flatMap(([flag, value]) => (value === undefined ? [] : [flag]));
  if (input.operatingSystemId === undefined && nodeFlags.length)
    throw usageError(
      `${nodeFlags.join(', ')}: ${nodeFlags.length > 1 ? 'are' : 'is'} for the backup node: give --os-type and --client-type too`,
      '`cloutapi ostype list` lists the operating systems.',
    );
  if (input.operatingSystemId !== undefined && input.nodeTypeId === undefined)
    throw usageError(
      '--client-type: required with --os-type: the node type of the backup node',
      `\`cloutapi catalog operating-system --os-id ${input.operatingSystemId}\` lists the node types it supports.`,
    );
  const name = goName(o.name);
  let until: EnrollPolicy['until'] = 'consumer';
  if (input.operatingSystemId !== undefined) until = activate ? 'activated' : 'node';
  return { input: { ...input, name }, until };
}

export async function createConsumer(
  ctx: Ctx,
  clout: Cloutility,
  bunitId: number,
  request: Request,
) {
  const { input, until } = request;
  let result: EnrollOutcome;
  try {
    const [lock, session] = await Promise.all([enrollLock(ctx), ctx.session()]);
    result = await enrollWithPolicy(
      clout,
      { ...input, bunitId },
      { ...GO_POLICY, until },
      { lock, defaults: sessionDefaults(session) },
    );
  } catch (error) {
    throw goFailure(ctx, bunitId, request, error);
  }
  for (const note of result.notes) ctx.out.note(enrollAdviceForCli(note));
  const { consumer, node } = result;
  const at = { bunitId, consumerId: consumer.id as number };
  if (result.status === 'already-enrolled') throw alreadyDone(at, input.name, node);
  noteContinuing(ctx, input.name, result.steps, at.consumerId);
  const status = until === 'activated' ? 'ACTIVATED' : 'CREATED';
  if (ctx.out.mode === 'human') {
    const secrets =
      status === 'ACTIVATED'
        ? [node?.tsmName ?? '', node?.tsmPassword ?? '']
        : ['********', '*********'];
    const row = [at.consumerId, consumer.name ?? input.name, status, ...secrets, hrefOf(consumer)];
    ctx.out.text(goTable(HEADERS, [row]));
    return;
  }
  // JSON: the state after every step (not the consumption unit as it was before its node existed).
  const [after, final] = await Promise.all([
    clout.consumers.get(at),
    until === 'node' ? clout.nodes.get(at) : node,
  ]);
  await ctx.out.result(
    { status, consumer: after, ...(final ? { node: final } : {}) },
    // As the Go CLI prints the node password with --activate, so does --json.
    { kind: 'consumer.create', reveal: status === 'ACTIVATED', ids: () => [String(at.consumerId)] },
  );
}

/** A run that went on with a unit an earlier run left unfinished says so. */
function noteContinuing(ctx: Ctx, name: string, steps: readonly EnrollStep[], id?: number): void {
  if (!steps.some((s) => s.step === 'consumer' && s.outcome === 'found')) return;
  const node = steps.some((s) => s.step === 'node' && s.outcome === 'found')
    ? 'a backup node that is not activated'
    : 'no backup node';
  ctx.out.note(
    `Continuing with consumption unit "${cellText(name)}" (#${id}), which has ${node} yet.`,
  );
}

/** A unit of that name that is already as far as asked: the Go CLI would make another (exit 5). */
function alreadyDone(
  at: { bunitId: number; consumerId: number },
  name: string,
  node: EnrollOutcome['node'],
): ConflictError {
  const remove = `remove it first: \`cloutapi consumer delete --id ${at.consumerId} --bunit-id ${at.bunitId}\`.`;
  let has = '';
  let hint = `Choose another name, or ${remove}`;
  if (node?.tsmName) {
    has = ` with a backup node activated as ${cellText(node.tsmName)}`;
    hint = `Its node name and password: \`cloutapi nodes get --bunit ${at.bunitId} --consumer ${at.consumerId} --reveal\`. Or choose another name.`;
  } else if (node) {
    has = ' with a backup node';
    hint = `Add --activate to activate it, choose another name, or ${remove}`;
  }
  return new ConflictError({
    message: `business unit #${at.bunitId} already has a consumption unit named "${cellText(name)}" (#${at.consumerId})${has}`,
    hint,
  });
}

/**
 * An enrollment that stopped, in the Go CLI's words: the row of the failed step on stdout (not for
 * input refused before anything was sent: the Go CLI would have sent it), then what was created
 * and how to finish (exit 7), or the cause as it is.
 */
function goFailure(ctx: Ctx, bunitId: number, request: Request, error: unknown): unknown {
  if (error instanceof ValidationError && error.status === undefined) {
    const path = error.issues[0]?.path ?? '';
    const [flag, list] = GO_FLAGS[path] ?? [`--${path}`];
    let message = cellText(error.issues[0]?.message ?? error.message);
    if (flag === '--clientOptionSet' && request.input.clientOptionSetId === undefined)
      message = message.replace(/#\d+/, '$& (the default, as in the Go CLI)');
    const listed = list
      ? ` \`cloutapi ${list}${list.endsWith('-id') ? ` ${bunitId}` : ''}\` lists them.`
      : '';
    return usageError(`${flag}: ${message}`, `Nothing was created.${listed}`);
  }
  if (error instanceof EnrollmentConflictError)
    return new ConflictError({ message: enrollAdviceForCli(error.message), cause: error });
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
  const remove = `\`cloutapi consumer delete --id ${consumerId} --bunit-id ${bunitId}\``;
  const beforeNode = step === 'consumer' || step === 'node';
  const why = `${maybeApplied(cause, beforeNode ? 'the node' : 'the activation')}: ${cause instanceof Error ? cause.message : String(cause)}`;
  // Wraps the enrollment's error, which a unit in place makes partly done (exit 7).
  return new CloutilityError({
    message: beforeNode
      ? `created ${unit} in business unit #${bunitId}, but not its backup node${why}`
      : `created ${unit} and its backup node in business unit #${bunitId}, but did not activate the node${why}`,
    hint: beforeNode
      ? `Run the same command again to create the node of #${consumerId} (it creates no second consumption unit), or remove the unit: ${remove}.`
      : `Run the same command again to activate it, or remove the unit and its node: ${remove}.`,
    cause: error,
  });
}

function maybeApplied(error: unknown, what: string): string {
  return error instanceof CloutilityError && error.mayHaveBeenApplied
    ? ` (${what} may have been applied; the command run again checks first)`
    : '';
}
