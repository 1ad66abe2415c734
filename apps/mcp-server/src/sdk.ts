/**
 * The MCP SDK boundary: the only module (with http.ts) that imports the SDK's server side, so a
 * move to the SDK's next major stays local. The low-level Server is used because tools/list must
 * emit exactly our compact JSON Schemas and tools/call must answer bad input with our own
 * guidance.
 */

import type { Cloutility, EnrollLockProvider } from '@cloutapi/resources';
import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  createRequestStateCodec,
  inputRequired,
  inputResponse,
  type McpRequestContext,
  type McpServerFactory,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type ServerContext,
  TRACEPARENT_META_KEY,
  type Transport,
} from '@modelcontextprotocol/server';
import {
  type StdioServerHandle,
  StdioServerTransport,
  serveStdio as serveStdioEntry,
} from '@modelcontextprotocol/server/stdio';
import { SERVER_ICON, TOOLSET_ICONS } from './icons.js';
import {
  chooseProfile,
  type ProfileRouting,
  profileConfirmations,
  profileSnapshots,
  type ServedProfile,
  withProfileArgument,
} from './profiles.js';
import { guardTransport } from './proto-guard.js';
import { memorySnapshotStore, type SnapshotStore } from './snapshots.js';
import { clientHasTasks, serveTaskMethods, TASKS_CAPABILITY, taskView } from './tasks/methods.js';
import {
  createTaskRunner,
  DEFAULT_TIMINGS,
  type TaskRunner,
  type TaskTimings,
} from './tasks/runner.js';
import { memoryTaskStore, type TaskStore } from './tasks/store.js';
import type { CatalogEntry, ListedTool } from './tools/catalog.js';
import {
  type AskedState,
  type Confirmations,
  createConfirmations,
  TOKEN_TTL_MS,
} from './tools/confirmation.js';
import type { Unserved } from './tools/selection.js';
import { fitDescription, markUnserved } from './tools/served.js';
import type { Answer, Question, ToolContext, ToolDefinition } from './tools/types.js';

/** What every MCP request of this process shares. */
export interface ServerSetup {
  /** What tools/list sends (and which names tools/call accepts), prebuilt. */
  catalog: readonly CatalogEntry[];
  /** The tools themselves, loaded at the first tools/call (they bring the registry and zod). */
  loadTools(): Promise<readonly ToolDefinition[]>;
  version: string;
  context: {
    allowSecrets: boolean;
    /**
     * The portal client of a profile (the only one when the server serves one), created at its
     * first tool call (so start-up loads no HTTP stack).
     */
    connect(profile?: string): Promise<Cloutility>;
    /** Where enrollments wait for each other; default: lock files of this machine. */
    enrollLock?: EnrollLockProvider | undefined;
  };
  /**
   * Several profiles (portals or accounts) served at once: every tool takes a `profile` argument
   * (see profiles.ts). Undefined, or a single profile, serves one connection.
   */
  profiles?: ProfileRouting | undefined;
  /** Records every tool call (the team server's audit); none by default. */
  audit?: AuditSink | undefined;
  /** Guidance for the model, sent at initialization. */
  instructions: string;
  /** Called at every tools/list, after the answer is made. */
  onListed?: (() => void) | undefined;
  /** The tools the toolsets or read-only mode leave out, and why (a call to one says so). */
  unserved?: ReadonlyMap<string, Unserved> | undefined;
  /**
   * Confirmation tokens and questions; instances that confirm each other's previews share its
   * key. Default: a random key of this process.
   */
  confirmations?: Confirmations | undefined;
  /** Where paged results are kept between requests. Default: this process's memory. */
  snapshots?: SnapshotStore | undefined;
  /** Where tasks are kept between requests. Default: this process's memory. */
  tasks?: TaskStore | undefined;
  /**
   * Give each listed tool its toolset's icon (--tool-icons). Off by default: an icon costs 110-170
   * tokens a tool in every tools/list.
   */
  toolIcons?: boolean | undefined;
  /** How long tasks are kept and how often clients poll; default {@link DEFAULT_TIMINGS}. */
  taskTimings?: TaskTimings | undefined;
}

/** Where tool calls are recorded: each call begins a record and ends it with its outcome. */
export interface AuditSink {
  begin(call: { tool: string; args: Record<string, unknown> }): Promise<AuditEntry>;
}

/** One call's record, ended once. */
export interface AuditEntry {
  end(result: {
    outcome: 'ok' | 'error' | 'asked';
    detail?: string | undefined;
    impact?: { affected: unknown; preview: string } | undefined;
  }): Promise<void>;
}

/** The key of the user's answer in a question's input requests. */
const CONFIRM_KEY = 'confirm';

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

/**
 * tools/list is the same for the life of the process (toolsets and read-only are start-up
 * settings): clients on 2026-07-28 may keep it this long. Private: a team server's list may
 * depend on who asks.
 */
const LIST_CACHE = { ttlMs: 10 * 60_000, cacheScope: 'private' as const };

/** What one setup builds once and every request's server shares. */
interface Shared {
  listed: ListedTool[];
  names: ReadonlySet<string>;
  unserved: ReadonlyMap<string, Unserved>;
  confirmations: Confirmations;
  snapshots: SnapshotStore;
  tasks: TaskRunner;
  audit: AuditSink | undefined;
  /** The portal client of a profile (made at its first call). */
  connect(profile?: string): Promise<Cloutility>;
  /** The profiles, when several are served. */
  routing: ProfileRouting | undefined;
  codec: ReturnType<typeof createRequestStateCodec<AskedState>>;
}

const shared = new WeakMap<ServerSetup, Shared>();

function sharedOf(setup: ServerSetup): Shared {
  let s = shared.get(setup);
  if (s) return s;
  const confirmations = setup.confirmations ?? createConfirmations();
  const listed = listedOf(setup);
  s = {
    listed,
    names: new Set(listed.map((t) => t.name)),
    unserved: setup.unserved ?? new Map(),
    confirmations,
    snapshots: setup.snapshots ?? memorySnapshotStore(),
    tasks: createTaskRunner(setup.tasks ?? memoryTaskStore(), setup.taskTimings),
    audit: setup.audit,
    connect: (profile) => setup.context.connect(profile),
    routing: severalProfiles(setup),
    codec: createRequestStateCodec<AskedState>({
      key: confirmations.key,
      ttlSeconds: TOKEN_TTL_MS / 1000,
      // A question's state answers only the tool call it was asked in.
      bind: (ctx) => `${ctx.mcpReq.method}`,
    }),
  };
  shared.set(setup, s);
  return s;
}

const fitted = new WeakMap<ServerSetup, ListedTool[]>();

/** The listed tools, their descriptions pointing only at tools this setup serves. */
function listedOf(setup: ServerSetup): ListedTool[] {
  let listed = fitted.get(setup);
  if (listed) return listed;
  const fit = (text: string) => fitDescription(text, setup.unserved ?? new Map());
  const routing = severalProfiles(setup);
  listed = setup.catalog.map(({ toolset, writes, ...tool }) => {
    const { properties } = tool.inputSchema as {
      properties?: Record<string, { description?: string }>;
    };
    const fields = Object.entries(properties ?? {}).map(([k, v]) => [
      k,
      v.description ? { ...v, description: fit(v.description) } : v,
    ]);
    const fitted = properties
      ? { ...tool.inputSchema, properties: Object.fromEntries(fields) }
      : tool.inputSchema;
    const inputSchema = routing ? withProfileArgument(fitted, routing, writes) : fitted;
    const icons = setup.toolIcons ? { icons: [TOOLSET_ICONS[toolset]] } : {};
    return { ...tool, description: fit(tool.description), inputSchema, ...icons };
  });
  fitted.set(setup, listed);
  return listed;
}

/**
 * A new MCP server for one request (HTTP) or one connection (stdio) of the given era, serving
 * `setup.catalog`. `canPush` says whether server-to-client requests can reach this client (a 2025
 * connection that stays open: stdio, in memory); on stateless HTTP they cannot.
 */
export function createMcpServer(
  setup: ServerSetup,
  era: McpRequestContext['era'] = 'legacy',
  canPush = true,
): Server {
  const s = sharedOf(setup);
  const server = new Server(
    {
      name: 'cloutapi',
      title: 'Cloutility (cloutapi)',
      version: setup.version,
      icons: [SERVER_ICON],
    },
    {
      capabilities: {
        tools: { listChanged: false },
        // Tasks are a 2026-07-28 extension; a 2025 client follows long calls by progress.
        ...(era === 'modern' ? TASKS_CAPABILITY : {}),
      },
      instructions: fitDescription(setup.instructions, s.unserved),
      cacheHints: { 'tools/list': LIST_CACHE },
      requestState: { verify: (state, ctx) => s.codec.verify(state, ctx) },
      inputRequired: { roundTimeoutMs: TOKEN_TTL_MS },
    },
  );
  server.setRequestHandler('tools/list', async () => {
    setup.onListed?.();
    return { tools: s.listed };
  });
  server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name } = request.params;
    const failMarked = (text: string) => failWith(markUnserved(text, s.unserved));
    const why = s.unserved.get(name);
    if (why) return failWith(`${name} is not served here: ${why.why}.`);
    // A name no configuration serves is a protocol error (-32602, as the specification names
    // it); a tool the toolsets or read-only mode leave out is refused above, with the setting.
    if (!s.names.has(name))
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Unknown tool: ${name}. Available: ${[...s.names].join(', ')}.`,
      );
    const [{ validateWith }, tools, { toolErrorText }] = await Promise.all([
      import('@cloutapi/resources'),
      setup.loadTools(),
      import('./errors.js'),
    ]);
    const tool = tools.find((t) => t.name === name);
    if (!tool) return failWith(`No tool named ${name}.`);
    let args = (request.params.arguments ?? {}) as Record<string, unknown>;
    // Several profiles: the call's own, out of its arguments (the tool's schema knows none).
    let profile: ServedProfile | undefined;
    if (s.routing) {
      const chosen = chooseProfile(s.routing, tool, args);
      if ('refused' in chosen) return failWith(chosen.refused);
      ({ profile, args } = chosen);
    }
    // Every tool's input is checked here, the same way: a ValidationError naming each field.
    let input: Record<string, unknown>;
    try {
      input = validateWith(tool.input, args, tool.name);
    } catch (error) {
      return failMarked(toolErrorText(error, tool.name, tool.input, args, true));
    }
    const traceparent = ctx.mcpReq._meta?.[TRACEPARENT_META_KEY];
    const trace = typeof traceparent === 'string' ? { traceparent } : {};
    // A long job runs as a task when the client's request says it can follow one.
    if (tool.task && era === 'modern' && clientHasTasks(ctx))
      return startTask(server, setup, s, { tool, input, args, trace, profile });
    const canAsk = clientCanAsk(server, ctx, era, canPush);
    const context = toolContext(setup, s, {
      canAsk,
      trace,
      signal: ctx.mcpReq.signal,
      profile,
    });
    context.answer = canAsk ? answerOf(ctx) : undefined;
    const token = ctx.mcpReq._meta?.progressToken;
    if (token !== undefined)
      context.progress = async (progress, total, message) =>
        ctx.mcpReq.notify({
          method: 'notifications/progress',
          params: {
            progressToken: token,
            progress,
            ...(total === undefined ? {} : { total }),
            message,
          },
        });
    const answered = await runTool(server, s, tool, input, args, context);
    if (!isAsking(answered)) return answered;
    const question = answered[ASKING];
    return inputRequired({
      inputRequests: {
        [CONFIRM_KEY]: inputRequired.elicit({
          message: question.message,
          requestedSchema: CONFIRM_FORM,
        }),
      },
      requestState: await s.codec.mint(question.asked, ctx),
    });
  });
  if (era === 'modern') serveTaskMethods(server, s.tasks);
  return server;
}

/**
 * Whether this client can show the user a form: on 2026-07-28 its request's envelope says so (an
 * input request goes back with the answer); on 2025 its initialize did, and only where the server
 * can push the question to it (not on stateless HTTP).
 */
function clientCanAsk(
  server: Server,
  ctx: ServerContext,
  era: McpRequestContext['era'],
  canPush: boolean,
): boolean {
  if (era === 'modern') {
    const envelope = ctx.mcpReq.envelope as Record<string, ClientCapabilities | undefined>;
    return envelope?.[CLIENT_CAPABILITIES_META_KEY]?.elicitation !== undefined;
  }
  return canPush && server.getClientCapabilities()?.elicitation !== undefined;
}

/** A validated call, ready to run. */
interface ValidCall {
  tool: ToolDefinition;
  input: Record<string, unknown>;
  args: Record<string, unknown>;
  trace: { traceparent?: string };
  profile: ServedProfile | undefined;
}

/**
 * Runs the call as a task (the Tasks extension): the task is created and answered at once; the
 * tool runs on, reporting its progress as the task's status message, and a cancel stops it.
 */
async function startTask(
  server: Server,
  setup: ServerSetup,
  s: Shared,
  call: ValidCall,
): Promise<CallToolResult> {
  const record = await s.tasks.start(async (control) => {
    const context = toolContext(setup, s, {
      canAsk: false,
      trace: call.trace,
      signal: control.stop,
      profile: call.profile,
    });
    context.progress = async (done, total, message) =>
      control.report(`${done}${total === undefined ? '' : ` of ${total}`}: ${message}`);
    const answered = await runTool(server, s, call.tool, call.input, call.args, context);
    const result = isAsking(answered) ? failWith('This tool cannot ask in a task.') : answered;
    const text = (result.content[0] as { text?: string } | undefined)?.text ?? '';
    return { result, summary: text.split('\n', 1)[0] ?? '' };
  });
  return { resultType: 'task', ...taskView(record) } as unknown as CallToolResult;
}

/** What a tool handler gets: progress and the answer are filled in per path. */
function toolContext(
  setup: ServerSetup,
  s: Shared,
  run: {
    canAsk: boolean;
    trace: { traceparent?: string };
    signal: AbortSignal;
    profile: ServedProfile | undefined;
  },
): ToolContext {
  const { profile } = run;
  return {
    allowSecrets: setup.context.allowSecrets,
    clout: undefined as unknown as Cloutility,
    signal: run.signal,
    call: { signal: run.signal, ...run.trace },
    // A profile's confirmations and paged results serve that profile only.
    confirmations: profile ? profileConfirmations(s.confirmations, profile.name) : s.confirmations,
    snapshots: profile ? profileSnapshots(s.snapshots, profile.name) : s.snapshots,
    profile,
    profiles: s.routing?.profiles,
    enrollLock: setup.context.enrollLock,
    canAsk: run.canAsk,
    progress: async () => {},
  };
}

/**
 * Runs a validated call: the tool's answer as a tool result, or the question it asks first.
 * A failure is a tool error naming what went wrong (never a protocol error: the call was valid).
 */
async function runTool(
  server: Server,
  s: Shared,
  tool: ToolDefinition,
  input: Record<string, unknown>,
  args: Record<string, unknown>,
  context: ToolContext,
): Promise<CallToolResult | Asking> {
  const { toolErrorText } = await import('./errors.js');
  // Recorded before it runs, so a call whose instance dies stays on record.
  const entry = await s.audit?.begin({ tool: tool.name, args });
  let impact: { affected: unknown; preview: string } | undefined;
  context.confirmed = (confirmed) => {
    impact = confirmed;
  };
  try {
    context.clout = await s.connect(context.profile?.name);
    const result = await tool.handler(input, context);
    if (result.ask) {
      await entry?.end({ outcome: 'asked', detail: firstLine(result.text) });
      return { [ASKING]: result.ask };
    }
    await entry?.end({
      outcome: result.isError ? 'error' : 'ok',
      detail: firstLine(result.text),
      impact,
    });
    if (result.isError) return failWith(markUnserved(result.text, s.unserved));
    return server.projectCallToolResult(
      {
        content: [{ type: 'text', text: markUnserved(result.text, s.unserved) }],
        structuredContent: result.structured,
      },
      tool.outputSchema,
    );
  } catch (error) {
    const text = toolErrorText(error, tool.name, tool.input, args);
    await entry?.end({ outcome: 'error', detail: firstLine(text), impact });
    return failWith(markUnserved(text, s.unserved));
  }
}

/** A result's first line, as the audit keeps it (the rest may be long, or a node password). */
const firstLine = (text: string) => text.split('\n', 1)[0]?.slice(0, 500);

/** The profiles when the setup serves more than one; otherwise undefined (no argument). */
function severalProfiles(setup: ServerSetup): ProfileRouting | undefined {
  return setup.profiles && setup.profiles.profiles.length > 1 ? setup.profiles : undefined;
}

/** A question a call asks before it goes on (marked so no tool result can look like one). */
const ASKING = Symbol('asking');
interface Asking {
  [ASKING]: Question;
}
const isAsking = (x: CallToolResult | Asking): x is Asking => ASKING in x;

/** A tool error result. */
const failWith = (text: string): CallToolResult => ({
  content: [{ type: 'text', text }],
  isError: true,
});

/** The user's answer this retry carries, with its question's verified state; or none. */
function answerOf(ctx: ServerContext): Answer | undefined {
  const asked = ctx.mcpReq.requestState<AskedState>();
  if (!asked || typeof asked !== 'object') return undefined;
  const view = inputResponse(ctx.mcpReq.inputResponses, CONFIRM_KEY);
  if (view.kind !== 'elicit') return undefined;
  return { action: view.action, confirmed: view.content?.confirm === true, asked };
}

/** The factory both entries serve from: a server per request or connection, of its era. */
export function serverFactory(setup: ServerSetup, canPush: boolean): McpServerFactory {
  return (ctx) => createMcpServer(setup, ctx.era, canPush);
}

/**
 * Serves one connection on `transport` (stdio's by default): its opening picks the era, 2026-07-28
 * or 2025, and one server serves it to the end. Close the handle to end it.
 */
export function serveConnection(
  setup: ServerSetup,
  transport?: Transport,
  onerror: (error: Error) => void = (error) =>
    process.stderr.write(`cloutapi-mcp: ${error.message}\n`),
): StdioServerHandle {
  return serveStdioEntry(serverFactory(setup, true), {
    transport: guardTransport(transport ?? new StdioServerTransport()),
    onerror,
  });
}

/**
 * Serves MCP over stdin/stdout, 2026-07-28 and 2025 clients alike; resolves when the client
 * closes stdin.
 */
export async function serveStdio(setup: ServerSetup): Promise<void> {
  const ended = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  const handle = serveConnection(setup);
  await ended;
  await handle.close();
}
