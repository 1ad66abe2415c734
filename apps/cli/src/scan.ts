import { GLOBAL_VALUE_FLAGS } from './globals.js';

/**
 * The first word of the command line that is not an option (nor an option's value): the command
 * group about to run. Read before the parser is built, so that only that group's generated
 * commands are built.
 */
export function firstCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--') return argv[i + 1];
    if (word.startsWith('-')) {
      if (GLOBAL_VALUE_FLAGS.has(word)) i++;
      continue;
    }
    return word;
  }
  return undefined;
}
