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
  return plainTable(
    rows.map((row) => row.map(cell)),
    headers.map((h) => colors.bold(visible(h))),
  );
}

/** Renders key/value pairs as two columns (one resource's fields). */
export function renderPairs(
  pairs: readonly (readonly [string, unknown])[],
  colors: Colors,
): string {
  return plainTable(pairs.map(([key, value]) => [colors.bold(visible(key)), cell(value)]));
}

function plainTable(rows: string[][], head: string[] = []): string {
  // cli-table3 colours headers and borders itself unless told not to; colour is ours to decide.
  const style = { head: [], border: [], 'padding-left': 0, 'padding-right': 0 };
  const table = new Table({ head, chars: PLAIN, style });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
