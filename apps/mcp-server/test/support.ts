import { type Cloutility, createCloutility } from '@cloutapi/resources';
import {
  demoCredentials,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '@cloutapi/simulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import {
  allTools,
  createMcpServer,
  instructions,
  selectTools,
  setupFromTools,
  unservedTools,
  VERSION,
} from '../src/index.js';

/** A simulator, the MCP server on it, and an SDK client connected in memory. */
export interface Harness {
  sim: RunningSimulator;
  /** The portal client the server's tools use (for examples' reads and test setup). */
  clout: Cloutility;
  client: Client;
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
  } = {},
): Promise<Harness> {
  const sim = await startSimulator({ seed: 'demo', ...options.sim });
  const clout = createCloutility({
    baseUrl: options.portal?.baseUrl ?? sim.url,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    credentials: { username: demoCredentials.username, password: demoCredentials.password },
    retry: options.portal?.retry ?? { retries: 2, baseDelayMs: 5 },
  });
  const all = allTools();
  const selection = { toolsets: options.toolsets ?? ['all'], readOnly: options.readOnly };
  const tools = selectTools(all, selection);
  const server = createMcpServer(
    setupFromTools(tools, {
      version: VERSION,
      context: { connect: async () => clout, allowSecrets: options.allowSecrets ?? false },
      instructions: instructions(options.readOnly ?? false, options.allowSecrets ?? false),
      unserved: unservedTools(all, selection),
    }),
  );
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const elicit = options.elicit;
  const client = new Client(
    { name: 'cloutapi-test', version: '1.0.0' },
    elicit ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  if (elicit)
    client.setRequestHandler(ElicitRequestSchema, async (request) =>
      elicit(request.params.message),
    );
  await client.connect(clientTransport);
  // Listing first makes the SDK client check every result against its tool's output schema
  // (with Ajv): a result that does not match fails the call.
  await client.listTools();
  const harness: Harness = {
    sim,
    clout,
    client,
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
    async close() {
      await client.close();
      await clout.client.close();
      await sim.stop();
    },
  };
  return harness;
}

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
