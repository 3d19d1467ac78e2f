/**
 * The months of the coordinators' monthly report (*Informe mensual*), written aaaa-mm. A month is Mexico City's: an
 * approval at 21:00 on 30 November there is 03:00 on 1 December in UTC, and the coordinator reports it in November.
 * Pure: no I/O, no Intl.
 */
import { mexicoCityDay } from '../format/es-mx';
import { DEFAULT_TIME_ZONE, localMidnight } from '../unflatten/time-zone';

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

/** The Mexico City month an instant (ms) belongs to. */
export function monthOf(t: number): string {
  return mexicoCityDay(t).slice(0, 7);
}

export function previousMonth(month: string): string {
  const [y, m] = parts(month);
  return m === 1 ? written(y - 1, 12) : written(y, m - 1);
}

export function nextMonth(month: string): string {
  const [y, m] = parts(month);
  return m === 12 ? written(y + 1, 1) : written(y, m + 1);
}

/** The month a report opens on: the last one that is over in Mexico City at `now`. */
export function lastCompleteMonth(now: number): string {
  return previousMonth(monthOf(now));
}

/** The instants (ISO 8601, UTC) the month runs between in Mexico City: from its first midnight, up to the next month's. */
export function monthBounds(month: string): { start: string; end: string } {
  const instant = (mm: string): string => {
    const [y, m] = parts(mm);
    return new Date(Date.parse(localMidnight(DEFAULT_TIME_ZONE, y, m, 1))).toISOString();
  };
  return { start: instant(month), end: instant(nextMonth(month)) };
}

/** «noviembre de 2026». */
export function monthLabel(month: string): string {
  const [y, m] = parts(month);
  return `${MONTH_NAMES[m - 1]} de ${y}`;
}
