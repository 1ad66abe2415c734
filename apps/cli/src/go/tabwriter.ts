/**
 * The cell-width algorithm of Go's `text/tabwriter` (elastic tabstops), so that the Go CLI's
 * commands print the same bytes as the Go CLI. Written from the package's documentation and
 * behaviour; covers what the Go CLI uses (left alignment, no HTML filter, no escapes, no flags).
 *
 * - Text is lines (ended by `\n`, or `\f`, which also ends a block) of cells ended by `\t` or `\v`.
 *   The last cell of a line is not ended by a tab: it belongs to no column and is never padded.
 * - A column block is a run of adjacent lines that all have a tab-ended cell in that column; its
 *   width is the widest cell (in Unicode code points, as Go counts runes) plus `padding`, at least
 *   `minwidth`. A line with fewer cells ends the blocks of the columns it lacks.
 * - With padchar `\t`, a cell is padded with tabs up to the next multiple of `tabwidth` at or
 *   after its column width (at least one tab); with another padchar, with that character.
 * - The last line, when the text does not end with a line break, is written without one; an
 *   empty cell at its end is no cell at all.
 */

/** The settings of `tabwriter.Writer.Init` that the Go CLI's output depends on. */
export interface TabwriterOptions {
  /** Minimal cell width, padding included. */
  minwidth: number;
  /** Width of a tab in the output (the tab stops). */
  tabwidth: number;
  /** Added to a cell's width before the column width is taken. */
  padding: number;
  /** One character to pad with; `\t` pads with tabs to the tab stops. */
  padchar: string;
}

/** `tabwriter.NewWriter(os.Stdout, 8, 8, 1, '\t', 0)`, as every command of the Go CLI uses. */
export const GO_CLI_TABWRITER: TabwriterOptions = {
  minwidth: 8,
  tabwidth: 8,
  padding: 1,
  padchar: '\t',
};

interface Cell {
  text: string;
  width: number;
}

/** Aligns tab-separated text as Go's `text/tabwriter` does with `options` and flags 0. */
export function tabwrite(text: string, options: TabwriterOptions = GO_CLI_TABWRITER): string {
  if (options.minwidth < 0 || options.tabwidth < 0 || options.padding < 0)
    throw new RangeError('tabwrite: minwidth, tabwidth and padding must not be negative');
  if ([...options.padchar].length !== 1)
    throw new RangeError('tabwrite: padchar must be one character');
  const { lines, blockEnds } = splitCells(text);
  const out: string[] = [];
  let start = 0;
  for (const end of [...blockEnds, lines.length]) {
    if (end > start) format(lines, options, [], start, end, out);
    start = end;
  }
  return out.join('');
}

/** The lines of `text` as cells, and the line indexes after which a `\f` ended a block. */
function splitCells(text: string): { lines: Cell[][]; blockEnds: number[] } {
  const lines: Cell[][] = [[]];
  const blockEnds: number[] = [];
  let cell = '';
  const end = () => {
    (lines[lines.length - 1] as Cell[]).push({ text: cell, width: runes(cell) });
    cell = '';
  };
  for (const ch of text) {
    if (ch === '\t' || ch === '\v') {
      end();
    } else if (ch === '\n' || ch === '\f') {
      end();
      lines.push([]);
      if (ch === '\f') blockEnds.push(lines.length - 1);
    } else {
      cell += ch;
    }
  }
  // The unfinished last line: an empty text after its last tab is no cell.
  if (cell !== '') end();
  return { lines, blockEnds };
}

/**
 * Writes lines [line0, line1) whose columns left of `widths.length` are sized: finds each block of
 * the next column, sizes it, and recurses into it for the columns to its right.
 */
function format(
  lines: Cell[][],
  options: TabwriterOptions,
  widths: number[],
  line0: number,
  line1: number,
  out: string[],
): void {
  const column = widths.length;
  let pending = line0;
  for (let i = line0; i < line1; i++) {
    if (column >= (lines[i] as Cell[]).length - 1) continue;
    // A block of this column starts here: the lines before it are complete.
    writeLines(lines, options, widths, pending, i, out);
    pending = i;
    let width = options.minwidth;
    for (; i < line1; i++) {
      const line = lines[i] as Cell[];
      if (column >= line.length - 1) break;
      width = Math.max(width, (line[column] as Cell).width + options.padding);
    }
    widths.push(width);
    format(lines, options, widths, pending, i, out);
    widths.pop();
    pending = i;
  }
  writeLines(lines, options, widths, pending, line1, out);
}

function writeLines(
  lines: Cell[][],
  options: TabwriterOptions,
  widths: readonly number[],
  line0: number,
  line1: number,
  out: string[],
): void {
  for (let i = line0; i < line1; i++) {
    const line = lines[i] as Cell[];
    line.forEach((cell, j) => {
      out.push(cell.text);
      if (j < widths.length) out.push(padding(cell.width, widths[j] as number, options));
    });
    // Every line but the unfinished last one ends with a newline (a `\f` too).
    if (i + 1 < lines.length) out.push('\n');
  }
}

function padding(textWidth: number, cellWidth: number, options: TabwriterOptions): string {
  if (options.padchar === '\t') {
    // Tabs have no width: nothing can be padded.
    if (options.tabwidth === 0) return '';
    const stop = Math.ceil(cellWidth / options.tabwidth) * options.tabwidth;
    return '\t'.repeat(Math.ceil((stop - textWidth) / options.tabwidth));
  }
  return options.padchar.repeat(cellWidth - textWidth);
}

/** The width of a text as Go's tabwriter counts it: in runes (Unicode code points). */
function runes(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
