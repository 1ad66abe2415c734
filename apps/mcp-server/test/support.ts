import { fileURLToPath } from 'node:url';
import { type Cloutility, type CloutilityOptions, createCloutility } from '@cloutapi/resources';
import {
  demoCredentials,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '@cloutapi/simulator';
import {
  Client as ModernClient,
  InMemoryTransport as ModernMemory,
} from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StdioClientTransport,
  type StdioServerParameters,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import {
  allTools,
  type Confirmations,
  type HttpOptions,
  instructions,
  PORTAL_RETRY,
  type ServerSetup,
  selectTools,
  serveConnection,
  setupFromTools,
  startHttpServer,
  unservedTools,
  VERSION,
} from '../src/index.js';

/** The built server, as users run it. */
export const BIN = fileURLToPath(new URL('../dist/bin/cloutapi-mcp.cjs', import.meta.url));

/** An SDK client of a server started on stdio as `server` says; its stderr is kept. */
export async function stdioClient(server: StdioServerParameters) {
  const transport = new StdioClientTransport({ ...server, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const client = new Client({ name: 'cloutapi-test', version: '1.0.0' });
  await client.connect(transport); // fails on any non-JSON-RPC line on stdout
  return { client, stderr: () => stderr };
}

/** The portal client the MCP server's tools use: the demo user on `baseUrl`. */
const demoCloutility = (baseUrl: string, more: Partial<CloutilityOptions> = {}) =>
  createCloutility({
    baseUrl,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    credentials: { username: demoCredentials.username, password: demoCredentials.password },
    ...more,
  });

/**
 * Which protocol a harness's client speaks: `modern` is the v2 SDK's client pinned to 2026-07-28
 * (no initialize, an envelope on every request, input requests); `legacy` the v1 SDK's client on
 * 2025-11-25 (initialize, elicitation pushed by the server).
 */
export type Era = 'modern' | 'legacy';

/** The eras a scenario runs in, for `describe.each`. */
export const ERAS: readonly Era[] = ['modern', 'legacy'];

/** A simulator, the MCP server on it, and an SDK client connected in memory. */
export interface Harness {
  era: Era;
  sim: RunningSimulator;
  /** The portal client the server's tools use (for examples' reads and test setup). */
  clout: Cloutility;
  client: Client | ModernClient;
  /** Calls a tool with a progress token; `onprogress` sees each notification. */
  callWithProgress(
    name: string,
    args: Record<string, unknown>,
    onprogress: (p: { progress: number; total?: number; message?: string }) => void,
  ): Promise<{ isError?: boolean }>;
  /** Calls a tool; returns the text, the structured content and whether it is an error. */
  call(
    name: string,
    args?: Record<string, unknown>,
  ): Promise<{ text: string; structured: Record<string, unknown>; isError: boolean }>;
  /** Calls a destructive tool the way a model should: the preview, then confirm with its token. */
  confirmed(
    name: string,
    args: Record<string, unknown>,
  ): Promise<{ text: string; structured: Record<string, unknown>; isError: boolean }>;
  /** Closes the client, the portal client and the simulator (once, however often called). */
  close(): Promise<void>;
}

export async function harness(
  options: {
    sim?: SimulatorOptions;
    toolsets?: string[];
    readOnly?: boolean;
    allowSecrets?: boolean;
    /** Overrides of the portal client: another URL, other retries. */
    portal?: { baseUrl?: string; retry?: { retries: number; baseDelayMs?: number } };
    /** The client supports elicitation and answers each request with this. */
    elicit?: (message: string) => ElicitResult | Promise<ElicitResult>;
    /** The protocol the client speaks (default: 2026-07-28). */
    era?: Era;
    /**
     * 2026-07-28 only: the client says it can ask the user but answers no input request itself
     * (the SDK's manual mode): a call that asks returns the question to the test.
     */
    manual?: boolean;
    /** The server's confirmations (a shared key, a shared store). */
    confirmations?: Confirmations;
    /** Each tool gets its toolset's icon (--tool-icons). */
    toolIcons?: boolean;
  } = {},
): Promise<Harness> {
  const sim = await startSimulator({ seed: 'demo', ...options.sim });
  const clout = demoCloutility(options.portal?.baseUrl ?? sim.url, {
    retry: { ...PORTAL_RETRY, ...(options.portal?.retry ?? { retries: 2, baseDelayMs: 5 }) },
  });
  const all = allTools();
  const selection = { toolsets: options.toolsets ?? ['all'], readOnly: options.readOnly };
  const tools = selectTools(all, selection);
  const setup = setupFromTools(tools, {
    version: VERSION,
    context: { connect: async () => clout, allowSecrets: options.allowSecrets ?? false },
    instructions: instructions(options.readOnly ?? false, options.allowSecrets ?? false),
    unserved: unservedTools(all, selection),
    confirmations: options.confirmations,
    toolIcons: options.toolIcons,
  });
  const era = options.era ?? 'modern';
  const { client, served } =
    era === 'modern'
      ? await modernClient(setup, options.elicit, options.manual ?? false)
      : await legacyClient(setup, options.elicit);
  // Listing first makes the SDK client check every result against its tool's output schema
  // (with Ajv): a result that does not match fails the call.
  await client.listTools();
  let closing: Promise<void> | undefined;
  const harness: Harness = {
    era,
    sim,
    clout,
    client,
    async callWithProgress(name, args, onprogress) {
      const params = { name, arguments: args };
      const result =
        client instanceof ModernClient
          ? await client.callTool(params, { onprogress })
          : await client.callTool(params, undefined, { onprogress });
      return { isError: result.isError === true };
    },
    async confirmed(name, args) {
      const preview = await harness.call(name, args);
      if (preview.isError) return preview;
      const confirmationToken = preview.structured.confirmationToken;
      return harness.call(name, { ...args, confirm: true, confirmationToken });
    },
    async call(name, args = {}) {
      const result = await client.callTool({ name, arguments: args });
      const text = (result.content as { type: string; text: string }[])
        .map((c) => c.text)
        .join('\n');
      return {
        text,
        structured: (result.structuredContent ?? {}) as Record<string, unknown>,
        isError: result.isError === true,
      };
    },
    close() {
      closing ??= (async () => {
        await client.close();
        await served.close();
        await clout.client.close();
        await sim.stop();
      })();
      return closing;
    },
  };
  return harness;
}

type Elicit = ((message: string) => ElicitResult | Promise<ElicitResult>) | undefined;

/** The v2 client pinned to 2026-07-28, in memory; it answers input requests with `elicit`. */
async function modernClient(setup: ServerSetup, elicit: Elicit, manual: boolean) {
  const [clientSide, serverSide] = ModernMemory.createLinkedPair();
  const served = serveConnection(setup, serverSide);
  const client = new ModernClient(
    { name: 'cloutapi-test', version: '1.0.0' },
    {
      versionNegotiation: { mode: { pin: '2026-07-28' } },
      ...(elicit || manual ? { capabilities: { elicitation: { form: {} } } } : {}),
      ...(manual ? { inputRequired: { autoFulfill: false } } : {}),
    },
  );
  if (elicit)
    client.setRequestHandler('elicitation/create', async (request) =>
      elicit(request.params.message),
    );
  await client.connect(clientSide);
  return { client, served };
}

/** The v1 client on 2025-11-25, in memory; the server pushes elicitation to `elicit`. */
async function legacyClient(setup: ServerSetup, elicit: Elicit) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  // The v1 transport speaks the same JSON-RPC messages; only its type is the older SDK's.
  const served = serveConnection(
    setup,
    serverSide as unknown as Parameters<typeof serveConnection>[1],
  );
  const client = new Client(
    { name: 'cloutapi-test', version: '1.0.0' },
    elicit ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  if (elicit)
    client.setRequestHandler(ElicitRequestSchema, async (request) =>
      elicit(request.params.message),
    );
  await client.connect(clientSide);
  return { client, served };
}

/**
 * A {@link harness} for the tests of a file or describe, made before them and closed after them;
 * its fields are filled in `beforeAll`, so read them inside tests.
 */
export function useHarness(options?: Parameters<typeof harness>[0]): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await harness(options));
  });
  afterAll(() => h.close());
  return h;
}

/** A {@link harness} for one test: closed when the test ends. */
export async function testHarness(options?: Parameters<typeof harness>[0]): Promise<Harness> {
  const h = await harness(options);
  onTestFinished(() => h.close());
  return h;
}

/** Requests that change something (every method but GET, and the activating GET). */
export const writes = (sim: RunningSimulator) =>
  sim.stats.log.filter(
    (e) => e.path !== '/v1/oauth' && (e.method !== 'GET' || e.path.endsWith('/activate')),
  ).length;

/** Ids of the demo seed, read through the simulator's state (the test's own knowledge of the seed). */
export function seedIds(sim: RunningSimulator) {
  const unit = (name: string) => sim.state.businessUnits.find((u) => u.name === name)!.id;
  const consumer = (name: string) => sim.state.consumers.find((c) => c.name === name)!.id;
  return {
    root: sim.state.rootBusinessUnitId,
    acme: unit('Acme Corporation'),
    dc01: consumer('acme-dc01'),
    sql01: consumer('acme-sql01'),
    exch01: consumer('acme-exch01'),
  };
}

/** The default tools served over Streamable HTTP on 127.0.0.1, on a demo simulator. */
export async function serveHttp(options: Partial<HttpOptions> = {}) {
  const sim = await startSimulator();
  const clout = demoCloutility(sim.url);
  const setup = setupFromTools(selectTools(allTools()), {
    version: VERSION,
    context: { connect: async () => clout, allowSecrets: false },
    instructions: instructions(false, false),
  });
  const http = await startHttpServer(setup, {
    host: '127.0.0.1',
    port: 0,
    log: () => {},
    ...options,
  });
  return {
    sim,
    setup,
    http,
    /** A new SDK client session. */
    async client() {
      const client = new Client({ name: 'http-test', version: '1' });
      const transport = new StreamableHTTPClientTransport(new URL(http.url));
      await client.connect(transport);
      return { client, transport };
    },
    async stop() {
      await http.close();
      await clout.client.close();
      await sim.stop();
    },
  };
}
