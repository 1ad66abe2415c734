import { CommanderError } from 'commander';
import { createRunContext } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { buildProgram, operationsFor } from './program.js';
import { firstCommand } from './scan.js';
import { exitQuietlyOnClosedPipe } from './signals.js';

/**
 * Runs `cloutapi` with the given arguments (without `node` and the script) and resolves the exit
 * code. Results go to stdout; errors, notes and progress to stderr, errors in one or two lines:
 * what went wrong, then what to do.
 */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  exitQuietlyOnClosedPipe();
  const ctx = createRunContext();
  let first = firstCommand(argv);
  // `cloutapi help consumers` is about the consumers group.
  if (first === 'help') first = argv[argv.indexOf('help') + 1];
  // Completion needs every command; any other run only its own group's generated commands.
  const only = first === 'completion' ? undefined : (first ?? '');
  try {
    const program = await buildProgram(ctx, only, await operationsFor(only));
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode as ExitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the help, version or its own error message already.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // Loaded on failure only: the error classes are what a run that goes well never needs.
    const { exitCodeFor, report } = await import('./errors.js');
    report(error, ctx.globals.debug, ctx.globals.color);
    return exitCodeFor(error);
  } finally {
    await ctx.close();
  }
}
