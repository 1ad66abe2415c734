import {
  type BusinessUnitSummary,
  type Cloutility,
  findUnits,
  type UnitRef,
} from '@cloutapi/resources';
import { usageError } from '../errors.js';

const DIGITS = /^\d+$/;

/** The unit tree, fetched once per run and shared by every machine (bulk enrollment). */
export interface Lookups {
  tree?: Promise<BusinessUnitSummary>;
}

/**
 * Resolves a business unit given as an id or a name (exact, else contained; case-insensitive) with
 * the unit tree (read once into `lookups`); a name that matches none or several is a usage error
 * that lists the candidates.
 */
export async function resolveUnit(
  clout: Cloutility,
  text: string,
  flag = '--bunit',
  lookups: Lookups = {},
): Promise<UnitRef> {
  const value = text.trim();
  if (DIGITS.test(value)) return { id: Number(value), name: undefined };
  lookups.tree ??= clout.bunits.tree();
  return unitByName(await lookups.tree, value, flag);
}

function unitByName(
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
