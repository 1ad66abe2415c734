import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { NotFoundError } from '../errors.js';
import type { BackupNode, User } from '../models/index.js';

/**
 * What a read resolves to, or `undefined` when the server answered 404 (no node, report or job
 * yet, or no such endpoint). Every other failure still rejects.
 *
 * @example
 * const node = await ifFound(clout.nodes.get({ bunitId, consumerId }));
 */
export function ifFound<T>(read: Promise<T>): Promise<T | undefined> {
  return read.catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
}

/** The node of a consumption unit, or `undefined` when it has none (404). */
export function readNode(
  clout: Cloutility,
  at: { bunitId: number; consumerId: number },
  call?: CallOptions,
): Promise<BackupNode | undefined> {
  return ifFound(clout.nodes.get(at, call));
}

/**
 * The items whose name is `text` (trimmed, case-insensitive), or when none is, the items whose
 * name contains it. Several matches mean the caller must choose; none means nothing is named so.
 */
export function matchByName<T extends { name?: string | undefined }>(
  items: readonly T[],
  text: string,
): T[] {
  const wanted = text.trim().toLowerCase();
  const exact = items.filter((i) => i.name?.toLowerCase() === wanted);
  return exact.length ? exact : items.filter((i) => i.name?.toLowerCase().includes(wanted));
}

/** A business unit by id, with its name when the API gave it. */
export interface UnitRef {
  id: number;
  name: string | undefined;
}

/**
 * The home business unit of a user as `meta.me` returns it (where `bunits.tree` starts).
 *
 * @throws Error when the API said neither `businessUnit` nor `businessUnitId`.
 */
export function homeUnitOf(me: User): UnitRef {
  const id = me.businessUnit?.id ?? me.businessUnitId;
  if (id === undefined)
    throw new Error(
      'the API did not say which business unit the user belongs to (/v1/me has no businessUnit)',
    );
  return { id, name: me.businessUnit?.name };
}

/** The signed-in user's home business unit, read with `meta.me`. See {@link homeUnitOf}. */
export async function homeUnit(clout: Cloutility, options?: CallOptions): Promise<UnitRef> {
  return homeUnitOf(await clout.meta.me(undefined, options));
}
