/**
 * An implementer's commitment is an update every `periodicityDays` (Publisher.commitment). The period runs from its
 * last update or, before its first publication, from its registration: a body registered this morning was
 * «Atrasado» on Seguimiento and was sent a reminder at once. Its last update is its last publication, or a later
 * approval of a submission identical to what is published (`confirmedAt`): the implementer confirmed its data
 * current, and stayed «Atrasado» and reminded when only publications that changed something counted.
 * Shared by the reminders (workflow/notifications.ts), /api/tracking and the board (*Seguimiento*).
 *
 * Days are Mexico City calendar days, as the coordinators live them and as the board writes its dates: counted in
 * 24-hour blocks, a publication at 23:30 was «0 días» at 08:00 the next morning, and the due date — a day — turned
 * «Atrasado» at the hour of the publication instead of when that day was over.
 */
import { mexicoCityDay } from '../format/es-mx';

const DAY_MS = 86_400_000;

/** The Mexico City calendar day of an instant, as a day number (days since 1970-01-01). */
function dayNumber(t: number): number {
  return Date.parse(`${mexicoCityDay(t)}T00:00:00Z`) / DAY_MS;
}

/** The day number by which the next update is due; undefined: due already (see `registeredAt`). */
function dueDayNumber(clock: UpdateClock): number | undefined {
  const from = Date.parse(lastUpdateAt(clock) ?? clock.registeredAt ?? '');
  return Number.isNaN(from) ? undefined : dayNumber(from) + clock.periodicityDays;
}

export interface UpdateClock {
  lastPublishedAt: string | null | undefined;
  /** The last approval that confirmed the published data without changing it (Publisher.confirmedAt). */
  confirmedAt?: string | null | undefined;
  /** Absent for publishers registered before the date was kept: never published, they are late. */
  registeredAt: string | null | undefined;
  periodicityDays: number;
}

/** The later of its last publication and its last confirmation; null before either. */
export function lastUpdateAt(clock: Pick<UpdateClock, 'lastPublishedAt' | 'confirmedAt'>): string | null {
  const { lastPublishedAt: published, confirmedAt: confirmed } = clock;
  if (!confirmed) return published ?? null;
  if (!published) return confirmed;
  return Date.parse(confirmed) > Date.parse(published) ? confirmed : published;
}

/** Calendar days since the day of the last update (never negative); null before the first. */
export function daysSinceUpdate(clock: Pick<UpdateClock, 'lastPublishedAt' | 'confirmedAt'>, now: number): number | null {
  const last = lastUpdateAt(clock);
  const at = last === null ? NaN : Date.parse(last);
  return Number.isNaN(at) ? null : Math.max(0, dayNumber(now) - dayNumber(at));
}

/**
 * The Mexico City calendar day (aaaa-mm-dd) by which the next update is due: `periodicityDays` after the day of the
 * last update (or registration); undefined: due already (see `registeredAt`).
 */
export function updateDueAt(clock: UpdateClock): string | undefined {
  const due = dueDayNumber(clock);
  return due === undefined ? undefined : new Date(due * DAY_MS).toISOString().slice(0, 10);
}

/** Late once the due day is over in Mexico City (an update on the due day itself is on time). */
export function isLate(clock: UpdateClock, now: number): boolean {
  const due = dueDayNumber(clock);
  return due === undefined || dayNumber(now) > due;
}

/**
 * Calendar days past the due day of the next update (0 while on time); null when late with no date to count from (never
 * published, registered before the date was kept). Seguimiento said «Atrasado» alone, and a coordinator reporting to
 * the board worked out from «Días sin actualizar» and the periodicity how late each one was — impossible for one
 * that never published («Sin dato»).
 */
export function daysLate(clock: UpdateClock, now: number): number | null {
  const due = dueDayNumber(clock);
  return due === undefined ? null : Math.max(0, dayNumber(now) - due);
}
