/**
 * Dates as the Go CLI prints them: `time.Time.Format(time.ANSIC)` (`Mon Jan _2 15:04:05 2006`) of
 * the time Go's JSON decoder read from the API, which keeps the UTC offset the text had.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What Go prints for a date the response did not have (the zero `time.Time`). */
export const GO_ZERO_TIME = 'Mon Jan  1 00:00:00 0001';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?$/;

/**
 * An API date in Go's ANSIC layout. Go keeps the offset the text gives, so the clock reading is the
 * text's own (no conversion to UTC or local time). A missing date is Go's zero time. Two leniencies
 * where Go would fail to decode the whole response: a date without an offset is read as it is,
 * and a text that is not a date is returned unchanged.
 */
export function formatAnsic(value: unknown): string {
  if (value === undefined || value === null || value === '') return GO_ZERO_TIME;
  const text = String(value);
  const m = RFC3339.exec(text);
  if (!m) return text;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Built as UTC only to get the weekday; Date.UTC maps years 0-99 to 1900-1999, setUTCFullYear not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return text;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[month - 1]} ${String(day).padStart(2, ' ')} ${two(hour)}:${two(minute)}:${two(second)} ${String(year).padStart(4, '0')}`;
}
