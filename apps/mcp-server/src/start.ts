/**
 * The server's command line: what `cloutapi-mcp` runs once its launcher (bin.ts) has turned on
 * Node's compile cache and loaded this bundle. stdout carries JSON-RPC only: everything here logs to stderr, except --help and
 * --version, which a person asked for and which start no server.
 */
import { parseRunOptions, USAGE } from './options.js';
import { run } from './run.js';
import { VERSION } from './version.js';

/** What the launcher hands over besides the arguments. */
export interface StartHooks {
  /** Called once start-up has answered its first tools/list (the launcher flushes the compile cache then). */
  onStarted?: () => void;
  /** The state of Node's compile cache, logged with --debug. */
  compileCache?: string;
}

/** Runs `cloutapi-mcp` with the given arguments; resolves the process exit code. */
export async function start(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  hooks: StartHooks = {},
): Promise<number> {
  // An MCP Bundle host may pass a setting the user left empty as its unexpanded placeholder.
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('CLOUTAPI_') && /^\$\{user_config\.[\w.-]+\}$/.test(value ?? ''))
      delete env[key];
  }
  try {
    const command = argv[0];
    if (command === 'audit' || command === 'rekey') {
      // The team store's commands load only when asked for.
      const { runTeamCommand } = await import('./team/commands.js');
      await runTeamCommand(command, argv.slice(1), env);
      return 0;
    }
    const options = parseRunOptions([...argv], env);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`); // stdout-ok: --help
    } else if (options.version) {
      process.stdout.write(`${VERSION}\n`); // stdout-ok: --version
    } else {
      if (options.debug && hooks.compileCache)
        process.stderr.write(`cloutapi-mcp: compile cache: ${hooks.compileCache}\n`);
      await run(options, hooks.onStarted);
    }
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    const usage = /option|argument/i.test(message) ? ' (see cloutapi-mcp --help)' : '';
    process.stderr.write(`cloutapi-mcp: ${message}${usage}\n`);
    return 2;
  }
}
