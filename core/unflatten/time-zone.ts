/**
 * UTC offsets of the Mexican IANA zones for a calendar date, without Intl (Apps Script's V8 has it, but its
 * tz data and our other runtimes may differ; a small table keeps every shell identical).
 *
 * Rules (tzdata 2023c+, simplified to what a calendar date at 00:00 local needs):
 * - Mexico abolished DST on 2022-10-30. Before that, "Mexican DST" ran from the first Sunday of April to the last
 *   Sunday of October (02:00 local, so midnight of the start day is still standard and of the end day still summer).
 * - Border zones (Tijuana, Ciudad Juárez, Ojinaga, Matamoros) follow US DST: second Sunday of March to the first
 *   Sunday of November (since 2007; earlier dates use the same rule, an accepted approximation).
 * - Cancún is -05:00 since 2015-02-01; Chihuahua moved to -06:00 all year on 2022-10-30, and Ciudad Juárez and
 *   Ojinaga with it until 2022-11-30, when they took the US rule again (Juárez from -07:00, Ojinaga from -06:00).
 * The 2001 Mexican exception (May–September) is approximated by the general rule.
 */
type Rule = 'none' | 'mexico' | 'us';
/**
 * `until`: the first day whose midnight is in the next period. The changes of 2022 and Cancún's of 2015 were at 02:00,
 * so their day's midnight is still the old period's (Ojinaga's, at 00:00, is not).
 */
interface Period { until?: string; standard: number; rule: Rule }

const MEXICO_CENTRAL: Period[] = [{ until: '2022-10-31', standard: -6, rule: 'mexico' }, { standard: -6, rule: 'none' }];

const ZONES: Record<string, Period[]> = {
  'America/Mexico_City': MEXICO_CENTRAL,
  'America/Monterrey': MEXICO_CENTRAL,
  'America/Merida': MEXICO_CENTRAL,
  'America/Bahia_Banderas': MEXICO_CENTRAL,
  'America/Cancun': [{ until: '2015-02-02', standard: -6, rule: 'mexico' }, { standard: -5, rule: 'none' }],
  'America/Chihuahua': [{ until: '2022-10-31', standard: -7, rule: 'mexico' }, { standard: -6, rule: 'none' }],
  'America/Mazatlan': [{ until: '2022-10-31', standard: -7, rule: 'mexico' }, { standard: -7, rule: 'none' }],
  'America/Hermosillo': [{ standard: -7, rule: 'none' }],
  'America/Tijuana': [{ standard: -8, rule: 'us' }],
  // Both followed Chihuahua's reform to -06:00 all year on 2022-10-30 and left it on 2022-11-30 (00:00) for the US
  // rule: Ciudad Juárez back to -07:00, Ojinaga at -06:00. That month was read with the US rule's offsets.
  'America/Ciudad_Juarez': [{ until: '2022-10-31', standard: -7, rule: 'us' }, { until: '2022-11-30', standard: -6, rule: 'none' }, { standard: -7, rule: 'us' }],
  'America/Ojinaga': [{ until: '2022-10-31', standard: -7, rule: 'us' }, { until: '2022-11-30', standard: -6, rule: 'none' }, { standard: -6, rule: 'us' }],
  'America/Matamoros': [{ standard: -6, rule: 'us' }],
  UTC: [{ standard: 0, rule: 'none' }],
  'Etc/UTC': [{ standard: 0, rule: 'none' }],
};

export const DEFAULT_TIME_ZONE = 'America/Mexico_City';

export function isKnownTimeZone(zone: string): boolean {
  return Object.prototype.hasOwnProperty.call(ZONES, zone);
}

/**
 * Older names tzdata keeps as links to a zone of the table (`backward`): a spreadsheet or a system set up years ago
 * may still give them, and they name the same clocks.
 */
const LINKS: Record<string, string> = {
  'mexico/general': 'America/Mexico_City', 'mexico/bajanorte': 'America/Tijuana', 'mexico/bajasur': 'America/Mazatlan',
  'america/ensenada': 'America/Tijuana', 'america/santa_isabel': 'America/Tijuana', 'etc/gmt': 'UTC', 'gmt': 'UTC',
};
const BY_LOWER = new Map(Object.keys(ZONES).map((z) => [z.toLowerCase(), z]));

/**
 * The zone of the table a name typed in «Configuración» stands for: as written, in other capitals or with spaces for
 * «_» («america/mexico city»), or an older name of it («Mexico/BajaNorte» is Tijuana). Each was «no se reconoce», and
 * the workbook's dates were published with Mexico City's offsets. Undefined for any other text.
 */
export function timeZoneNamed(text: string): string | undefined {
  const typed = text.trim();
  if (isKnownTimeZone(typed)) return typed;
  const key = typed.toLowerCase().replace(/\s+/g, '_');
  return BY_LOWER.get(key) ?? LINKS[key];
}

/**
 * Whether two zones give every date the same offset (America/Merida and America/Mexico_City: one table), so a date
 * cell read in either is the same instant.
 */
export function sameClock(a: string, b: string): boolean {
  return a === b || (isKnownTimeZone(a) && isKnownTimeZone(b) && ZONES[a] === ZONES[b]);
}

/** Day of month of the n-th (1-based; -1 = last) Sunday of a month (month 1–12). */
function nthSunday(year: number, month: number, n: number): number {
  if (n > 0) {
    const firstDow = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((7 - firstDow) % 7) + (n - 1) * 7;
  }
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** True when 00:00 local of this date falls in summer time: start < date <= end (transitions are at 02:00). */
function inDst(rule: Rule, y: number, m: number, d: number): boolean {
  if (rule === 'none') return false;
  const key = m * 100 + d;
  const [start, end] = rule === 'mexico'
    ? [400 + nthSunday(y, 4, 1), 1000 + nthSunday(y, 10, -1)]
    : [300 + nthSunday(y, 3, 2), 1100 + nthSunday(y, 11, 1)];
  return key > start && key <= end;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "-06:00" for America/Mexico_City on any date since 2022-10-30; undefined for a zone outside the table. */
export function utcOffset(zone: string, y: number, m: number, d: number): string | undefined {
  if (!isKnownTimeZone(zone)) return undefined;
  const periods = ZONES[zone];
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const period = periods.find((p) => p.until === undefined || iso < p.until) ?? periods[periods.length - 1];
  const hours = period.standard + (inDst(period.rule, y, m, d) ? 1 : 0);
  return `${hours < 0 ? '-' : '+'}${pad(Math.abs(hours))}:00`;
}

/**
 * The clock time an instant shows in `zone`, as the milliseconds of that same clock time in UTC — how a file gives a
 * date cell, and so how the engine reads one (parse-value.ts): 31/03/2024 10:30 in Mexico City, the instant
 * 2024-03-31T16:30Z, is 2024-03-31T10:30Z. Apps Script's getValues() gives the instant, in the spreadsheet's zone.
 * Undefined for a zone outside the table. The clock is the one whose offset (offsetAt) gives back the instant, so a
 * date-time read here is published as the same instant: «03/11/2024 23:59» in Tijuana read from the offset of its
 * UTC day's midnight came back as 04/11/2024 00:59.
 */
export function wallClock(instant: number, zone: string): number | undefined {
  if (!isKnownTimeZone(zone)) return undefined;
  const H = 3_600_000;
  const hoursAt = (t: number, hourOf = true): number => {
    const d = new Date(t);
    const args = [zone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()] as const;
    return Number((hourOf ? offsetAt(...args, d.getUTCHours()) : utcOffset(...args) as string).slice(0, 3));
  };
  // Each offset the zone has around that instant: the one that gives the instant back from the clock it shows.
  const candidates = [...new Set([-1, 0, 1].map((days) => hoursAt(instant + days * 24 * H, false)))].sort((a, b) => a - b);
  const fits = candidates.find((hours) => hoursAt(instant + hours * H) === hours);
  return instant + (fits ?? candidates[0]) * H;
}

/** ISO 8601 date-time of local midnight of a calendar date in `zone`. */
export function localMidnight(zone: string, y: number, m: number, d: number): string {
  return localDateTime(zone, y, m, d, 0, 0, 0);
}

/**
 * The offset of `zone`'s clocks at an hour of a calendar date. Clocks change at 02:00, so from that hour on a day the
 * offset is the next day's midnight's: «03/11/2024 23:59» in Tijuana is already standard time (-08:00). Every time of
 * a change day took the offset of its midnight, an hour off from 02:00 to the end of the day. A zone outside the
 * table gets Mexico City's.
 */
export function offsetAt(zone: string, y: number, m: number, d: number, hh: number): string {
  let [oy, om, od] = [y, m, d];
  if (hh >= 2) {
    // Not Date.UTC(y, …): it reads years 0–99 as 1900–1999.
    const next = new Date(Date.UTC(2000, m - 1, d + 1));
    [oy, om, od] = [y + next.getUTCFullYear() - 2000, next.getUTCMonth() + 1, next.getUTCDate()];
  }
  return utcOffset(zone, oy, om, od) ?? utcOffset(DEFAULT_TIME_ZONE, oy, om, od) as string;
}

/** ISO 8601 date-time of a time of day on a calendar date in `zone`, with the offset its clocks have then (offsetAt). */
export function localDateTime(zone: string, y: number, m: number, d: number, hh: number, mm: number, ss: number): string {
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}${offsetAt(zone, y, m, d, hh)}`;
}
