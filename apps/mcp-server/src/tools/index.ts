import { type Operation, operations } from '@cloutapi/resources';
import { z } from 'zod';
import { withToolNames } from './naming.js';
import { operationTools } from './operation-tools.js';
import { TOOLSETS, type ToolDefinition, type Toolset } from './types.js';
import { workflowTools } from './workflow-tools.js';

/**
 * The toolsets enabled when none are chosen: the one-call workflows plus the areas behind the
 * everyday questions (which machines, how did last night go). Small enough to leave room in a
 * model's context; `all` enables every tool.
 */
export const DEFAULT_TOOLSETS: readonly Toolset[] = ['workflows', 'consumers', 'reports'];

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
  return [...operationTools(ops), ...workflowTools()].map((tool) => forModels(tool, ops));
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

/** Which tools to serve. */
export interface ToolSelection {
  /** Toolset names, or `all`; default {@link DEFAULT_TOOLSETS}. */
  toolsets?: readonly string[] | undefined;
  /** Remove every tool that writes or destroys. */
  readOnly?: boolean | undefined;
}

/**
 * The tools of the chosen toolsets, without the writing ones in read-only mode.
 *
 * @throws Error naming an unknown toolset and the valid ones.
 */
export function selectTools(
  tools: readonly ToolDefinition[],
  selection: ToolSelection = {},
): ToolDefinition[] {
  const chosen = parseToolsets(selection.toolsets);
  return tools.filter((t) => chosen.has(t.toolset) && !(selection.readOnly && t.writes));
}

/** Parses toolset names (`all` for every one). */
export function parseToolsets(names: readonly string[] | undefined): Set<Toolset> {
  if (!names || names.length === 0) return new Set(DEFAULT_TOOLSETS);
  const clean = names.map((n) => n.trim().toLowerCase()).filter(Boolean);
  if (clean.includes('all')) return new Set(TOOLSETS);
  const unknown = clean.filter((n) => !(TOOLSETS as readonly string[]).includes(n));
  if (unknown.length)
    throw new Error(
      `unknown toolset ${unknown.join(', ')}; choose from ${TOOLSETS.join(', ')} or all`,
    );
  return new Set(clean as Toolset[]);
}
