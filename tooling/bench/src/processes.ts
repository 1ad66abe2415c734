import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  mcpToolsList,
  printedMatch,
  runProcess as run,
  type Started,
  startProcess,
} from '@cloutapi/vitest-config/processes';

/** `runProcess` of vitest-config that fails when the process exits otherwise than `expectedCode`. */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; expectedCode?: number } = {},
): ReturnType<typeof run> {
  const result = await run(command, args, options);
  if (result.code === (options.expectedCode ?? 0)) return result;
  throw new Error(
    `${command} ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(0, 2000)}`,
  );
}

/**
 * Starts the built simulator (`cloutapi-simulator` of the calling package's dependencies) in its
 * own process, as a portal would be, on a free port; resolves its URL and, with `--admin`, its key.
 */
export async function startSimulatorProcess(
  args: readonly string[] = [],
): Promise<{ url: string; adminKey: string | undefined; run: Started }> {
  const manifest = createRequire(join(process.cwd(), 'package.json')).resolve(
    '@cloutapi/simulator/package.json',
  );
  const run = startProcess(process.execPath, [
    join(dirname(manifest), 'dist/bin.js'),
    '--port',
    '0',
    ...args,
  ]);
  const [, url = ''] = await printedMatch(run, /listening on (http:\/\/\S+)[\s\S]*Ctrl\+C/);
  return { url, adminKey: /admin key:\s+(\S+)/.exec(run.stdout())?.[1], run };
}

/** The minimal environment of a CLI run as the simulator's demo user: PATH, HOME and `more`. */
export const demoEnv = (home: string, more: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: home,
  CLOUTAPI_CLIENT_ID: 'cloutapi-demo',
  CLOUTAPI_ORIGIN: 'http://localhost',
  CLOUTAPI_USERNAME: 'demo@reseller.example',
  CLOUTAPI_PASSWORD: 'demo-password',
  ...more,
});

/**
 * Milliseconds from spawning an MCP server on stdio to its tools/list answer. It is stopped
 * `lingerMs` later: a client keeps it up a moment, and it writes its compile cache then.
 */
export async function mcpStartMs(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  lingerMs: number,
): Promise<number> {
  const { run, ms } = await mcpToolsList(command, args, env);
  await new Promise((resolve) => setTimeout(resolve, lingerMs));
  run.child.kill();
  return ms;
}
