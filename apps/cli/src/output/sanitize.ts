import { cellText } from '@cloutapi/resources';

/**
 * Server text made safe for a terminal. A consumer named `\x1b[2J` would clear the operator's
 * screen, OSC 52 would write their clipboard, OSC 8 would fake a link, a CR or newline would fake
 * a row and a bidi override would reorder what they read. Every string the server (or a file)
 * supplies goes through {@link visible} before a table, tree, key/value list, note or error
 * message shows it; `--json` prints the exact data.
 */

// C0 (with TAB, LF and CR: they fake columns and rows), DEL, C1, the bidi embeddings, overrides
// and isolates, and the invisible direction marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is matched
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character made visible: C0 as its Unicode control picture (`ESC` ->
 * `␛`, LF -> `␊`), DEL as `␡`, C1 and bidi controls as `<U+202E>`. Nothing else changes.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, picture);
}

function picture(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** A value as it reads in a table cell (resources' `cellText`), control characters made visible. */
export function cell(value: unknown): string {
  return visible(cellText(value));
}

/**
 * A deep copy of `value` whose strings (values and keys) are {@link visible}; numbers, booleans
 * and null are kept. For the human output of a result: every renderer downstream then sees safe
 * text, whoever wrote it.
 */
export function visibleValue<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return visible(value) as T;
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any API answer: shown as (safe) JSON text rather than walked, never raw.
  if (depth > 32) return visible(JSON.stringify(value) ?? '') as T;
  if (Array.isArray(value)) return value.map((v) => visibleValue(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[visible(key)] = visibleValue(v, depth + 1);
  return out as T;
}
