/**
 * The monthly report's «Intentos rechazados»: sends refused at the door for errors in the workbook (no submission is
 * made, so the month's log has no trace of them). Each refusal adds one to its implementer's count of the month
 * (functions/src/workflow/refused-sends.ts, Store.countRefusedAttempt), which the weekly clean-up of the refusals'
 * lines leaves alone, so a month's report gives the whole month however late it is read.
 *
 * Counting began when a version that counts first ran (Store.refusedCountsSince): a month over before then has no
 * count (null: «no se contaban», never a 0 that would read as «nobody was refused»), and the month it began in is
 * counted from that instant only, which the answer says. Pure: no I/O.
 */

/** The part of a month whose refused attempts are counted: from `from` (included) to `to` (excluded), ISO instants. */
export interface RefusedStretch { from: string; to: string }

/**
 * The stretch of the month [`start`, `end`) in which refusals were counted: from `since` (when counting began) or the
 * month's start, whichever is later, to the month's end or `now`; null when counting had not begun by its end
 * (`since` undefined: it has not begun at all).
 */
export function refusedStretch(start: string, end: string, now: number, since: string | undefined): RefusedStretch | null {
  if (since === undefined) return null;
  const from = Math.max(Date.parse(start), Date.parse(since));
  const to = Math.min(Date.parse(end), now);
  return from < to ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() } : null;
}
