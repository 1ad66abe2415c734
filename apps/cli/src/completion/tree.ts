import type { Command, Option } from 'commander';
import { FLAG_CHOICES } from '../flags/options.js';
import { GLOBAL_FILE_FLAGS } from '../globals.js';

/** One option as completion needs it. */
export interface CompletionOption {
  /** Long and short spellings, e.g. `['--quiet', '-q']`. */
  names: string[];
  description: string;
  takesValue: boolean;
  /** Values to offer after it (an enum). */
  choices?: string[];
  /** Its value is a path. */
  file?: boolean;
}

/** One command as completion needs it: its subcommands and options. */
export interface CompletionNode {
  name: string;
  /** The words from the root, e.g. `consumers list` (empty for the root). */
  path: string;
  description: string;
  options: CompletionOption[];
  children: CompletionNode[];
}

// Options whose value is a file or folder: completion offers paths after them.
const FILE_OPTIONS = new Set([...GLOBAL_FILE_FLAGS, '--from', '--results', '--file', '--out']);

/** The command tree of a (fully built) program, for the completion scripts. */
export function completionTree(command: Command, path = ''): CompletionNode {
  return {
    name: command.name(),
    path,
    description: command.summary() || firstLine(command.description()),
    // Hidden options (short aliases such as --bunit) are completed too: they are meant to be typed.
    options: command.options.map(toOption),
    children: command.commands
      .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
      .map((c) => completionTree(c, path ? `${path} ${c.name()}` : c.name())),
  };
}

/** Every node of the tree, depth-first. */
export function allNodes(root: CompletionNode): CompletionNode[] {
  return [root, ...root.children.flatMap(allNodes)];
}

function toOption(option: Option): CompletionOption {
  const names = [option.long, option.short].filter((n): n is string => !!n);
  const out: CompletionOption = {
    names,
    description: firstLine(option.description),
    takesValue: option.required || option.optional,
  };
  const choices = option.argChoices ?? FLAG_CHOICES.get(option);
  if (choices?.length) out.choices = [...choices];
  if (names.some((n) => FILE_OPTIONS.has(n))) out.file = true;
  return out;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
}
