import { normalizeNodeName } from '@cloutapi/resources';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';

/** `normalize_node_name`: a valid node name from a host name; local, nothing is sent. */
export const normalizeNodeNameTool = defineTool({
  name: 'normalize_node_name',
  title: 'Make a valid node name',
  description:
    'Turns a host name into a valid node name (A-Z 0-9 _ . - + &, at most 64) and says what changed. Sends nothing.',
  toolset: 'workflows',
  input: z.strictObject({
    hostName: z.string().min(1).max(255).describe('The host name, e.g. web-07.acme.local'),
  }),
  output: z.object({ name: z.string(), changes: z.array(z.string()) }),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  writes: false,
  example: () => ({ hostName: "Jenny's Laptop" }),
  async handler({ hostName }) {
    const r = normalizeNodeName(hostName);
    return {
      text: `${r.name}${r.changed ? ` (${r.changes.join('; ')})` : ' (unchanged)'}`,
      structured: { name: r.name, changes: r.changes },
    };
  },
});
