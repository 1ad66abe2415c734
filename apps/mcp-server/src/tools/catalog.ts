import { toolInputJsonSchema } from './json-schema.js';
import type { ToolAnnotations, ToolDefinition, Toolset } from './types.js';

/** A tool as tools/list shows it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: { type: 'object'; [k: string]: unknown };
  outputSchema: { type: 'object'; [k: string]: unknown };
  annotations: ToolAnnotations;
}

/** A listed tool plus what selecting it needs: the prebuilt catalog's entries. */
export interface CatalogEntry extends ListedTool {
  toolset: Toolset;
  writes: boolean;
}

/** The tools as `tools/list` lists them. */
export function listedTools(tools: readonly ToolDefinition[]): ListedTool[] {
  return tools.map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: toolInputJsonSchema(t.input) as ListedTool['inputSchema'],
    outputSchema: t.outputSchema as ListedTool['outputSchema'],
    annotations: { ...t.annotations },
  }));
}

/**
 * The catalog of tools: what tools/list sends, plus toolset and writes for selection. Written
 * at build time to catalog.generated.json, so the server lists its tools without building a
 * single schema (the registry and zod load at the first tools/call).
 */
export function catalogOf(tools: readonly ToolDefinition[]): CatalogEntry[] {
  const listed = listedTools(tools);
  return tools.map((t, i) => ({
    ...(listed[i] as ListedTool),
    toolset: t.toolset,
    writes: t.writes,
  }));
}
