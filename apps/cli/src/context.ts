import { type GlobalOptions, globalOptionsOf } from './globals.js';
import type { Output } from './output/output.js';
import type { Session } from './session.js';

/** What a command's action works with: its options, the output, and the session, opened on demand. */
export interface Ctx {
  readonly globals: GlobalOptions;
  readonly out: Output;
  /** The signed-in facade; opened on first use, closed by the runner after the command. */
  session(): Promise<Session>;
  /**
   * The exit code of a command that ran but has a verdict to give (`status` exits as a
   * monitoring plugin); 0 unless a command sets it.
   */
  exitCode: number;
}

/** The context of one run: configured before the action, closed after it. */
export interface RunContext extends Ctx {
  /** Reads the global options of the command about to run, and makes its output. */
  configure(options: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** Creates the context of one run of the program. */
export function createRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  let globals = globalOptionsOf({});
  let out: Output | undefined;
  let opening: Promise<Session> | undefined;
  return {
    exitCode: 0,
    get globals() {
      return globals;
    },
    get out() {
      if (!out) throw new Error('cloutapi: the output is made when the command is configured');
      return out;
    },
    async configure(options) {
      globals = globalOptionsOf(options);
      // Loaded here, before the action: `--help` and `--version` print through the parser.
      out = await outputFor(globals, env);
    },
    session() {
      // Loaded here: a command that never reaches the portal (--help, --version) loads none of it.
      opening ??= import('./session.js').then(({ openSession }) => openSession(globals, env));
      return opening;
    },
    async close() {
      const session = await opening?.catch(() => undefined);
      await session?.close();
    },
  };
}

async function outputFor(globals: GlobalOptions, env: NodeJS.ProcessEnv): Promise<Output> {
  const [{ colorsFor }, { createOutput }] = await Promise.all([
    import('./output/colors.js'),
    import('./output/output.js'),
  ]);
  const mode = globals.json ? 'json' : globals.quiet ? 'quiet' : 'human';
  return createOutput(
    mode,
    colorsFor(process.stdout, env, globals.color),
    colorsFor(process.stderr, env, globals.color),
  );
}
