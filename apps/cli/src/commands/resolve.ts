import { type Cloutility, findUnits, type UnitRef } from '@cloutapi/resources';
import { usageError } from '../errors.js';

const DIGITS = /^\d+$/;

/**
 * Resolves a business unit given as an id or a name (exact, else contained; case-insensitive) with
 * the unit tree; a name that matches none or several is a usage error that lists the candidates.
 */
export async function resolveUnit(
  clout: Cloutility,
  text: string,
  flag = '--bunit',
): Promise<UnitRef> {
  const value = text.trim();
  if (DIGITS.test(value)) return { id: Number(value), name: undefined };
  return unitByName(await clout.bunits.tree(), value, flag);
}

/** Resolves a unit name against a tree already fetched (bulk enrollment fetches it once). */
export function unitByName(
  tree: Parameters<typeof findUnits>[0],
  name: string,
  flag = '--bunit',
): UnitRef {
  const matches = findUnits(tree, name);
  if (matches.length === 1) return { id: matches[0]!.id, name: matches[0]!.name };
  if (matches.length === 0) {
    throw usageError(
      `${flag}: no business unit is named "${name}"`,
      'List them with `cloutapi bunits tree`, and give the id or the exact name.',
    );
  }
  throw usageError(
    `${flag}: "${name}" matches ${matches.length} business units: ${matches
      .slice(0, 8)
      .map((u) => `${u.path.join(' > ')} (#${u.id})`)
      .join(', ')}`,
    'Give the id or the exact name.',
  );
}
