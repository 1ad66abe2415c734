import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import type { EnrollStep } from '../errors.js';
import {
  CloutilityError,
  ConflictError,
  EnrollmentConflictError,
  EnrollmentError,
  ValidationError,
} from '../errors.js';
import type { BackupNode, Consumer } from '../models/index.js';
import { list as listConsumers } from '../operations/consumers.js';
import { readAllPages } from './all-pages.js';
import type { CheckedEnrollInput, EnrollStage } from './enroll.js';
import type { Choices, Chosen, Kind } from './enroll-choices.js';
import type { EnrollDefaults } from './enroll-defaults.js';
import {
  acquireEnrollLock,
  type EnrollLockProvider,
  enrollLockKey,
  normalizeMachineName,
} from './enroll-lock.js';
import { type FoundMachine, findMachine, removals } from './enroll-lookup.js';
import { readNode } from './lookup.js';

/**
 * One enrollment under way: what it was asked, how it reads, and its record (the step running,
 * what each did, the unit), from which a stopped one is reported: a re-run knows where it is.
 */
export interface Run {
  clout: Cloutility;
  input: CheckedEnrollInput;
  until: EnrollStage;
  pick: 'preferred' | 'first';
  call: CallOptions;
  defaults: EnrollDefaults;
  running: EnrollStep['step'];
  steps: EnrollStep[];
  notes: string[];
  /** The consumption unit the run works on, once found or created. */
  consumerId: number | undefined;
  onStep: ((step: EnrollStep) => void) | undefined;
}

/** Runs one step: the record names it as running until the next one starts. */
export function step<T>(
  run: Run,
  name: EnrollStep['step'],
  work: () => T | Promise<T>,
): Promise<T> {
  run.running = name;
  return Promise.resolve(work());
}

/** Records what a step did (and reports it to `onStep`). */
export function say(
  run: Run,
  step: EnrollStep['step'],
  outcome: EnrollStep['outcome'],
  detail: string,
): void {
  const entry = { step, outcome, detail };
  run.steps.push(entry);
  run.onStep?.(entry);
}

/** Marks a promise as handled now (it is awaited later, maybe after it failed). */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** The machine's consumption unit, and its node when known (`null`: known to have none). */
export interface Unit {
  consumer: Consumer;
  /** Whether this run created it (only then may the run remove it again). */
  made: boolean;
  node: BackupNode | null | undefined;
}

/** The machine's node after the node step. */
export interface Placed {
  unit: Unit;
  /** `active`: activated before; `found`: made before, not activated; `created`: by this run. */
  state: 'active' | 'found' | 'created';
  node: BackupNode;
}

type At = { bunitId: number; consumerId: number };

const WAITED = 'another enrollment of this machine was running; waited for it to finish';

/** The lock step: this machine's lock in this process, then the provider's across processes. */
export function takeLock(run: Run, lock: EnrollLockProvider | undefined) {
  return acquireEnrollLock(enrollLockKey(run.input.bunitId, run.input.name), lock, {
    signal: run.call.signal,
    timeoutMs: run.call.timeoutMs,
    onWait: () => say(run, 'lock', 'waited', WAITED),
  });
}

/** The consumer step, when the lookup found the unit (and said which, of several). */
export function useFound(run: Run, found: FoundMachine): Unit {
  const { consumer, extras } = found;
  const { bunitId, name } = run.input;
  say(run, 'consumer', 'found', `consumption unit "${consumer.name}" (#${consumer.id}) exists`);
  run.consumerId = consumer.id;
  if (extras.length) {
    const ids = extras.map((c) => c.consumerId);
    const listed = ids.map((id) => `#${id}`).join(', ');
    run.notes.push(
      `${ids.length} more consumption unit(s) are named "${name}" without an activated node: ${listed}; this one (#${consumer.id}) is enrolled. Remove them with ${removals(bunitId, ids)}.`,
    );
  }
  return { consumer, made: false, node: found.node };
}

/** The consumer step, when there is none: creates it (settled by reading on an ambiguous failure). */
export async function createUnit(run: Run): Promise<Unit> {
  const { clout, input, call } = run;
  let made = true;
  const consumer = await settle(
    () => clout.consumers.create({ bunitId: input.bunitId, name: input.name }, call),
    async () => {
      made = false;
      return (await findMachine(clout, input.bunitId, input.name, call))?.consumer;
    },
  );
  const name = consumer.name ?? input.name;
  say(run, 'consumer', 'created', `created consumption unit "${name}" (#${consumer.id})`);
  run.consumerId = consumer.id;
  // A unit this run just created has no node yet: no need to ask.
  return { consumer, made, node: made ? null : undefined };
}

/**
 * After this run created the unit: the oldest unit with the machine's name when it is not ours.
 *
 * Nothing locks across computers and the API has no unique names, so two enrollments that both
 * found no unit may both create one. Ids are given in creation order, and this list is read after
 * our create answered: a twin created before ours has a lower id and is in the list. So every
 * creator but the oldest sees an older twin (and yields to it), while the oldest sees none older
 * (and keeps its unit): one unit stays, the oldest, as `findMachine` keeps the oldest.
 */
async function olderTwin(run: Run, unit: Unit): Promise<Consumer | undefined> {
  const { clout, input, call } = run;
  const ours = unit.consumer.id as number;
  const key = normalizeMachineName(input.name);
  const all = await readAllPages(clout, listConsumers, { bunitId: input.bunitId }, call);
  return all
    .filter((c) => c.id !== undefined && c.id < ours && normalizeMachineName(c.name ?? '') === key)
    .sort((a, b) => (a.id as number) - (b.id as number))[0];
}

/**
 * Removes the unit this run created (with the node it may have given it: nothing else can be
 * attached to a unit that only this run has seen alone) and continues with the older twin, as the
 * lookup sees it now (a twin named with other letter case is a conflict the lookup reports).
 */
async function yieldTo(run: Run, unit: Unit, twin: Consumer): Promise<Unit> {
  const { clout, input, call } = run;
  const ours = unit.consumer.id as number;
  await clout.consumers.delete(
    {
      bunitId: input.bunitId,
      consumerId: ours,
      deleteAssociations: true,
      deletionComment: 'a duplicate made by an enrollment that ran at the same time',
    },
    call,
  );
  const twinText = `another enrollment created "${twin.name}" (#${twin.id}) at the same time`;
  say(run, 'consumer', 'removed', `${twinText}; removed #${ours}, which this run had created`);
  run.consumerId = undefined;
  const found = await findMachine(clout, input.bunitId, input.name, call);
  if (!found)
    throw new Error(`consumption unit #${twin.id} is gone too; run the same enrollment again`);
  return useFound(run, found);
}

/** For a run that stops at the unit: the older twin's when there is one, else the run's own. */
export async function keepOldest(run: Run, unit: Unit): Promise<Unit> {
  const twin = await olderTwin(run, unit);
  return twin ? yieldTo(run, unit, twin) : unit;
}

/**
 * The node step. When this run created the unit, the check for an older twin runs side by side
 * with the node's creation: on a second connection already open (the CLI opens two ahead, a
 * long-lived client keeps them) it costs no round trip of its own. If there is a twin, this run's
 * unit goes (its node with it) and the step is done again on the twin.
 */
export async function placeNode(
  run: Run,
  unit: Unit,
  kind: Kind,
  choices: Chooser,
): Promise<Placed> {
  run.running = 'node';
  if (!unit.made) return { unit, ...(await ensureNode(run, unit, kind, choices)) };
  const [node, twin] = await Promise.allSettled([
    ensureNode(run, unit, kind, choices),
    olderTwin(run, unit),
  ]);
  if (twin.status === 'rejected') {
    run.running = 'consumer';
    throw twin.reason;
  }
  if (twin.value) {
    run.running = 'consumer';
    return placeNode(run, await yieldTo(run, unit, twin.value), kind, choices);
  }
  if (node.status === 'rejected') throw node.reason;
  return { unit, ...node.value };
}

/** Where a new node goes (chosen before), and how to choose again. */
type Chooser = Pick<NonNullable<Choices>, 'placement' | 'again'>;

/** The unit's node: found (active or not), or created with the placement's defaults. */
async function ensureNode(
  run: Run,
  unit: Unit,
  kind: Kind,
  choices: Chooser,
): Promise<Omit<Placed, 'unit'>> {
  const { clout, input: p, call, notes } = run;
  const { os } = kind;
  const at = { bunitId: p.bunitId, consumerId: unit.consumer.id as number };
  const node = unit.node === undefined ? await readNode(clout, at, call) : (unit.node ?? undefined);
  if (node?.tsmName) {
    say(run, 'node', 'already', `node ${node.tsmName} is already active`);
    if (p.nodeName && p.nodeName.toUpperCase() !== node.tsmName.toUpperCase())
      notes.push(
        `Already enrolled as ${node.tsmName}; the requested name ${p.nodeName.toUpperCase()} was not used.`,
      );
    return { state: 'active', node };
  }
  if (node) {
    say(run, 'node', 'found', 'the backup node exists but is not activated yet');
    if (node.operatingSystem?.id !== undefined && node.operatingSystem.id !== os.id)
      notes.push(
        `The existing node has operating system #${node.operatingSystem.id}, not #${os.id}; it was kept.`,
      );
    return { state: 'found', node };
  }
  const placement = await choices.placement;
  for (const s of placement.steps) say(run, s.step, s.outcome, s.detail);
  const made = await createNode(run, at, { kind, placement }, choices);
  say(run, 'node', 'created', `created the ${made.type} node on server #${made.serverId}`);
  return { state: 'created', node: made.node };
}

/**
 * Creates the node as chosen. When the portal refuses it in a way that proves nothing was made
 * (a 4xx) and choosing again from fresh lists gives other ids (a remembered domain, server, OS...
 * that is gone), it is created once more with those; otherwise the refusal stands.
 */
async function createNode(run: Run, at: At, chosen: Chosen, choices: Chooser) {
  try {
    return await createNodeOnce(run, at, chosen);
  } catch (error) {
    if (!refused(error)) throw error;
    const again = await choices.again();
    const [before, after] = [chosen, again].map((c) => JSON.stringify(nodeRefs(c)));
    if (before === after) throw error;
    const read = `the portal refused the remembered choices (${(error as Error).message}); read them again`;
    say(run, 'server', 'chosen', read);
    for (const s of again.placement.steps) say(run, s.step, s.outcome, s.detail);
    return createNodeOnce(run, at, again);
  }
}

/** A refusal that proves nothing was written (an ambiguous failure is settled by reading instead). */
function refused(error: unknown): boolean {
  return (
    error instanceof CloutilityError &&
    !error.mayHaveBeenApplied &&
    [400, 404, 409, 422].includes(error.status ?? 0)
  );
}

/** The ids a new node is made with, from what was chosen. */
function nodeRefs({ kind, placement }: Chosen) {
  return {
    serverId: placement.serverId,
    domainId: placement.domainId,
    clientOptionSetId: placement.clientOptionSetId,
    operatingSystemId: kind.os.id as number,
    nodeTypeId: kind.type.id as number,
  };
}

async function createNodeOnce(run: Run, at: At, chosen: Chosen) {
  const { clout, input: p, call } = run;
  const refs = nodeRefs(chosen);
  const fields = { ...at, ...refs, contact: p.contact, cpuCount: p.cpuCount };
  const node = await settle(
    () => clout.nodes.create(fields, call),
    () => readNode(clout, at, call),
    // "Already has a node": one was made elsewhere meanwhile; continue with it.
    (error) => error instanceof ConflictError,
  );
  return { node, type: chosen.kind.type.name, serverId: refs.serverId };
}

/** The name step: given (validated by the input schema) or suggested by the portal. */
export async function chooseName(run: Run, at: At): Promise<string> {
  if (run.input.nodeName) {
    const given = run.input.nodeName.toUpperCase();
    say(run, 'name', 'given', given);
    return given;
  }
  const suggested = (await run.clout.nodes.suggestName(at, run.call)).toUpperCase();
  say(run, 'name', 'suggested', `the portal suggests ${suggested}`);
  return suggested;
}

/** The activate step; an ambiguous failure or "already activated" is settled by reading the node. */
export async function activate(run: Run, at: At, tsmName: string): Promise<void> {
  try {
    await run.clout.nodes.activate({ ...at, tsmName }, run.call);
    say(run, 'activate', 'activated', `activated as ${tsmName}`);
  } catch (error) {
    const settled =
      error instanceof ConflictError ||
      (error instanceof CloutilityError && error.mayHaveBeenApplied);
    const after = settled ? await readNode(run.clout, at, run.call) : undefined;
    if (!after?.tsmName) throw error;
    const checked = `checked after: ${(error as Error).message}`;
    say(run, 'activate', 'verified', `the node is active as ${after.tsmName} (${checked})`);
  }
}

/** The read step: the node name and password come from the node resource. */
export async function readBack(run: Run, at: At): Promise<BackupNode> {
  const final = await run.clout.nodes.get(at, run.call);
  if (!final.tsmName)
    throw new Error('the node was activated but the API does not show its name yet');
  const server = final.domain?.server?.name ?? 'its server';
  say(run, 'read', 'found', `node ${final.tsmName} on ${server}`);
  return final;
}

/** The error an enrollment stops with, from its step record (input errors as they are). */
export function failure(run: Run, error: unknown): unknown {
  const { running, steps, consumerId } = run;
  const wrote = steps.some((s) => ['created', 'activated', 'removed'].includes(s.outcome));
  if (
    error instanceof EnrollmentError ||
    error instanceof EnrollmentConflictError ||
    (error instanceof ValidationError && !wrote)
  )
    return error;
  return new EnrollmentError(run.input.name, running, steps, consumerId, error);
}

/**
 * Runs a write; if it failed in a way that may have applied it (or as `alsoRead` says), reads to
 * find out and continues with what the read found, else rethrows.
 */
async function settle<T>(
  write: () => Promise<T>,
  read: () => Promise<T | undefined>,
  alsoRead: (error: unknown) => boolean = () => false,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const unsure = error instanceof CloutilityError && error.mayHaveBeenApplied;
    if (!unsure && !alsoRead(error)) throw error;
    const found = await read();
    if (found) return found;
    throw error;
  }
}
