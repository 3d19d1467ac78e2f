/**
 * An implementer's commitment is an update every `periodicityDays` (Publisher.commitment). The period runs from its
 * last update or, before its first publication, from its registration: a body registered this morning was
 * «Atrasado» on Seguimiento and was sent a reminder at once. Its last update is its last publication, or a later
 * approval of a submission identical to what is published (`confirmedAt`): the implementer confirmed its data
 * current, and stayed «Atrasado» and reminded when only publications that changed something counted.
 * Shared by the reminders (workflow/notifications.ts), /api/tracking and the board (*Seguimiento*).
 */
const DAY_MS = 86_400_000;

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

/** Whole days since the last update (never negative); null before the first. */
export function daysSinceUpdate(clock: Pick<UpdateClock, 'lastPublishedAt' | 'confirmedAt'>, now: number): number | null {
  const last = lastUpdateAt(clock);
  return last === null ? null : Math.max(0, Math.floor((now - Date.parse(last)) / DAY_MS));
}

/** When the next update is due (ms since the epoch); undefined: due already (see `registeredAt`). */
export function updateDueAt(clock: UpdateClock): number | undefined {
  const from = lastUpdateAt(clock) ?? clock.registeredAt;
  return from ? Date.parse(from) + clock.periodicityDays * DAY_MS : undefined;
}

export function isLate(clock: UpdateClock, now: number): boolean {
  const due = updateDueAt(clock);
  return due === undefined || now > due;
}

/**
 * Whole days past the due date of the next update (0 while on time); null when late with no date to count from (never
 * published, registered before the date was kept). Seguimiento said «Atrasado» alone, and a coordinator reporting to
 * the board worked out from «Días sin actualizar» and the periodicity how late each one was — impossible for one
 * that never published («Sin dato»).
 */
export function daysLate(clock: UpdateClock, now: number): number | null {
  const due = updateDueAt(clock);
  return due === undefined ? null : Math.max(0, Math.floor((now - due) / DAY_MS));
}
