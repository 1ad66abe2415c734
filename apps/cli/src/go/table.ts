import { visible } from '../output/sanitize.js';
import { tabwrite } from './tabwriter.js';

/**
 * A server's text made safe for a table cell: control characters (TAB and line breaks included,
 * which would break the cells and lines) and bidi controls made visible, by the CLI's sanitizer.
 */
export function cellText(text: string): string {
  return visible(text);
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
