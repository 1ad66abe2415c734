import { type Command, Option } from 'commander';
import type { FlagSpec } from './derive.js';

/**
 * The values a flag takes, for shell completion. Not commander's `.choices()`: that would refuse a
 * list (`--types create,delete`) before the schema could say anything.
 */
export const FLAG_CHOICES: WeakMap<Option, readonly string[]> = new WeakMap();

/** The attribute commander stores a long flag under: `bunit-id` -> `bunitId`. */
export function attributeOf(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Adds one commander option per flag (and a hidden one per alias, named in the help line).
 * Values are kept as text here and converted in `readFlags`, so that a bad value is reported by
 * the schema with the same words as a missing one.
 */
export function addFlagOptions(command: Command, specs: readonly FlagSpec[]): void {
  for (const spec of specs) {
    const help = describeFlag(spec);
    if (spec.kind === 'boolean') {
      command.addOption(new Option(`--${spec.name}`, help));
      command.addOption(new Option(`--no-${spec.name}`, `Send ${spec.name} false`).hideHelp());
      continue;
    }
    const placeholder = placeholderOf(spec);
    const options = [
      withParser(new Option(`--${spec.name} ${placeholder}`, help), spec),
      ...spec.aliases.map((alias) =>
        withParser(
          new Option(`--${alias} ${placeholder}`, `same as --${spec.name}`),
          spec,
        ).hideHelp(),
      ),
    ];
    for (const option of options) {
      if (spec.choices) FLAG_CHOICES.set(option, spec.choices);
      command.addOption(option);
    }
  }
}

function withParser(option: Option, spec: FlagSpec): Option {
  // Lists accept commas and repetition: --types create,delete --types error.
  if (spec.kind === 'list') {
    option.argParser((value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      ...value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ]);
  }
  return option;
}

function placeholderOf(spec: FlagSpec): string {
  if (spec.kind === 'list') return '<list>';
  if (spec.kind === 'integer') return spec.field.endsWith('Id') ? '<id>' : '<n>';
  if (spec.kind === 'number') return '<n>';
  if (spec.dateTime) return '<time>';
  return '<value>';
}

function describeFlag(spec: FlagSpec): string {
  const description = spec.description || spec.field;
  const parts = [spec.required ? `${description} (required)` : description];
  if (spec.choices && !spec.choices.every((c) => description.includes(c))) {
    parts.push(`one of: ${spec.choices.join(', ')}`);
  }
  if (spec.kind === 'list') parts.push('comma-separated');
  if (spec.dateTime) parts.push('a date alone means 00:00 UTC');
  if (spec.aliases.length) parts.push(`alias: ${spec.aliases.map((a) => `--${a}`).join(', ')}`);
  if (spec.kind === 'boolean') parts.push(`--no-${spec.name} for false`);
  if (spec.defaultValue !== undefined && !/default/i.test(description)) {
    parts.push(`default: ${String(spec.defaultValue)}`);
  }
  return parts.join('; ');
}
