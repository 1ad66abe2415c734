import { demoSettings, loadSettings, toCloutilityOptions } from '@cloutapi/config';
import type { Cloutility } from '@cloutapi/resources';
import type { Demo } from '@cloutapi/simulator';
import { instructions } from './instructions.js';
import type { RunOptions } from './options.js';
import { type ServerSetup, serveStdio } from './sdk.js';
import catalogJson from './tools/catalog.generated.json' with { type: 'json' };
import type { CatalogEntry } from './tools/catalog.js';
import { selectTools } from './tools/selection.js';
import type { ToolDefinition } from './tools/types.js';
import { VERSION } from './version.js';

const CATALOG = catalogJson as CatalogEntry[];

const log = (line: string) => process.stderr.write(`cloutapi-mcp: ${line}\n`);

/**
 * Runs the server until the client goes away (stdio) or a signal arrives (HTTP). Nothing is sent
 * to the portal before the first tool call: signing in happens then.
 */
export async function run(options: RunOptions, onStarted?: () => void): Promise<void> {
  // Listed from the prebuilt catalog; the tools (registry, zod) load at the first tools/call.
  const catalog = selectTools(CATALOG, { toolsets: options.toolsets, readOnly: options.readOnly });
  let tools: Promise<readonly ToolDefinition[]> | undefined;
  const loadTools = () => {
    const names = new Set(catalog.map((t) => t.name));
    tools ??= import('./tools/index.js').then((m) => m.allTools().filter((t) => names.has(t.name)));
    return tools;
  };
  let demo: Demo | undefined;
  if (options.demo) {
    // The simulator loads only in demo mode.
    const { startDemo } = await import('@cloutapi/simulator');
    demo = await startDemo();
    log(`demo mode: the embedded simulator runs at ${demo.url} with seeded demo data`);
  }
  // Settings are read now, so a missing one fails at start; the client is made at the first call.
  const settings = demo ? demoSettings(demo) : loadSettings({ configPath: options.config });
  let client: Promise<Cloutility> | undefined;
  const connect = () => {
    client ??= import('@cloutapi/resources').then(({ createCloutility }) =>
      createCloutility({ ...toCloutilityOptions(settings), debug: options.debug ? log : false }),
    );
    return client;
  };
  const setup: ServerSetup = {
    catalog,
    loadTools,
    version: VERSION,
    context: { connect, allowSecrets: options.allowSecrets },
    instructions: instructions(options.readOnly, options.allowSecrets),
    onListed: onStarted && once(onStarted),
  };
  log(`${catalog.length} tools${options.readOnly ? ', read-only' : ''}; portal ${settings.url}`);
  const shutdown = async () => {
    if (client) await (await client).client.close();
    await demo?.stop();
  };

  if (!options.http) {
    await serveStdio(setup);
    await shutdown();
    return;
  }
  // Loaded only for --http: it brings an HTTP framework whose start-up stdio does not need.
  const { startHttpServer } = await import('./http.js');
  const http = await startHttpServer(setup, {
    host: options.host,
    port: options.port,
    token: options.token,
    allowedHosts: options.allowedHosts,
    allowedOrigins: options.allowedOrigins,
    log,
  });
  log(`Streamable HTTP at ${http.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await http.close();
  await shutdown();
}

function once(fn: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    fn();
  };
}
