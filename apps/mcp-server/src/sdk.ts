/**
 * The MCP SDK boundary: the only module (with http.ts) that imports the SDK's server side, so a
 * move to the SDK's next major stays local. The low-level Server is used because tools/list must
 * emit exactly our compact JSON Schemas and tools/call must answer bad input with our own
 * guidance.
 */

import type { Cloutility } from '@cloutapi/resources';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  ElicitResultSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { CatalogEntry, ListedTool } from './tools/catalog.js';
import type { Unserved } from './tools/selection.js';
import { fitDescription, markUnserved } from './tools/served.js';
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
  /** The tools the toolsets or read-only mode leave out, and why (a call to one says so). */
  unserved?: ReadonlyMap<string, Unserved> | undefined;
}

/**
 * The SDK validates elicitation answers with a JSON Schema validator, by default an Ajv instance
 * built in the Server's constructor (~2 ms of every start). This server elicits only to confirm a
 * destructive call, rarely and never at start: it sends that request itself and checks the answer
 * with an Ajv loaded then (see {@link askUser}); the SDK's own path refuses.
 */
const NO_SDK_ELICITATION: jsonSchemaValidator = {
  getValidator: () => () => ({
    valid: false,
    data: undefined,
    errorMessage: 'cloutapi-mcp checks elicitation answers itself',
  }),
};

/** The form a confirmation asks for: one yes/no. */
const CONFIRM_FORM = {
  type: 'object' as const,
  properties: {
    confirm: {
      type: 'boolean' as const,
      title: 'Do it',
      description: 'Yes to go ahead; no changes nothing',
    },
  },
  required: ['confirm'],
};

let ajv: Promise<jsonSchemaValidator> | undefined;
const validator = () => {
  ajv ??= import('@modelcontextprotocol/sdk/validation/ajv').then(
    (m) => new m.AjvJsonSchemaValidator(),
  );
  return ajv;
};

/** Asks the user yes/no through the client (form elicitation); `accept` only for a checked yes. */
async function askUser(
  server: Server,
  message: string,
  signal: AbortSignal,
): Promise<'accept' | 'decline' | 'cancel'> {
  // request(), not elicitInput(): the latter wants `elicitation.form` although a client's empty
  // `elicitation: {}` means form too, and would check the answer with the SDK's validator.
  const result = await server.request(
    { method: 'elicitation/create', params: { message, requestedSchema: CONFIRM_FORM } },
    ElicitResultSchema,
    { signal, timeout: 10 * 60_000 },
  );
  if (result.action !== 'accept') return result.action;
  const check = (await validator()).getValidator(CONFIRM_FORM)(result.content ?? {});
  if (!check.valid)
    throw new Error(`the confirmation answer is not a yes/no: ${check.errorMessage}`);
  return (result.content as { confirm?: unknown }).confirm === true ? 'accept' : 'decline';
}

const fitted = new WeakMap<ServerSetup, ListedTool[]>();

/** The listed tools, their descriptions pointing only at tools this setup serves. */
function listedOf(setup: ServerSetup): ListedTool[] {
  let listed = fitted.get(setup);
  if (listed) return listed;
  const fit = (text: string) => fitDescription(text, setup.unserved ?? new Map());
  listed = setup.catalog.map(({ toolset: _toolset, writes: _writes, ...tool }) => {
    const { properties } = tool.inputSchema as {
      properties?: Record<string, { description?: string }>;
    };
    const fields = Object.entries(properties ?? {}).map(([k, v]) => [
      k,
      v.description ? { ...v, description: fit(v.description) } : v,
    ]);
    const inputSchema = properties
      ? { ...tool.inputSchema, properties: Object.fromEntries(fields) }
      : tool.inputSchema;
    return { ...tool, description: fit(tool.description), inputSchema };
  });
  fitted.set(setup, listed);
  return listed;
}

/** A new MCP server (one per session/transport) serving `setup.catalog`. */
export function createMcpServer(setup: ServerSetup): Server {
  const server = new Server(
    { name: 'cloutapi', version: setup.version },
    {
      capabilities: { tools: {} },
      instructions: fitDescription(setup.instructions, setup.unserved ?? new Map()),
      jsonSchemaValidator: NO_SDK_ELICITATION,
    },
  );
  const listed = listedOf(setup);
  const names = new Set(listed.map((t) => t.name));
  const unserved = setup.unserved ?? new Map<string, Unserved>();
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    setup.onListed?.();
    return { tools: listed };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const fail = (text: string) => ({ content: [{ type: 'text' as const, text }], isError: true });
    const why = unserved.get(request.params.name);
    if (why) return fail(`${request.params.name} is not served here: ${why.why}.`);
    if (!names.has(request.params.name))
      return fail(`No tool named ${request.params.name}. Available: ${[...names].join(', ')}.`);
    const [{ validateWith }, tools, { toolErrorText }] = await Promise.all([
      import('@cloutapi/resources'),
      setup.loadTools(),
      import('./errors.js'),
    ]);
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool) return fail(`No tool named ${request.params.name}.`);
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    // Every tool's input is checked here, the same way: a ValidationError naming each field.
    let input: Record<string, unknown>;
    try {
      input = validateWith(tool.input, args, tool.name);
    } catch (error) {
      return fail(markUnserved(toolErrorText(error, tool.name, tool.input, args), unserved));
    }
    const token = request.params._meta?.progressToken;
    const canAsk = server.getClientCapabilities()?.elicitation !== undefined;
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
      askUser: canAsk ? (message) => askUser(server, message, extra.signal) : undefined,
    };
    try {
      context.clout = await setup.context.connect();
      const result = await tool.handler(input, context);
      if (result.isError) return fail(markUnserved(result.text, unserved));
      return {
        content: [{ type: 'text' as const, text: markUnserved(result.text, unserved) }],
        structuredContent: result.structured,
      };
    } catch (error) {
      return fail(markUnserved(toolErrorText(error, tool.name, tool.input, args), unserved));
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
