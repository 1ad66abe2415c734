import { describe, expect, it } from 'vitest';
import { formatAnsic, GO_ZERO_TIME } from '../src/go/ansic.js';
import { cellText, goTable } from '../src/go/table.js';
import { GO_CLI_TABWRITER, type TabwriterOptions, tabwrite } from '../src/go/tabwriter.js';

const dots = (minwidth: number, padding: number): TabwriterOptions => ({
  minwidth,
  tabwidth: 0,
  padding,
  padchar: '.',
});

describe("the port of Go's text/tabwriter", () => {
  // Cases of Go's own tabwriter tests (src/text/tabwriter/tabwriter_test.go) with flags 0: the
  // port must agree with Go on each.
  it.each([
    ['empty text', dots(8, 1), '', ''],
    ['only line breaks', dots(8, 1), '\n\n\n', '\n\n\n'],
    ['lines without tabs', dots(8, 1), 'a\nb\nc', 'a\nb\nc'],
    ['a tab ending an empty last cell prints nothing', dots(8, 1), '\t', ''],
    ['the last line keeps no padding after its last text', dots(8, 1), '*\t*', '*.......*'],
    ['a trailing tab on the unfinished last line is no cell', dots(8, 1), '*\t*\t', '*.......*'],
    ['an empty cell is padded to the column width', dots(8, 1), '\t\n', '........\n'],
    [
      'a line ended by a newline pads its trailing tab',
      dots(8, 1),
      'e) foo\tbar\t\n',
      'e) foo..bar.....\n',
    ],
    ['the text after the last tab is not padded', dots(8, 1), 'd) foo\tbar\n', 'd) foo..bar\n'],
    [
      'columns as wide as their widest cell',
      dots(1, 0),
      '1\t2\t3\t4\n11\t222\t3333\t44444\n',
      '1.2..3...4\n11222333344444\n',
    ],
    [
      'a form feed ends the block',
      dots(1, 0),
      '1\t2\t3\t4\f11\t222\t3333\t44444\n',
      '1234\n11222333344444\n',
    ],
    ['minwidth', dots(5, 0), '1\t2\t3\t4\t\n', '1....2....3....4....\n'],
    [
      'widths in runes, not bytes',
      dots(8, 1),
      '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n',
      '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n',
    ],
    [
      'a shorter line ends the blocks of the columns it lacks',
      { minwidth: 4, tabwidth: 0, padding: 1, padchar: '-' },
      '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
      '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n',
    ],
    [
      'tab padding to tab stops (minwidth 8, tabwidth 8, padding 1)',
      GO_CLI_TABWRITER,
      '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
      '4444\t\t333\t22\t1\t333\n999999999\t22\n7\t\t22\n\t\t\t\t88888888\n\n666666\t666666\t666666\t\t4444\n1\t1\t999999999\t0000000000\n',
    ],
    ['an empty column between two', dots(4, 0), 'a\t\tb', 'a.......b'],
    [
      'tab width 100',
      { minwidth: 100, tabwidth: 100, padding: 0, padchar: '\t' },
      'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
      'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    ],
  ])('%s', (_name, options, input, expected) => {
    expect(tabwrite(input, options)).toBe(expected);
  });

  it('pads a cell exactly as wide as a tab stop with one more tab', () => {
    // "12345678" is 8 wide, 9 with padding: the column is 16, so one tab takes it there.
    expect(tabwrite('12345678\tx\nab\ty\n')).toBe('12345678\tx\nab\t\ty\n');
  });

  it('sizes the last column by its widest cell, and never pads the text after it', () => {
    expect(tabwrite('ID\tName\tUrl\n1\ta-very-long-name-indeed\thttp://x/1\n')).toBe(
      'ID\tName\t\t\tUrl\n1\ta-very-long-name-indeed\thttp://x/1\n',
    );
  });

  it('refuses settings Go would refuse', () => {
    expect(() => tabwrite('a', { ...GO_CLI_TABWRITER, minwidth: -1 })).toThrow(RangeError);
    expect(() => tabwrite('a', { ...GO_CLI_TABWRITER, padchar: '' })).toThrow(RangeError);
  });
});

describe("the Go CLI's table", () => {
  it('prints the header, a dashes row as long as each header, and the rows', () => {
    expect(
      goTable(
        ['ID', 'Name', 'Creation date', 'Url'],
        [[412, 'web-07', 'Fri Mar 14 12:00:00 2025', 'http://h/v1/bunits/11/consumers/412']],
      ),
    ).toBe(
      'ID\tName\tCreation date\t\t\tUrl\n' +
        '--\t----\t-------------\t\t\t---\n' +
        '412\tweb-07\tFri Mar 14 12:00:00 2025\thttp://h/v1/bunits/11/consumers/412\n',
    );
  });

  it('an empty list is the header and the dashes', () => {
    expect(goTable(['ID', 'Name', 'Url'], [])).toBe('ID\tName\tUrl\n--\t----\t---\n');
  });

  it('keeps empty cells as columns', () => {
    expect(goTable(['ID', 'Name', 'Description', 'Url'], [[1, 'A', '', 'u']])).toBe(
      'ID\tName\tDescription\tUrl\n--\t----\t-----------\t---\n1\tA\t\t\tu\n',
    );
  });

  it("never lets a server's text break a cell or reach the terminal raw", () => {
    const hostile = 'evil\tname\nnext\u001b[31mred\u009b\u202e';
    expect(cellText(hostile)).toBe('evil\u2409name\u240anext\u241b[31mred<U+009B><U+202E>');
    const table = goTable(['ID', 'Name'], [[1, hostile]]);
    expect(table.split('\n')).toHaveLength(4);
    for (const raw of ['\u001b', '\u009b', '\u202e', 'evil\tname'])
      expect(table).not.toContain(raw);
  });
});

describe("dates in Go's time.ANSIC layout", () => {
  it.each([
    ['2025-03-14T12:00:00.000Z', 'Fri Mar 14 12:00:00 2025'],
    ['2025-03-04T09:05:07Z', 'Tue Mar  4 09:05:07 2025'],
    // Go keeps the offset of the text: the clock reading is the text's own.
    ['2023-07-09T15:10:20.133+02:00', 'Sun Jul  9 15:10:20 2023'],
    ['2024-02-29T23:59:59-05:00', 'Thu Feb 29 23:59:59 2024'],
    ['0001-01-01T00:00:00Z', GO_ZERO_TIME],
    ['2022-06-10T06:33:19.337', 'Fri Jun 10 06:33:19 2022'],
  ])('%s is %s', (text, expected) => {
    expect(formatAnsic(text)).toBe(expected);
  });

  it("a missing date is Go's zero time; a text that is no date stays as it is", () => {
    expect(formatAnsic(undefined)).toBe('Mon Jan  1 00:00:00 0001');
    expect(formatAnsic('')).toBe(GO_ZERO_TIME);
    expect(formatAnsic('yesterday')).toBe('yesterday');
    expect(formatAnsic('2025-02-30T00:00:00Z')).toBe('2025-02-30T00:00:00Z');
  });
});
