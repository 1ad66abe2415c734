/**
 * A map that keeps at most `max` entries, dropping the least recently used: what an instance
 * remembers per person (their server setup, their portal client) stays bounded however many
 * people sign in.
 */
export function boundedMap<K, V>(max: number) {
  const entries = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key: K, value: V): void {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > max) entries.delete(entries.keys().next().value as K);
    },
    delete(key: K): void {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
