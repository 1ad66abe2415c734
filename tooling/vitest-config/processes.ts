import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** A spawned process, what it has printed so far, and its exit code once it has closed. */
export type Started = ReturnType<typeof startProcess>;

/**
 * Spawns `command` without blocking this process's event loop (a simulator or proxy may live in
 * it) and gathers what it prints.
 */
export function startProcess(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
) {
  const child = spawn(command, args, options);
  const printed = { stdout: '', stderr: '' };
  for (const stream of ['stdout', 'stderr'] as const)
    child[stream].on('data', (chunk: Buffer) => {
      printed[stream] += chunk.toString();
    });
  // A signal's end is reported as a shell does: 128 + its number (130 for SIGINT).
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve(code ?? (signal && 128 + constants.signals[signal])),
    );
  });
  exited.catch(() => {}); // a spawn error still rejects for whoever awaits it
  return { child, stdout: () => printed.stdout, stderr: () => printed.stderr, exited };
}

/** Runs `command` to its end, `input` on its stdin: what it printed, its code, its milliseconds. */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {},
) {
  const started = performance.now();
  const run = startProcess(command, args, options);
  // A process that exits without reading its input closes the pipe first: that is no error.
  run.child.stdin.on('error', () => {});
  run.child.stdin.end(options.input ?? '');
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr(), ms: performance.now() - started };
}

/** The first match of `pattern` in what the process prints; fails if it exits before printing it. */
export function printedMatch(
  run: Started,
  pattern: RegExp,
  stream: 'stdout' | 'stderr' = 'stdout',
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(run[stream]());
      if (match) resolve(match);
    };
    check();
    run.child[stream].on('data', check);
    run.exited.then((code) => {
      check(); // settling twice is a no-op
      reject(new Error(`exited (${code}) before printing ${pattern}: ${run[stream]()}`));
    }, reject);
  });
}

/** The JSON-RPC `initialize` request of an MCP client named `name`. */
export const mcpInitialize = (name: string) => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name, version: '1' } },
});

/**
 * Spawns an MCP server on stdio, initializes it and asks for tools/list; resolves the answer's
 * line and the milliseconds from spawn to it. The server keeps running: kill `run.child`.
 */
export async function mcpToolsList(
  command: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ run: Started; line: string; ms: number }> {
  const started = performance.now();
  const run = startProcess(command, args, { env });
  for (const message of [
    mcpInitialize('cloutapi-test'),
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/list' },
  ])
    run.child.stdin.write(`${JSON.stringify(message)}\n`);
  const [line] = await printedMatch(run, /^.*"id":2.*$/m);
  return { run, line, ms: performance.now() - started };
}
