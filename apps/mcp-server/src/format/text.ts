import { cellText, columnValue } from '@cloutapi/resources';

/**
 * Renders rows as a compact pipe table with a header; blank cells stay blank. With three rows or
 * more, a column with the same value in every row is said once above the table instead, and so
 * are the words a column's every row starts with (a log's subject, a shared date).
 */
export function table(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): string {
  const value = (r: Record<string, unknown>, c: string) => r[c] ?? columnValue(r, c);
  const used = columns.filter((c) => rows.some((r) => value(r, c) !== undefined));
  const constant =
    rows.length >= 3
      ? used.filter(
          (c) =>
            c !== 'id' &&
            rows.every((r) => cellText(value(r, c)) === cellText(value(rows[0] ?? {}, c))),
        )
      : [];
  const shown = used.filter((c) => !constant.includes(c));
  const same = constant.length
    ? `same in every row: ${constant.map((c) => `${shortName(c)} ${cellText(value(rows[0] ?? {}, c))}`).join(', ')}\n`
    : '';
  const starts = new Map<string, string>();
  if (rows.length >= 3)
    for (const c of shown) {
      const start = sharedStart(rows.map((r) => cellText(value(r, c))));
      if (c !== 'id' && start) starts.set(c, start);
    }
  const started = starts.size
    ? `same start in every row: ${[...starts].map(([c, s]) => `${shortName(c)} "${s} …"`).join(', ')}\n`
    : '';
  const header = shown.map(shortName).join(' | ');
  const lines = rows.map((r) =>
    shown
      .map((c) => {
        const text = cellText(value(r, c));
        const start = starts.get(c);
        return start ? text.slice(start.length + 1) : text;
      })
      .join(' | '),
  );
  return same + started + [header, ...lines].join('\n');
}

/**
 * The whole words every text starts with, when worth saying once (8 characters or more) and
 * every text goes on after them.
 */
function sharedStart(texts: readonly string[]): string {
  let prefix = texts[0] ?? '';
  for (const text of texts) {
    let i = 0;
    while (i < prefix.length && prefix[i] === text[i]) i++;
    prefix = prefix.slice(0, i);
    if (!prefix) return '';
  }
  const start = prefix.slice(0, Math.max(0, prefix.lastIndexOf(' ')));
  return start.length >= 8 &&
    texts.every((t) => t[start.length] === ' ' && t.length > start.length + 1)
    ? start
    : '';
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
        out.push(`${prefix}: ${cellText(o)}`);
        return;
      }
      for (const [k, sub] of Object.entries(o))
        visit(prefix ? `${prefix}.${k}` : k, sub, depth + 1);
      return;
    }
    out.push(`${prefix}: ${cellText(v)}`);
  };
  visit('', value, 0);
  return out.join('\n');
}

function shortName(column: string): string {
  return column.endsWith('.name') ? column.slice(0, -5) : column;
}
