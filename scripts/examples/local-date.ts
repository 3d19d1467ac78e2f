/**
 * Calendar dates of the examples. The templates hold calendar dates and the converter writes them as local midnight
 * in the publisher's time zone (DESIGN §4), so the JSON must carry exactly that: "2024-03-31T00:00:00-06:00".
 */

/** Adds days to a YYYY-MM-DD date. */
export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * One formatter per zone: making one costs ~0.1 ms, and the synthetic publications of the tests and benches ask
 * for thousands of dates (~0.8 s of a 4,000-release test's set-up).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset in minutes of `timeZone` at an instant (negative west of Greenwich). */
function offsetMinutes(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) formatters.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  const name = format
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Local midnight of a calendar date as ISO 8601 with the zone's offset on that day (Mexico kept daylight saving
 * time until October 2022, so mid-2022 dates carry -05:00 and later ones -06:00 in central Mexico).
 */
export function localMidnight(ymd: string, timeZone: string): string {
  const utcMidnight = Date.parse(`${ymd}T00:00:00Z`);
  // Two passes: the offset at the guessed instant, then at the instant that offset implies.
  let offset = offsetMinutes(utcMidnight, timeZone);
  offset = offsetMinutes(utcMidnight - offset * 60_000, timeZone);
  return `${ymd}T00:00:00${formatOffset(offset)}`;
}
