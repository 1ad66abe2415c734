/**
 * Stateless Streamable HTTP under load (run by `pnpm bench`, written to BENCHMARKS.md): calls per
 * second with 50 concurrent clients, and the server's memory across 10,000 calls (flat means
 * nothing is kept per request). The built server in its own process, on a simulator in another
 * (so neither's CPU counts against the other's); each call is `normalize_node_name`, which sends
 * nothing to the portal: this measures the MCP layer, not the portal. 2025 requests (the
 * stateless fallback) and 2026-07-28 ones (the envelope and the standard headers).
 * `CLOUTAPI_BENCH_MCP_BASELINE=<another build's dist/bin/cloutapi-mcp.cjs>` (and `_LABEL`) adds
 * that build, on 2025 requests (a build before the v2 SDK serves those with `--stateless`).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  demoEnv,
  markdownTable,
  startSimulatorProcess,
  writeBenchmarkSection,
} from '@cloutapi/bench';
import { printedMatch, startProcess } from '@cloutapi/vitest-config/processes';

const BIN = fileURLToPath(new URL('../dist/bin/cloutapi-mcp.cjs', import.meta.url));
const BASELINE = process.env.CLOUTAPI_BENCH_MCP_BASELINE;
const BASELINE_LABEL = process.env.CLOUTAPI_BENCH_MCP_BASELINE_LABEL ?? 'a baseline build';
const QUICK = process.env.CLOUTAPI_BENCH_QUICK === '1';
const CONCURRENCY = 50;
const CALLS = QUICK ? 1_000 : 10_000;
const WARMUP = 500;

type Era = 'legacy' | 'modern';

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1' },
};

/** One tools/call POST of the era, as its clients send it. */
function request(era: Era, id: number): { headers: Record<string, string>; body: string } {
  const params = { name: 'normalize_node_name', arguments: { hostName: `host-${id}.example` } };
  const common = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  if (era === 'legacy')
    return {
      headers: { ...common, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }),
    };
  return {
    headers: {
      ...common,
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': params.name,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { ...params, _meta: ENVELOPE },
    }),
  };
}

/** `count` calls by `CONCURRENCY` workers; each answer checked. */
async function load(url: string, era: Era, count: number, from = 0) {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < count) {
      const id = from + next++;
      const { headers, body } = request(era, id);
      const response = await fetch(url, { method: 'POST', headers, body });
      const text = await response.text();
      if (response.status !== 200 || !text.includes(`HOST-${id}.EXAMPLE`)) failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { ms: performance.now() - started, failed };
}

const rssMiB = (pid: number) => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

/** A server build on the simulator: calls per second and memory at 0, half and all calls. */
async function measure(bin: string, era: Era, args: string[], portal: string) {
  const home = mkdtempSync(join(tmpdir(), 'cloutapi-mcp-http-bench-'));
  const server = startProcess(
    process.execPath,
    [bin, '--http', '--port', '0', '--toolsets', 'all', ...args],
    { env: demoEnv(home, { CLOUTAPI_URL: portal, CLOUTAPI_CACHE_DIR: join(home, 'cache') }) },
  );
  try {
    const [, url = ''] = await printedMatch(server, /Streamable HTTP at (\S+)/, 'stderr');
    const pid = server.child.pid ?? 0;
    await load(url, era, WARMUP);
    const start = rssMiB(pid);
    const first = await load(url, era, CALLS / 2, WARMUP);
    const half = rssMiB(pid);
    const second = await load(url, era, CALLS / 2, WARMUP + CALLS / 2);
    const end = rssMiB(pid);
    const failed = first.failed + second.failed;
    return { perSecond: CALLS / ((first.ms + second.ms) / 1000), failed, start, half, end };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

const sim = await startSimulatorProcess();
try {
  const runs: [string, Awaited<ReturnType<typeof measure>>][] = [];
  if (BASELINE)
    runs.push([
      `${BASELINE_LABEL}, 2025 requests (\`--stateless\`)`,
      await measure(BASELINE, 'legacy', ['--stateless'], sim.url),
    ]);
  runs.push([
    'this build, 2025 requests (the stateless fallback)',
    await measure(BIN, 'legacy', [], sim.url),
  ]);
  runs.push(['this build, 2026-07-28 requests', await measure(BIN, 'modern', [], sim.url)]);
  const mib = (n: number) => n.toFixed(0);
  const rows = runs.map(([who, r]) => [
    who,
    r.perSecond.toFixed(0),
    String(r.failed),
    mib(r.start),
    mib(r.half),
    mib(r.end),
  ]);
  const body = `${QUICK ? '**Quick run (CLOUTAPI_BENCH_QUICK=1): 1,000 calls; not for comparison.**\n\n' : ''}The built server (\`--http\`, stateless) in its own process on a simulator in another; ${CONCURRENCY} clients
at once send ${CALLS.toLocaleString('en')} \`tools/call\`s of \`normalize_node_name\` (answered without the portal, so this is the
MCP layer's cost) after ${WARMUP} to warm up. Resident memory of the server process after the
warm-up, after half the calls and after all of them: flat means nothing is kept per request.

${markdownTable(['server, requests', 'calls / s', 'failed', 'RSS after warm-up (MiB)', `after ${(CALLS / 2).toLocaleString('en')}`, `after ${CALLS.toLocaleString('en')}`], rows)}`;
  const file = writeBenchmarkSection(
    'mcp-http',
    '@cloutapi/mcp-server: stateless HTTP under load',
    body,
  );
  process.stdout.write(`${body}\n\nwritten to ${file}\n`);
} finally {
  sim.run.child.kill('SIGTERM');
  await sim.run.exited;
}
