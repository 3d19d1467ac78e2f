/**
 * An implementer's commitment is an update every `periodicityDays` (Publisher.commitment). The period runs from its
 * last publication or, before its first, from its registration: a body registered this morning was «Atrasado» on
 * Seguimiento and was sent a reminder at once. Shared by the reminders (workflow/notifications.ts) and the board.
 */
const DAY_MS = 86_400_000;

export interface UpdateClock {
  lastPublishedAt: string | null | undefined;
  /** Absent for publishers registered before the date was kept: never published, they are late. */
  registeredAt: string | null | undefined;
  periodicityDays: number;
}

/** When the next publication is due (ms since the epoch); undefined: due already (see `registeredAt`). */
export function updateDueAt(clock: UpdateClock): number | undefined {
  const from = clock.lastPublishedAt ?? clock.registeredAt;
  return from ? Date.parse(from) + clock.periodicityDays * DAY_MS : undefined;
}

export function isLate(clock: UpdateClock, now: number): boolean {
  const due = updateDueAt(clock);
  return due === undefined || now > due;
}
