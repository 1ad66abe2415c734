import { type Operation, operations } from '@cloutapi/resources';
import { z } from 'zod';
import { withToolNames } from './naming.js';
import { operationTools } from './operation-tools.js';
import type { ToolDefinition } from './types.js';
import { workflowTools } from './workflows/index.js';

/**
 * Shorter descriptions of the fields nearly every tool has (tools/list repeats them dozens of
 * times); they still say where the ids come from.
 */
const COMMON_FIELDS: Record<string, string> = {
  bunitId: 'Business unit id (from find_business_unit)',
  consumerId: 'Consumer id (from list_consumers)',
};

/** Every tool: one per registry operation, then the workflow tools, worded for a model. */
export function allTools(): ToolDefinition[] {
  const ops = operations as readonly Operation[];
  return sharedItemSchemas(
    [...operationTools(ops), ...workflowTools()].map((tool) => forModels(tool, ops)),
  );
}

/**
 * A write that returns what a read returns (create_node, update_node, add_proxy_agent: the node,
 * as get_node) says so instead of repeating the read's item schema: tools/list is paid for in
 * every conversation, and the read tool is where the fields are described.
 */
function sharedItemSchemas(tools: ToolDefinition[]): ToolDefinition[] {
  const itemOf = (t: ToolDefinition) =>
    (t.outputSchema.properties as Record<string, unknown> | undefined)?.item;
  const readers = new Map<string, string>();
  for (const t of tools) {
    const item = itemOf(t);
    if (!t.writes && item && !readers.has(JSON.stringify(item)))
      readers.set(JSON.stringify(item), t.name);
  }
  return tools.map((t) => {
    const item = itemOf(t);
    const reader = t.writes && item ? readers.get(JSON.stringify(item)) : undefined;
    if (!reader) return t;
    const properties = t.outputSchema.properties as Record<string, unknown>;
    return {
      ...t,
      outputSchema: {
        ...t.outputSchema,
        properties: {
          ...properties,
          item: { type: 'object', description: `As ${reader} returns` },
        },
      },
    };
  });
}

/** Names tools, not registry operations, in every description a model reads. */
function forModels(tool: ToolDefinition, ops: readonly Operation[]): ToolDefinition {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(tool.input.shape as Record<string, z.ZodType>)) {
    const described = schema.description ?? key;
    const common =
      COMMON_FIELDS[key] && /\bid\b/i.test(described) && !/default/.test(described)
        ? COMMON_FIELDS[key]
        : undefined;
    shape[key] = schema.describe(common ?? withToolNames(described, ops));
  }
  return {
    ...tool,
    description: withToolNames(tool.description, ops),
    input: z.strictObject(shape),
  };
}
