/**
 * What `cloutapi enroll` does for one machine once its flags are parsed: loaded when it runs, while
 * the session opens (the first connection to the portal is under way meanwhile).
 */
import { cpus, hostname } from 'node:os';
import { type EnrollResult, enrollMachine } from '@cloutapi/resources';
import { CloutilityError, EnrollmentConflictError } from '@cloutapi/resources/errors';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { sessionDefaults } from '../lookup-cache.js';
import { flagOf } from './enroll.js';
import {
  enrollAdviceForCli,
  enrollLock,
  inputProblems,
  type MachineSpec,
  resolveMachine,
} from './enroll-input.js';
import { platformOs } from './platform-os.js';

export async function enrollOne(
  ctx: Ctx,
  options: Record<string, string | boolean | undefined>,
): Promise<void> {
  const text = (key: string) =>
    typeof options[key] === 'string' ? (options[key] as string) : undefined;
  const spec: MachineSpec = {
    bunit: text('bunit'),
    name: text('name') ?? hostname(),
    nodeName: text('nodeName'),
    os: text('os') ?? platformOs(),
    nodeType: text('nodeType'),
    domain: text('domain'),
    optionSet: text('optionSet'),
    server: text('server'),
    contact: text('contact'),
    // os.cpus() is empty on some platforms; then the count is left out.
    cpus: text('cpus') ?? (cpus().length || undefined),
  };
  if (!spec.os) throw usageError('--os: required on this platform (no default for it)');
  const session = await ctx.session();
  const { clout } = session;
  // A unit given by name is looked up in the tree (a request in any case); the catalog, which does
  // not depend on the unit, is read alongside. Otherwise nothing is sent before the input is checked.
  const defaults = sessionDefaults(session);
  if (spec.bunit?.trim() && !/^\d+$/.test(spec.bunit.trim()))
    defaults.operatingSystems().catch(() => {});
  const [{ input, notes }, lock] = await Promise.all([
    resolveMachine(clout, spec, {}, flagOf),
    enrollLock(ctx),
  ]);
  for (const note of notes) ctx.out.note(note, true);
  let result: EnrollResult;
  try {
    result = await enrollMachine(clout, input, {
      defaults,
      // Another cloutapi enrolling the same machine on this computer is waited for.
      lock,
      // Progress for people; --json and --quiet runs keep stderr for errors.
      onStep: (step) => {
        if (ctx.out.mode === 'human') ctx.out.note(`  ${step.step}: ${step.detail}`, true);
      },
    });
  } catch (error) {
    if (error instanceof EnrollmentConflictError)
      throw new CloutilityError({ message: enrollAdviceForCli(error.message), cause: error });
    throw asUsage(error);
  }
  for (const note of result.notes) ctx.out.note(enrollAdviceForCli(note));
  await ctx.out.result(result, {
    kind: 'enroll',
    ids: (value) => [(value as EnrollResult).nodeName],
    reveal: true,
    human: (value) => describeResult(value as EnrollResult, ctx),
  });
}

function describeResult(result: EnrollResult, ctx: Ctx): string {
  const c = ctx.out.colors;
  const what = result.status === 'enrolled' ? 'Enrolled' : 'Already enrolled:';
  return [
    `${what} ${result.consumerName} (consumption unit #${result.consumerId} in business unit #${result.bunitId})`,
    `  node name  ${c.bold(result.nodeName)}`,
    `  server     ${result.server.name ?? '?'}${result.server.id !== undefined ? ` (#${result.server.id})` : ''}`,
    `  password   ${result.password ? c.bold(result.password) : c.dim('(not returned by the API)')}`,
    c.dim(
      `Configure the backup client with this node name and password. \`cloutapi nodes get --bunit ${result.bunitId} --consumer ${result.consumerId} --reveal\` shows them again.`,
    ),
  ].join('\n');
}

/** The workflow's input errors, named by the flags that set those fields. */
function asUsage(error: unknown): unknown {
  const problems = inputProblems(error, flagOf);
  if (problems === undefined) return error;
  return usageError(
    `invalid input: ${problems}`,
    'Nothing was changed. See `cloutapi enroll --help`.',
  );
}
