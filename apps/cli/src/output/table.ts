import Table from 'cli-table3';
import type { Colors } from './colors.js';
import { cell, visible } from './sanitize.js';

// No borders: columns separated by two spaces, like kubectl, so output reads well and greps well.
const PLAIN = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** Renders rows under headers as a borderless table (headers bold on a colour terminal). */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  colors: Colors,
): string {
  const table = new Table({
    head: headers.map((h) => colors.bold(visible(h))),
    chars: PLAIN,
    // cli-table3 colours headers and borders itself unless told not to; colour is ours to decide.
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(row.map(cell));
  return trimLines(table.toString());
}

/** Renders key/value pairs as two columns (one resource's fields). */
export function renderPairs(
  pairs: readonly (readonly [string, unknown])[],
  colors: Colors,
): string {
  const table = new Table({
    chars: PLAIN,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const [key, value] of pairs) table.push([colors.bold(visible(key)), cell(value)]);
  return trimLines(table.toString());
}

function trimLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
