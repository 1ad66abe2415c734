import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { EnrollmentConflictError, type MachineCandidate } from '../errors.js';
import type { BackupNode, Consumer } from '../models/index.js';
import { list as listConsumers } from '../operations/consumers.js';
import { readAllPages } from './all-pages.js';
import { normalizeMachineName } from './enroll-lock.js';
import { readNode } from './lookup.js';

/** What the lookup found: the machine's unit and, when it was read, its node. */
export interface FoundMachine {
  consumer: Consumer;
  /** The node, when the lookup read it (duplicates); `undefined` when not read yet. */
  node?: BackupNode | null;
  /** Other units with the same name that have no activated node (safe to remove). */
  extras: MachineCandidate[];
}

/**
 * Finds the consumption unit named `name` in the unit, reading every page of the list.
 * - One unit with exactly this name: it.
 * - None, but some whose name differs only by case: an {@link EnrollmentConflictError} that asks.
 * - Several: the one with an activated node when exactly one has it (the others are `extras`);
 *   otherwise an {@link EnrollmentConflictError} listing them all.
 */
export async function findMachine(
  clout: Cloutility,
  bunitId: number,
  name: string,
  call: CallOptions,
): Promise<FoundMachine | undefined> {
  // Every page: a unit missed on a later page would be created twice.
  const all = await readAllPages(clout, listConsumers, { bunitId }, call);
  const exact = all.filter((c) => c.name === name);
  if (exact.length === 1) return { consumer: exact[0] as Consumer, extras: [] };
  if (exact.length === 0) {
    const key = normalizeMachineName(name);
    const similar = all.filter((c) => c.name !== undefined && normalizeMachineName(c.name) === key);
    if (similar.length === 0) return undefined;
    const candidates = (await describe(clout, bunitId, similar, call)).map((c) => c.candidate);
    throw new EnrollmentConflictError({
      reason: 'name-case',
      bunitId,
      candidates,
      removable: [],
      message: `business unit #${bunitId} has no consumption unit named exactly "${name}", but ${list(candidates)} differ only by letter case. Nothing was changed. If one of them is this machine, enroll it under that exact name; if not, enroll under a name that differs by more than case (node names are case-insensitive, so the same name would clash).`,
    });
  }
  const described = await describe(clout, bunitId, exact, call);
  const candidates = described.map((c) => c.candidate);
  const enrolled = described.filter((c) => c.candidate.node === 'activated');
  const empty = candidates.filter((c) => c.node !== 'activated');
  const [chosen] = enrolled;
  if (chosen && enrolled.length === 1)
    return { consumer: chosen.consumer, node: chosen.node, extras: empty };
  if (!chosen) {
    // Keep the oldest (lowest id): once the others are gone, enrolling again continues with it.
    const keep = candidates.reduce((a, b) => (b.consumerId < a.consumerId ? b : a));
    const removable = candidates.filter((c) => c !== keep).map((c) => c.consumerId);
    throw new EnrollmentConflictError({
      reason: 'duplicates',
      bunitId,
      candidates,
      removable,
      message: `business unit #${bunitId} has ${candidates.length} consumption units named "${name}" and none is enrolled: ${list(candidates)}. Nothing was changed. Remove all but #${keep.consumerId} (${removals(bunitId, removable)}), then enroll again: it continues with #${keep.consumerId}.`,
    });
  }
  const removable = empty.map((c) => c.consumerId);
  throw new EnrollmentConflictError({
    reason: 'duplicates',
    bunitId,
    candidates,
    removable,
    message: `business unit #${bunitId} has ${enrolled.length} enrolled consumption units named "${name}" (${list(enrolled.map((c) => c.candidate))}), so enrollment cannot tell which one is this machine. Nothing was changed. Rename the ones that are other machines (consumers.update) or delete those no longer used${removable.length ? `; the units without an activated node can go: ${removals(bunitId, removable)}` : ''}.`,
  });
}

async function describe(
  clout: Cloutility,
  bunitId: number,
  consumers: Consumer[],
  call: CallOptions,
) {
  return Promise.all(
    consumers.map(async (consumer) => {
      const node = await readNode(clout, { bunitId, consumerId: consumer.id as number }, call);
      const candidate: MachineCandidate = {
        consumerId: consumer.id as number,
        name: consumer.name ?? '',
        nodeName: node?.tsmName,
        node: node?.tsmName ? 'activated' : node ? 'created' : 'none',
      };
      return { consumer, node: node ?? null, candidate };
    }),
  );
}

const NODE_STATE = { created: 'node not activated', none: 'no node' };

function list(candidates: MachineCandidate[]): string {
  const state = (c: MachineCandidate) =>
    c.node === 'activated' ? `enrolled as ${c.nodeName}` : NODE_STATE[c.node];
  return candidates.map((c) => `"${c.name}" (#${c.consumerId}, ${state(c)})`).join(', ');
}

/** The exact calls that remove these units with their nodes. */
export function removals(bunitId: number, consumerIds: number[]): string {
  return consumerIds
    .map(
      (id) =>
        `consumers.delete({ bunitId: ${bunitId}, consumerId: ${id}, deleteAssociations: true })`,
    )
    .join(', ');
}
