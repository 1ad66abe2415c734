import { cell } from '../output/sanitize.js';

/**
 * A server string as the output helpers show it in a cell: one line, terse, and with every
 * control character made visible by the CLI's sanitizer (`output/sanitize.ts`), for the places
 * `status` writes outside a table (the plugin line).
 */
export const safeText = (value: unknown): string => cell(value);
