/**
 * A small seeded PRNG (mulberry32) so the same seed string always yields the same demo data and
 * the same fault rolls. Not for anything secret.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A string of `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string;
  /** The internal state, to persist and resume the sequence later. */
  state(): number;
}

/** Creates a PRNG from a seed string (hashed) or a saved numeric state. */
export function createRandom(seed: string | number): Random {
  let s = typeof seed === 'number' ? seed >>> 0 : hashSeed(seed);
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(0, items.length - 1)]!,
    string: (length, alphabet) =>
      Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join(''),
    state: () => s,
  };
}

/** Hashes a string to a 32-bit unsigned integer (FNV-1a). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
