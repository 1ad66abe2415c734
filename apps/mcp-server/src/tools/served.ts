import type { Unserved } from './selection.js';

/**
 * Keeps what a model reads about other tools true for the tools this server serves: a
 * description never points at a tool the toolsets or read-only mode removed, and an error that
 * names one says it is not served.
 */

const mentions = (names: Iterable<string>) => {
  const list = [...names];
  return list.length ? new RegExp(`\\b(${list.join('|')})\\b`, 'g') : undefined;
};

/**
 * A description without the tools that are not served: a "(from a or b)" keeps the served
 * alternatives (or goes), and a sentence naming an unserved tool keeps what it says before the
 * clause that names it (or goes).
 */
export function fitDescription(text: string, unserved: ReadonlyMap<string, Unserved>): string {
  const pattern = mentions(unserved.keys());
  if (!pattern) return text;
  const names = (t: string) =>
    [...t.matchAll(/\b[a-z]+(?:_[a-z]+)+\b|\bwhoami\b/g)].map((m) => m[0]);
  const isUnserved = (t: string) => unserved.has(t);
  const fitted = text.replace(/ ?\(([^()]*)\)/g, (whole, inner: string) => {
    if (!names(inner).some(isUnserved)) return whole;
    const served = names(inner).filter((n) => !isUnserved(n));
    return /^from /.test(inner) && served.length ? ` (from ${served.join(' or ')})` : '';
  });
  const cut = (sentence: string) => {
    const first = names(sentence).find(isUnserved);
    if (!first) return sentence;
    const head = sentence.slice(0, sentence.search(new RegExp(`\\b${first}\\b`)));
    const stop = Math.max(
      head.lastIndexOf(';'),
      head.lastIndexOf(', '),
      head.lastIndexOf(' with '),
    );
    return stop > 20 ? `${head.slice(0, stop).trimEnd()}.` : '';
  };
  return fitted
    .split(/(?<=[.!?])\s+/)
    .map(cut)
    .filter(Boolean)
    .join(' ');
}

/** A text (an error, a result) with each unserved tool it names marked as such. */
export function markUnserved(text: string, unserved: ReadonlyMap<string, Unserved>): string {
  const pattern = mentions(unserved.keys());
  if (!pattern) return text;
  return text.replace(pattern, (name) => `${name} (${unserved.get(name)?.short})`);
}
