/**
 * The monthly report's «Intentos rechazados»: sends refused at the door for errors in the workbook (no submission is
 * made, so the month's log has no trace of them). The platform keeps each one's line a week only
 * (functions/src/workflow/refused-sends.ts, KEEP_CHECKS_MS), so a report can count those of its month that fall in the
 * last `keptMs` before `now`, and no others: the stretch counted is given with the counts, and a month whose every day
 * is older than that gets none (null), rather than a 0 that would read as «nobody was refused».
 *
 * Counted only where every line is certainly still there: a line is removed by the daily job once older than `keptMs`,
 * so lines a little older may or may not be left, and counting them would make the same report differ by the hour the
 * job ran. Pure: no I/O.
 */

/** The part of a month whose refused attempts are counted: from `from` (included) to `to` (excluded), ISO instants. */
export interface RefusedStretch { from: string; to: string }

/**
 * The stretch of the month [`start`, `end`) that is also within the last `keptMs` before `now`, cut at `now` for a
 * month under way; null when none of it is (the month is over for longer than the lines are kept).
 */
export function refusedStretch(start: string, end: string, now: number, keptMs: number): RefusedStretch | null {
  const from = Math.max(Date.parse(start), now - keptMs);
  const to = Math.min(Date.parse(end), now);
  return from < to ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() } : null;
}

/** How many of `lines` (each when it was refused, and for whom) fall in `stretch`, per implementer; those with none are absent. */
export function refusedAttempts(lines: readonly { publisherId: string; at: string }[], stretch: RefusedStretch): Map<string, number> {
  const from = Date.parse(stretch.from);
  const to = Date.parse(stretch.to);
  const counts = new Map<string, number>();
  for (const l of lines) {
    const t = Date.parse(l.at);
    if (t >= from && t < to) counts.set(l.publisherId, (counts.get(l.publisherId) ?? 0) + 1);
  }
  return counts;
}
