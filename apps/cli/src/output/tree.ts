import type { FlatUnit } from '@cloutapi/resources';
import type { Colors } from './colors.js';
import { visible } from './sanitize.js';

/**
 * The business unit tree (names with control characters made visible) as an indented list under an ID column, ids first so that
 * `cloutapi bunits tree | grep Acme` gives the id to use next:
 *
 * ```
 * ID  NAME
 * 10  Example Reseller
 * 11    Acme Corporation
 * 12      Acme Finance
 * ```
 */
export function renderTree(units: readonly FlatUnit[], colors: Colors): string {
  const width = Math.max(2, ...units.map((u) => String(u.id).length));
  const lines = [`${colors.bold('ID'.padEnd(width))}  ${colors.bold('NAME')}`];
  for (const unit of units) {
    lines.push(
      `${String(unit.id).padEnd(width)}  ${'  '.repeat(unit.depth)}${visible(String(unit.name ?? ''))}`,
    );
  }
  return lines.join('\n');
}
