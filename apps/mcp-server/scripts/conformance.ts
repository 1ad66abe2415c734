/**
 * Runs @modelcontextprotocol/conformance's server scenarios against the built server
 * (`--http --demo`), with the scenarios that do not apply listed in
 * conformance/expected-failures.yml. Exits non-zero on any unexpected failure or stale entry.
 * The suite needs Node 22 or later: `.ci/run` runs it with Node 24.
 *
 * Authorization: every `auth/*` scenario of the suite (0.1.16) tests an OAuth *client* against
 * the suite's own mock MCP and authorization servers, and the server runner can send no token,
 * so none can run against the team server (`--http --auth oauth`); test/team-*.test.ts cover
 * its metadata, challenges and flows. The run fails when an installed suite lists scenarios
 * for servers' authorization, so that they are then wired in here.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
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

/** The suite's command-line entry, from the installed package. */
function suiteCli(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@modelcontextprotocol/conformance/package.json');
  return join(dirname(pkg), 'dist/index.js');
}

/**
 * The scenarios the installed suite has for a server's or an authorization server's
 * authorization, from its `list`: a server scenario named for auth, or any scenario of a section
 * for authorization servers (upstream's next versions add one, with an `authorization` command).
 */
function serverAuthorizationScenarios(cli: string): string[] {
  const listing = execFileSync(process.execPath, [cli, 'list'], { encoding: 'utf8' });
  const found: string[] = [];
  let section = '';
  for (const line of listing.split('\n')) {
    const scenario = /^\s+- (\S+)/.exec(line)?.[1];
    if (!scenario) section = line;
    else if (/authorization/i.test(section) || (/^server/i.test(section) && /auth/i.test(scenario)))
      found.push(scenario);
  }
  return found;
}

/** Runs the suite; resolves with its exit code. */
function runSuite(cli: string, url: string, out: string): Promise<number> {
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
  const cli = suiteCli();
  const authorization = serverAuthorizationScenarios(cli);
  if (authorization.length > 0) {
    console.error(
      `conformance: this suite tests servers' authorization (${authorization.join(', ')}); run those scenarios against the team server (--http --auth oauth) in scripts/conformance.ts`,
    );
    return 1;
  }
  const cache = mkdtempSync(join(tmpdir(), 'cloutapi-conformance-'));
  const { url, child } = await startServer(cache);
  try {
    return await runSuite(cli, url, join(cache, 'results'));
  } finally {
    child.kill();
    rmSync(cache, { recursive: true, force: true });
  }
}

process.exitCode = await main();
