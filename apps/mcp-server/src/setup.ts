import type { ServerSetup } from './sdk.js';
import { catalogOf } from './tools/catalog.js';
import type { ToolDefinition } from './tools/types.js';

/**
 * A server setup from tool definitions in hand (tests, embedding): the catalog is built from
 * them instead of read from the prebuilt file.
 */
export function setupFromTools(
  tools: readonly ToolDefinition[],
  rest: Omit<ServerSetup, 'catalog' | 'loadTools'>,
): ServerSetup {
  return { ...rest, catalog: catalogOf(tools), loadTools: async () => tools };
}
