/**
 * Helpers of the generators. The packages' `scripts/generated.ts` say what they generate; this
 * package writes it all (`pnpm generate`) and checks it (test/stale.test.ts).
 */

/**
 * `text` with the lines between `<!-- name:start -->` and `<!-- name:end -->` replaced by `body`.
 * Throws when the markers are missing, so a README edit cannot silently drop a table.
 */
export function replaceSection(text, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`no ${start} ... ${end} section`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}
