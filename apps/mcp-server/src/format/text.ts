import { cell, pick } from './compact.js';

/**
 * Renders rows as a compact pipe table with a header; blank cells stay blank. A column with the
 * same value in every row (of three or more) is said once above the table instead.
 */
export function table(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): string {
  const value = (r: Record<string, unknown>, c: string) => r[c] ?? pick(r, c);
  const used = columns.filter((c) => rows.some((r) => value(r, c) !== undefined));
  const constant =
    rows.length >= 3
      ? used.filter(
          (c) =>
            c !== 'id' && rows.every((r) => cell(value(r, c)) === cell(value(rows[0] ?? {}, c))),
        )
      : [];
  const shown = used.filter((c) => !constant.includes(c));
  const same = constant.length
    ? `same in every row: ${constant.map((c) => `${shortName(c)} ${cell(value(rows[0] ?? {}, c))}`).join(', ')}\n`
    : '';
  const header = shown.map(shortName).join(' | ');
  const lines = rows.map((r) => shown.map((c) => cell(value(r, c))).join(' | '));
  return same + [header, ...lines].join('\n');
}

/** Renders one compact object as `key: value` lines, nested objects as `key.sub: value`. */
export function lines(value: Record<string, unknown>, maxLines = 40): string {
  const out: string[] = [];
  const visit = (prefix: string, v: unknown, depth: number) => {
    if (out.length >= maxLines) return;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const isRef =
        depth > 0 && Object.keys(o).every((k) => k === 'id' || k === 'name' || k === 'createdDate');
      if (isRef || depth >= 2) {
        out.push(`${prefix}: ${cell(o, 80)}`);
        return;
      }
      for (const [k, sub] of Object.entries(o))
        visit(prefix ? `${prefix}.${k}` : k, sub, depth + 1);
      return;
    }
    if (Array.isArray(v)) {
      const scalar = v.every((x) => typeof x !== 'object');
      out.push(
        `${prefix}: ${scalar ? cell(v, 120) : `${v.length} item${v.length === 1 ? '' : 's'}: ${cell(v, 120)}`}`,
      );
      return;
    }
    out.push(`${prefix}: ${cell(v, 200)}`);
  };
  visit('', value, 0);
  return out.join('\n');
}

function shortName(column: string): string {
  return column.endsWith('.name') ? column.slice(0, -5) : column;
}
