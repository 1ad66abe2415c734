/**
 * `@cloutapi/mcp-server`: every Cloutility operation as an MCP tool. The bin is `cloutapi-mcp`;
 * this module exports the pieces for embedding and tests.
 *
 * @packageDocumentation
 */
export { toolErrorText } from './errors.js';
export { type HttpOptions, isLoopback, type RunningHttp, startHttpServer } from './http.js';
export { instructions } from './instructions.js';
export { parseRunOptions, type RunOptions, USAGE } from './options.js';
export { PORTAL_RETRY } from './portal-retry.js';
export { run } from './run.js';
export { createMcpServer, type ServerSetup, serveConnection, serveStdio } from './sdk.js';
export { setupFromTools } from './setup.js';
export { type CatalogEntry, catalogOf, type ListedTool, listedTools } from './tools/catalog.js';
export {
  type Confirmations,
  createConfirmations,
  memoryOnceStore,
  type OnceStore,
} from './tools/confirmation.js';
export { allTools } from './tools/index.js';
export { toolNameOf } from './tools/naming.js';
export {
  DEFAULT_TOOLSETS,
  parseToolsets,
  selectTools,
  type ToolSelection,
  type Unserved,
  unservedTools,
} from './tools/selection.js';
export {
  TOOLSETS,
  type ToolAnnotations,
  type ToolContext,
  type ToolDefinition,
  type ToolResult,
  type Toolset,
} from './tools/types.js';
export { VERSION } from './version.js';
