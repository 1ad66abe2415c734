/** Date helpers for seeding and billing; everything is UTC. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** ISO 8601 with milliseconds and `Z`. */
export const iso = (ms: number | Date) => new Date(ms).toISOString();

/** Midnight UTC of the day `ms` falls in. */
export const startOfDay = (ms: number) => Math.floor(ms / DAY) * DAY;

/** `YYYY-MM-DD` of an instant. */
export const dateOnly = (ms: number) => iso(ms).slice(0, 10);

/** The first day of the month of `ms`, moved by `months`, as `YYYY-MM-DD`. */
export function monthStart(ms: number, months = 0): string {
  const d = new Date(ms);
  return dateOnly(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

/** Adds whole months to a `YYYY-MM-DD` date (always a first of month in practice). */
export function addMonths(date: string, months: number): string {
  return monthStart(Date.parse(`${date}T00:00:00Z`), months);
}

/** Parses a strict `YYYY-MM-DD` date; undefined when it is not one or not a real day. */
export function parseDateOnly(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || dateOnly(ms) !== text ? undefined : ms;
}

/**
 * Parses an ISO 8601 date or date-time; a date-time without an offset is read as UTC (as the
 * portal does), not as the host's local time. Undefined when it is not such a date.
 */
export function parseIsoUtc(text: string): number | undefined {
  const match = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
    text.trim(),
  );
  if (!match) return undefined;
  const withZone = match[1] && !match[4] ? `${text.trim()}Z` : text.trim();
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}
