import { findUnits, flattenTree } from '@cloutapi/resources';
import { z } from 'zod';
import { table } from '../../format/text.js';
import { defineTool } from '../define-tool.js';
import { READS } from './hints.js';

/** Matches listed at most. */
const MAX = 25;

/** `find_business_unit`: the bunitId most tools need, by name (or part of it) or id. */
export const findBusinessUnitTool = defineTool({
  name: 'find_business_unit',
  title: 'Find a business unit',
  description:
    'Finds business units by name (or part of it) or id, with their path from the root: the bunitId most tools need.',
  toolset: 'workflows',
  input: z.strictObject({
    query: z.string().min(1).describe('Name (or part of it) or id of the unit'),
  }),
  output: z.object({
    // Rows of id, name and path; open in the listed schema, the text's table names them.
    matches: z.array(z.record(z.string(), z.unknown())),
  }),
  annotations: READS,
  writes: false,
  example: () => ({ query: 'acme' }),
  async handler({ query }, ctx) {
    const tree = await ctx.clout.bunits.tree(undefined, ctx.call);
    const matches = findUnits(tree, query).slice(0, MAX);
    const rows = matches.map((u) => ({ id: u.id, name: u.name, path: u.path.join(' > ') }));
    return {
      text: rows.length
        ? `${rows.length} match(es)\n${table(rows, ['id', 'name', 'path'])}`
        : `No business unit matches "${query}". ${flattenTree(tree).length} units exist; try part of the name.`,
      structured: { matches: rows },
    };
  },
});
