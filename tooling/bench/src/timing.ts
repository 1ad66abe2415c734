/** Times one run of `fn` in milliseconds. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs `count` tasks with at most `limit` in flight and resolves when all are done. Used to load a
 * server with a fixed concurrency rather than an unbounded burst.
 */
export async function runConcurrently(
  count: number,
  limit: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/**
 * Runs the variants in turn for `rounds` rounds (so drift in the machine's speed hits all of them
 * alike), each resolving the milliseconds it measured; returns each variant's median.
 */
export async function alternatingMedians<K extends string>(
  variants: Record<K, () => Promise<number>>,
  rounds: number,
): Promise<Record<K, number>> {
  const keys = Object.keys(variants) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const key of keys) samples[key].push(await variants[key]());
  }
  return Object.fromEntries(keys.map((k) => [k, median(samples[k])])) as Record<K, number>;
}
