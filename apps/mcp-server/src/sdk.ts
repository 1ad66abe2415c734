/**
 * The MCP SDK boundary: the only module (with http.ts) that imports the SDK's server side, so a
 * move to the SDK's next major stays local. The low-level Server is used because tools/list must
 * emit exactly our compact JSON Schemas and tools/call must answer bad input with our own
 * guidance.
 */

import type { Cloutility } from '@cloutapi/resources';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { CatalogEntry } from './tools/catalog.js';
import type { ToolContext, ToolDefinition } from './tools/types.js';

/** What every MCP session of this process shares. */
export interface ServerSetup {
  /** What tools/list sends (and which names tools/call accepts), prebuilt. */
  catalog: readonly CatalogEntry[];
  /** The tools themselves, loaded at the first tools/call (they bring the registry and zod). */
  loadTools(): Promise<readonly ToolDefinition[]>;
  version: string;
  context: {
    allowSecrets: boolean;
    /** The portal client, created at the first tool call (so start-up loads no HTTP stack). */
    connect(): Promise<Cloutility>;
  };
  /** Guidance for the model, sent at initialization. */
  instructions: string;
  /** Called at every tools/list, after the answer is made. */
  onListed?: (() => void) | undefined;
}

/**
 * The SDK validates elicitation answers with a JSON Schema validator, by default an Ajv instance
 * built in the Server's constructor (~2 ms of every start). This server never elicits input, so
 * it needs none; were it ever asked to, it refuses instead of accepting unchecked data.
 */
const NO_ELICITATION: jsonSchemaValidator = {
  getValidator: () => () => ({
    valid: false,
    data: undefined,
    errorMessage: 'cloutapi-mcp does not elicit input',
  }),
};

/** A new MCP server (one per session/transport) serving `setup.catalog`. */
export function createMcpServer(setup: ServerSetup): Server {
  const server = new Server(
    { name: 'cloutapi', version: setup.version },
    {
      capabilities: { tools: {} },
      instructions: setup.instructions,
      jsonSchemaValidator: NO_ELICITATION,
    },
  );
  const listed = setup.catalog.map(({ toolset: _toolset, writes: _writes, ...tool }) => tool);
  const names = new Set(listed.map((t) => t.name));
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    setup.onListed?.();
    return { tools: listed };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const fail = (text: string) => ({ content: [{ type: 'text' as const, text }], isError: true });
    if (!names.has(request.params.name))
      return fail(`No tool named ${request.params.name}. Available: ${[...names].join(', ')}.`);
    const [{ toIssues, ValidationError }, tools, { toolErrorText }] = await Promise.all([
      import('@cloutapi/resources'),
      setup.loadTools(),
      import('./errors.js'),
    ]);
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool) return fail(`No tool named ${request.params.name}.`);
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    const parsed = tool.input.safeParse(args);
    if (!parsed.success) {
      const issues = toIssues(parsed.error, Object.keys(tool.input.shape), args);
      return fail(
        toolErrorText(
          new ValidationError({ message: 'invalid input', issues }),
          tool.name,
          tool.input,
          args,
        ),
      );
    }
    const token = request.params._meta?.progressToken;
    const context: ToolContext = {
      allowSecrets: setup.context.allowSecrets,
      clout: undefined as unknown as Cloutility,
      signal: extra.signal,
      progress: async (progress, total, message) => {
        if (token === undefined) return;
        await extra.sendNotification({
          method: 'notifications/progress',
          params: {
            progressToken: token,
            progress,
            ...(total === undefined ? {} : { total }),
            message,
          },
        });
      },
    };
    try {
      context.clout = await setup.context.connect();
      const result = await tool.handler(parsed.data as Record<string, unknown>, context);
      return {
        content: [{ type: 'text' as const, text: result.text }],
        structuredContent: result.structured,
      };
    } catch (error) {
      return fail(toolErrorText(error, tool.name, tool.input, args));
    }
  });
  return server;
}

/** Serves one MCP session over stdin/stdout; resolves when the client disconnects. */
export async function serveStdio(setup: ServerSetup): Promise<void> {
  const server = createMcpServer(setup);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    // The SDK's stdio transport does not notice the client closing stdin; we do.
    process.stdin.once('end', () => void server.close());
  });
  await server.connect(transport);
  await closed;
}
