import { tabwrite } from './tabwriter.js';

/**
 * Control characters (C0 with tab and line breaks, DEL, C1) and the invisible bidirectional
 * overrides: a server's text must not move the cursor, recolour the terminal, reorder what is
 * shown or break the table's cells and lines.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding exactly those characters
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A server's text made safe for a table cell: each unsafe character becomes U+FFFD.
 *
 * SANITIZE: the single call site of the CLI's terminal sanitizer for the Go CLI's tables; swap
 * this body for the shared one in `output/` when it lands.
 */
export function cellText(text: string): string {
  return text.replace(UNSAFE, '\ufffd');
}

/** A value as Go's `fmt` prints it with `%v`/`%s`: numbers and text as they are. */
function goValue(value: string | number): string {
  return typeof value === 'number' ? String(value) : cellText(value);
}

/**
 * A table exactly as the Go CLI prints it: the header row, a row of dashes as long as each header,
 * then the rows, through Go's tabwriter (minwidth 8, tabwidth 8, padding 1, tabs).
 */
export function goTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const lines = [
    headers,
    headers.map((h) => '-'.repeat(h.length)),
    ...rows.map((r) => r.map(goValue)),
  ];
  return tabwrite(lines.map((cells) => `${cells.join('\t')}\n`).join(''));
}
