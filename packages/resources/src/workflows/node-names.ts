import { ValidationError } from '../errors.js';
import { NODE_NAME_CHARS } from '../inputs.js';

/** The longest node name IBM Storage Protect accepts. */
export const MAX_NODE_NAME = 64;

/** A host name turned into a valid node name, with what was changed. */
export interface NormalizedNodeName {
  /** The valid node name (upper-case, 1-64 of `A-Z 0-9 _ . - + &`). */
  name: string;
  /** Whether anything had to change beyond trimming. */
  changed: boolean;
  /** What changed, in words, e.g. `replaced " " and "'" with "-"`. */
  changes: string[];
}

/**
 * Turns a host name (or any label) into a valid IBM Storage Protect node name: upper-cased,
 * invalid characters replaced by `-` (runs collapsed, none at the ends), cut to 64 characters.
 *
 * @throws ValidationError when nothing usable is left (e.g. an empty or all-symbol name).
 */
export function normalizeNodeName(input: string): NormalizedNodeName {
  const changes: string[] = [];
  const trimmed = input.trim();
  const upper = trimmed.toUpperCase();
  if (upper !== trimmed) changes.push('upper-cased');
  const invalid = [...new Set([...upper].filter((ch) => !NODE_NAME_CHARS.test(ch)))];
  let name = upper.replace(/[^A-Z0-9_.\-+&]+/g, '-').replace(/-{2,}/g, '-');
  if (invalid.length)
    changes.push(`replaced ${invalid.map((c) => JSON.stringify(c)).join(', ')} with "-"`);
  const stripped = name.replace(/^-+|-+$/g, '');
  if (stripped !== name && invalid.length) name = stripped;
  if (name.length > MAX_NODE_NAME) {
    name = name.slice(0, MAX_NODE_NAME).replace(/-+$/, '');
    changes.push(`cut to ${MAX_NODE_NAME} characters`);
  }
  if (!name) {
    throw new ValidationError({
      message: `"${input}" has no characters usable in a node name (A-Z 0-9 _ . - + &)`,
      issues: [{ path: 'nodeName', message: 'no usable characters' }],
    });
  }
  return { name, changed: changes.length > 0, changes };
}

/** The rules a node name breaks; empty when it is valid. */
export function nodeNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 1) problems.push('a node name needs at least 1 character');
  if (name.length > MAX_NODE_NAME)
    problems.push(`a node name has at most ${MAX_NODE_NAME} characters (this has ${name.length})`);
  const bad = [...new Set([...name].filter((ch) => !NODE_NAME_CHARS.test(ch)))];
  if (bad.length)
    problems.push(
      `characters not allowed: ${bad.map((c) => JSON.stringify(c)).join(', ')} (allowed: A-Z 0-9 _ . - + &)`,
    );
  return problems;
}
