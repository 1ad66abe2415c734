const DAY = 86_400_000;

const UNITS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** Parses `36h`, `2d`, `90m`, `1d12h`, `45s` (s, m or min, h, d, w) to ms; undefined if not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?\s*(min|[smhdw])\s*)+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, value, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)\s*(min|[smhdw])/g))
    total += Number(value) * (UNITS[unit as string] as number);
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

/** An age in words, rounded down to its largest unit (`5 hours`); under a minute, `moments`. */
export function formatAge(ms: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (ms < 60_000) return 'moments';
  if (ms < 3_600_000) return unit(Math.floor(ms / 60_000), 'minute');
  if (ms < 2 * DAY) return unit(Math.floor(ms / 3_600_000), 'hour');
  return unit(Math.floor(ms / DAY), 'day');
}
