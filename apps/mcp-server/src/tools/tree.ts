import { type BusinessUnitSummary, flattenTree } from '@cloutapi/resources';
import type { ToolResult } from './types.js';

/** What get_business_unit_tree says instead of the registry's nested object. */
export const TREE_DESCRIPTION =
  'The whole business unit tree under your home unit (or bunitId), at every depth: one line per unit, its id first, indented under its parent. The starting point for finding any bunitId.';

/** Output schema of get_business_unit_tree: every unit, flat, parents first. */
export const TREE_OUTPUT = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    units: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          parentId: { type: 'integer' },
          depth: { type: 'integer' },
        },
        required: ['id', 'name', 'depth'],
      },
    },
  },
  required: ['total', 'units'],
};

/**
 * The tree, complete and compact: every unit at any depth as `#id name`, indented under its
 * parent, instead of a nested object whose deep levels a compact view would have to cut.
 */
export function treeResult(tree: BusinessUnitSummary): ToolResult {
  const units = flattenTree(tree).map((u) => ({
    id: u.id,
    name: u.name,
    ...(u.parentId === undefined ? {} : { parentId: u.parentId }),
    depth: u.depth,
  }));
  const lines = units.map((u) => `${'  '.repeat(u.depth)}${u.id} ${u.name}`);
  return {
    text: `${units.length} business unit(s), id then name, indented under their parent\n${lines.join('\n')}`,
    structured: { total: units.length, units },
  };
}
