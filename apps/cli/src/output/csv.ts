import { stringify } from 'csv-stringify/sync';

/**
 * Rows as CSV for a spreadsheet, the header first. As OWASP advises against CSV injection
 * (https://owasp.org/www-community/attacks/CSV_Injection), a cell that starts like a formula
 * (`=`, `+`, `-`, `@`, tab, CR, or their full-width forms) gets a leading `'` and text cells are
 * quoted: a machine named `=HYPERLINK(...)` is shown, not run. `--json` keeps the raw value.
 */
export function spreadsheetCsv(columns: readonly string[], rows: readonly unknown[][]): string {
  return stringify(rows as unknown[][], {
    header: true,
    columns: [...columns],
    escape_formulas: true,
    quoted_string: true,
  });
}
