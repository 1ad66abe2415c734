/**
 * Benchmarks of the MCP server (run by `pnpm bench`, written to BENCHMARKS.md): cold start of the
 * built server to a tools/list answer vs `node -e 0`; tools/list size per toolset; the size of a
 * collection tool's text vs the raw API JSON for the same data.
 */
import { mkdtempSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  alternatingMedians,
  markdownTable,
  mcpStartMs,
  runProcess,
  writeBenchmarkSection,
} from '@cloutapi/bench';
import { createCloutility } from '@cloutapi/resources';
import { demoCredentials, startSimulator } from '@cloutapi/simulator';
import { build } from 'tsdown';
import {
  allTools,
  instructions,
  selectTools,
  serveConnection,
  setupFromTools,
  TOOLSETS,
  type ToolSelection,
  unservedTools,
  VERSION,
} from '../dist/index.js';

const BIN = fileURLToPath(new URL('../dist/bin/cloutapi-mcp.cjs', import.meta.url));
const cacheRoot = mkdtempSync(join(tmpdir(), 'cloutapi-mcp-bench-cache-'));
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  CLOUTAPI_CACHE_DIR: cacheRoot, // Node's compile cache (Node 22.1+)
  CLOUTAPI_URL: 'https://portal-api.example.invalid', // never contacted: no call before the first tool call
  CLOUTAPI_CLIENT_ID: 'bench',
  CLOUTAPI_ORIGIN: 'https://bench.example',
  CLOUTAPI_USERNAME: 'bench',
  CLOUTAPI_PASSWORD: 'bench-password',
};

// The SDK alone, bundled and minified like our bin: the floor under any SDK-based server.
const floorDir = mkdtempSync(join(tmpdir(), 'cloutapi-sdk-floor-'));
await build({
  config: false, // not this package's tsdown.config.ts, which would clean dist/
  entry: { floor: fileURLToPath(new URL('./sdk-floor.ts', import.meta.url)) },
  outDir: floorDir,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  dts: false,
  minify: true,
  noExternal: [/./],
  logLevel: 'silent',
});
const FLOOR = join(floorDir, 'floor.js');

/**
 * Milliseconds from spawn to the tools/list response on stdout. `linger` keeps the server up a
 * little after it, as any client does, so that it writes its compile cache.
 */
const coldStart = (bin = BIN, extraEnv: NodeJS.ProcessEnv = {}, linger = 0) =>
  mcpStartMs(process.execPath, [bin], { ...env, ...extraEnv }, linger);
// The same minimal environment as the server: variables such as NODE_EXTRA_CA_CERTS slow every
// Node start, and must not make the baseline look slower than it is.
const nodeNoop = async () => (await runProcess(process.execPath, ['-e', '0'], { env })).ms;

const NO_CACHE = { NODE_DISABLE_COMPILE_CACHE: '1' };
await coldStart(BIN, {}, 500); // the first start of this version writes the cache (Node 22.1+)
const cached = 'enableCompileCache' in module;
const variants = {
  start: () => coldStart(),
  firstStart: () => coldStart(BIN, NO_CACHE),
  floor: () => coldStart(FLOOR),
  noop: nodeNoop,
};
for (const run of Object.values(variants)) await run(); // warm-up
const { start, firstStart, floor, noop } = await alternatingMedians(variants, 15);

const tools = allTools();
const { InMemoryTransport, Client } = await import('@modelcontextprotocol/client');

/** What tools/list sends for a selection (descriptions naming only the tools it serves). */
async function servedList(selection: ToolSelection) {
  const [a, b] = InMemoryTransport.createLinkedPair();
  const served = serveConnection(
    setupFromTools(selectTools(tools, selection), {
      version: VERSION,
      context: { connect: () => Promise.reject(new Error('no portal here')), allowSecrets: false },
      instructions: '',
      unserved: unservedTools(tools, selection),
    }),
    b,
  );
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(a);
  const { tools: list } = await client.listTools();
  await client.close();
  await served.close();
  return list;
}

const selections: [string, ToolSelection][] = [
  ['default', {}],
  ...TOOLSETS.map((set) => [set, { toolsets: [set] }] as [string, ToolSelection]),
  ['all', { toolsets: ['all'] }],
  ['all, read-only', { toolsets: ['all'], readOnly: true }],
];
const sizeRows: string[][] = [];
for (const [name, selection] of selections) {
  const list = await servedList(selection);
  const bytes = JSON.stringify({ tools: list }).length;
  sizeRows.push([name, String(list.length), String(bytes), String(Math.ceil(bytes / 4))]);
}

// Output size: each collection tool's text vs the raw API JSON of the same request.
const sim = await startSimulator();
const clout = createCloutility({
  baseUrl: sim.url,
  clientId: demoCredentials.clientId,
  origin: demoCredentials.origin,
  credentials: { username: demoCredentials.username, password: demoCredentials.password },
});
const [a, b] = InMemoryTransport.createLinkedPair();
serveConnection(
  setupFromTools(selectTools(tools, { toolsets: ['all'] }), {
    version: VERSION,
    context: { connect: async () => clout, allowSecrets: false },
    instructions: instructions(false, false),
  }),
  b,
);
const client = new Client(
  { name: 'bench', version: '1' },
  { versionNegotiation: { mode: { pin: '2026-07-28' } } },
);
await client.connect(a);
const token = await clout.client.auth.getToken();
const acme = sim.state.businessUnits.find((u) => u.name === 'Acme Corporation')!.id;
const dc01 = sim.state.consumers.find((c) => c.name === 'acme-dc01')!.id;
// Some history for the audit log, and a month of jobs: realistic page sizes, not one or two rows.
for (let i = 0; i < 20; i++) await clout.consumers.update(acme, dc01, { note: `change ${i}` });
const since = (await clout.jobs.first(acme, dc01)).completed ?? '';
const cases: [string, Record<string, unknown>, string][] = [
  ['list_consumers', { bunitId: acme, limit: 200 }, `/v1/bunits/${acme}/consumers`],
  [
    'list_jobs',
    { bunitId: acme, consumerId: dc01, startTime: since, limit: 200 },
    `/v1/bunits/${acme}/consumers/${dc01}/jobs?startTime=${encodeURIComponent(since)}`,
  ],
  [
    'query_audit_log',
    { bunitId: acme, consumerId: dc01 },
    `/v1/bunits/${acme}/consumers/${dc01}/auditlogs`,
  ],
  [
    'list_reports',
    { bunitId: acme, consumerId: dc01, limit: 200 },
    `/v1/bunits/${acme}/consumers/${dc01}/reports`,
  ],
  ['list_operating_systems', {}, '/v1/nodeoperatingsystems'],
  ['list_time_zones', { limit: 200 }, '/v1/timezones'],
];
const ratioRows: string[][] = [];
for (const [name, args, path] of cases) {
  const raw = await fetch(`${sim.url}${path}`, {
    headers: { Origin: demoCredentials.origin, Authorization: `Bearer ${token}` },
  }).then((r) => r.text());
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as { text: string }[])[0]?.text ?? '';
  ratioRows.push([
    name,
    String(raw.length),
    String(text.length),
    `${((100 * text.length) / raw.length).toFixed(1)}%`,
  ]);
}
await client.close();
await clout.client.close();
await sim.stop();

const body = `${markdownTable(
  ['cold start to a tools/list answer', 'median of 15'],
  [
    ['`node -e 0`', `${noop.toFixed(0)} ms`],
    [
      'the SDK alone: low-level Server, stdio, one tool (an ES module bundle, no code cache)',
      `${floor.toFixed(0)} ms (${(floor / noop).toFixed(2)}x)`,
    ],
    [
      '`cloutapi-mcp` with NODE_DISABLE_COMPILE_CACHE=1',
      `${firstStart.toFixed(0)} ms (${(firstStart / noop).toFixed(2)}x)`,
    ],
    [
      `**\`cloutapi-mcp\`, every later start${cached ? '' : ' (this Node has no compile cache)'}**`,
      `**${start.toFixed(0)} ms**`,
    ],
    ['**ratio (target <= 3x)**', `**${(start / noop).toFixed(2)}x**`],
  ],
)}

Every process starts with the same minimal environment. The bin (\`dist/bin/cloutapi-mcp.cjs\`)
turns on Node's own compile cache (\`module.enableCompileCache\`, Node 22.1+; Node 20 runs
without it) in the user's cache folder (\`CLOUTAPI_CACHE_DIR\`, else \`~/.cache/cloutapi/compile\`)
and loads the server, bundled into one CommonJS file; the cache is written soon after the first
tools/list.

${markdownTable(['toolset', 'tools', 'tools/list bytes', 'tokens (bytes/4)'], sizeRows)}

Measured on what tools/list sends (through a client), whose descriptions name only the tools
the selection serves. Targets: default <= 4000 tokens, all <= 12000. The registry test asserts the per-tool budgets
(each tool <= 600 tokens, any set <= 300 per tool); these two totals are reported here only.

${markdownTable(['collection tool', 'raw API JSON bytes', 'tool text bytes', 'text / raw (target <= 25%)'], ratioRows)}

Text is a pipe table of the columns a model needs (ids first, noise such as \`$type\`, \`href\` and
\`actions\` removed, timestamps without milliseconds). What every row shares is said once above
the table: a value (the user of every audit entry) or the words every row starts with (the
subject of every audit message, \`Consumption unit 'acme-dc01'\`, or a shared date).`;
const file = writeBenchmarkSection(
  'mcp-server',
  '@cloutapi/mcp-server: start-up, tools/list size, output size',
  body,
);
process.stdout.write(`${body}\n\nwritten to ${file}\n`);
