/**
 * Runs @modelcontextprotocol/conformance's server scenarios against the built server
 * (`--http --demo`), with the scenarios that do not apply listed in
 * conformance/expected-failures.yml. Exits non-zero on any unexpected failure or stale entry.
 * The suite needs Node 22 or later: `.ci/run` runs it with Node 24.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '../dist/bin/cloutapi-mcp.cjs');
const BASELINE = join(here, '../conformance/expected-failures.yml');

/** Starts the built server on a free port; resolves with its URL once it listens. */
function startServer(cache: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, '--http', '--demo', '--port', '0'], {
    env: { ...process.env, XDG_CACHE_HOME: cache, HOME: cache },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      const url = /Streamable HTTP at (\S+)/.exec(line)?.[1];
      if (url) resolve({ url, child });
    });
  });
}

/** Runs the suite; resolves with its exit code. */
function runSuite(url: string, out: string): Promise<number> {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@modelcontextprotocol/conformance/package.json');
  const cli = join(dirname(pkg), 'dist/index.js');
  const args = ['server', '--url', url, '--expected-failures', BASELINE, '-o', out];
  const suite = spawn(process.execPath, [cli, ...args], { stdio: 'inherit' });
  return new Promise((resolve) => suite.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<number> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    console.error(
      `conformance: @modelcontextprotocol/conformance needs Node 22 or later (this is ${process.version}); run it with Node 24 first on PATH, as .ci/run does`,
    );
    return 1;
  }
  const cache = mkdtempSync(join(tmpdir(), 'cloutapi-conformance-'));
  const { url, child } = await startServer(cache);
  try {
    return await runSuite(url, join(cache, 'results'));
  } finally {
    child.kill();
    rmSync(cache, { recursive: true, force: true });
  }
}

process.exitCode = await main();
