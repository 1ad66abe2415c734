import { CommanderError } from 'commander';
import { createRunContext } from './context.js';
import { exitCodeFor, explain } from './errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { colorsFor } from './output/colors.js';
import { buildProgram } from './program.js';
import { firstCommand } from './scan.js';

/**
 * Runs `cloutapi` with the given arguments (without `node` and the script) and resolves the exit
 * code. Results go to stdout; errors, notes and progress to stderr, errors in one or two lines:
 * what went wrong, then what to do.
 */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  // `cloutapi consumers list | head -1` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
  });
  const ctx = createRunContext();
  let first = firstCommand(argv);
  // `cloutapi help consumers` is about the consumers group.
  if (first === 'help') first = argv[argv.indexOf('help') + 1];
  // Completion needs every command; any other run only its own group's generated commands.
  const program = buildProgram(ctx, first === 'completion' ? undefined : (first ?? ''));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the help, version or its own error message already.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    report(error, ctx.globals.debug, ctx.globals.color);
    return exitCodeFor(error);
  } finally {
    await ctx.close();
  }
}

function report(error: unknown, debug: boolean, color: boolean): void {
  const c = colorsFor(process.stderr, process.env, color);
  const [what = 'failed', ...hints] = explain(error);
  process.stderr.write(`${c.red('error:')} ${what}\n`);
  for (const hint of hints) process.stderr.write(`${c.dim(hint)}\n`);
  if (debug && error instanceof Error && error.stack)
    process.stderr.write(`${c.dim(error.stack)}\n`);
}
