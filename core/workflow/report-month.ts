/**
 * The months of the coordinators' monthly report (*Informe mensual*), written aaaa-mm. A month is the state's, on the
 * clock of its capital (stateTimeZone): an approval at 21:00 on 30 November in Mexico City is 03:00 on 1 December in
 * UTC, and the coordinator reports it in November. Cut on Mexico City's clock for every state, a send from Tijuana at
 * 23:00 on 30 November (01:00 of 1 December in Mexico City) counted in December; and in Cancún, at 00:30 of 1 December,
 * November was «en curso» and the report opened on October. Pure: no I/O, no Intl.
 */
import { canonicalState } from './mexican-states';
import { DEFAULT_TIME_ZONE, localMidnight, wallClock } from '../unflatten/time-zone';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const MONTH_NAMES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** Whether `text` is a month written aaaa-mm (2026-11). */
export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

const parts = (month: string): [number, number] => {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`«${month}» no es un mes escrito como aaaa-mm, por ejemplo 2026-11.`);
  return [Number(m[1]), Number(m[2])];
};
const written = (y: number, m: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;

/**
 * The states whose capital keeps another clock than Mexico City's (their time zone, IANA). A state has one month for its
 * report: its capital's, where its coordination (the Organismo Garante) sits — Chihuahua's, not Ciudad Juárez's, and
 * Nayarit's Tepic, not Bahía de Banderas.
 */
const STATE_ZONES: Readonly<Record<string, string>> = {
  'Baja California': 'America/Tijuana', 'Baja California Sur': 'America/Mazatlan', Sinaloa: 'America/Mazatlan',
  Nayarit: 'America/Mazatlan', Sonora: 'America/Hermosillo', Chihuahua: 'America/Chihuahua', 'Quintana Roo': 'America/Cancun',
};

/** The time zone a state's months are cut in: its capital's; Mexico City's for the rest, and for a text naming none. */
export function stateTimeZone(state: string | undefined): string {
  const named = state === undefined ? undefined : canonicalState(state);
  return (named !== undefined && STATE_ZONES[named]) || DEFAULT_TIME_ZONE;
}

/**
 * The zone where a month ends last (UTC−8, and −7 in summer): a month is over in every state once it is over there.
 * Tijuana's clock is behind every other of the country's all year.
 */
export const LAST_ZONE = 'America/Tijuana';

/** The calendar day (aaaa-mm-dd) an instant (ms) falls on, on `zone`'s clock (Mexico City's unless given). */
export function dayOf(t: number, zone: string = DEFAULT_TIME_ZONE): string {
  return new Date(wallClock(t, zone) ?? t).toISOString().slice(0, 10);
}

/** The month an instant (ms) belongs to on `zone`'s clock (Mexico City's unless given). */
export function monthOf(t: number, zone: string = DEFAULT_TIME_ZONE): string {
  return dayOf(t, zone).slice(0, 7);
}

export function previousMonth(month: string): string {
  const [y, m] = parts(month);
  return m === 1 ? written(y - 1, 12) : written(y, m - 1);
}

export function nextMonth(month: string): string {
  const [y, m] = parts(month);
  return m === 12 ? written(y + 1, 1) : written(y, m + 1);
}

/** The month a report opens on: the last one that is over at `now` on `zone`'s clock. */
export function lastCompleteMonth(now: number, zone: string = DEFAULT_TIME_ZONE): string {
  return previousMonth(monthOf(now, zone));
}

/** The instants (ISO 8601, UTC) the month runs between on `zone`'s clock: from its first midnight, up to the next month's. */
export function monthBounds(month: string, zone: string = DEFAULT_TIME_ZONE): { start: string; end: string } {
  const instant = (mm: string): string => {
    const [y, m] = parts(mm);
    return new Date(Date.parse(localMidnight(zone, y, m, 1))).toISOString();
  };
  return { start: instant(month), end: instant(nextMonth(month)) };
}

/** «noviembre de 2026». */
export function monthLabel(month: string): string {
  const [y, m] = parts(month);
  return `${MONTH_NAMES[m - 1]} de ${y}`;
}
