import { stringify } from 'csv-stringify/sync';

/**
 * How a cell a spreadsheet would run as a formula starts: OWASP's list
 * (https://owasp.org/www-community/attacks/CSV_Injection), with the full-width forms that some
 * spreadsheets read alike.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Rows as CSV for a spreadsheet, the header first. A text cell that starts like a formula gets a
 * leading `'` and is quoted, as OWASP advises: a machine named `=HYPERLINK(...)` is shown, not
 * run. Other cells are written as they are (`,enrolled,` can still be grepped); `--json` keeps the
 * raw values. (csv-stringify's `escape_formulas` adds the `'` but cannot quote the cell.)
 */
export function spreadsheetCsv(columns: readonly string[], rows: readonly unknown[][]): string {
  return stringify(rows as unknown[][], {
    header: true,
    columns: [...columns],
    cast: {
      string: (value) => (FORMULA_START.test(value) ? { value: `'${value}`, quoted: true } : value),
    },
  });
}
