/**
 * What a refusal for errors answers (422 `workbook-has-errors`: a send refused at the door, an approval refused):
 * every error, then warnings and avisos while the list is short. The answer listed the first 200 findings, and an
 * official with 700 errors fixed 200, sent again, and met the next 200 — three rounds for one workbook, and an Excel
 * uploader has no other place that lists them (its coordination reads the same answer, kept a week: functions/src/workflow/refused-sends.ts). The counts go with the list, so
 * that whoever shows it can say how many are left out («y 695 más» was «y 195 más», counted from the 200 listed).
 * Pure: no I/O.
 */
import type { Severity } from '../findings/finding';

/**
 * Errors a refusal lists at most. Measured: a rendered finding weighs about 375 bytes of JSON (a missing field, with
 * its sheet, row and column), so 5,000 are about 1.9 MB — an answer a browser and Apps Script's UrlFetch read
 * whole, and 7 documents of 300,000 characters where the cloud keeps a send's answer (`sendChecks`, a week).
 */
export const MAX_REFUSAL_ERRORS = 5000;
/** Below that many errors, warnings and avisos fill the list up to this size (as before: the 200 findings shown). */
export const REFUSAL_FINDINGS_SHOWN = 200;

export interface RefusalCounts { errors: number; warnings: number; infos: number }

/**
 * The findings a refusal lists — the errors first, each group in the order given — and how many there are of each.
 * `maxErrors` and `shown` are for tests.
 */
export function refusalFindings<T extends { severity: Severity }>(findings: readonly T[], maxErrors = MAX_REFUSAL_ERRORS, shown = REFUSAL_FINDINGS_SHOWN): { listed: T[]; counts: RefusalCounts } {
  const errors = findings.filter((f) => f.severity === 'error');
  const others = findings.filter((f) => f.severity !== 'error');
  const listed = [...errors.slice(0, maxErrors), ...others.slice(0, Math.max(0, shown - errors.length))];
  return { listed, counts: { errors: errors.length, warnings: others.filter((f) => f.severity === 'warning').length, infos: others.filter((f) => f.severity === 'info').length } };
}

/** How many of a refusal's findings its list leaves out (0 when it lists them all, or when an older server gave no counts). */
export function leftOut(listed: number, counts: RefusalCounts | undefined): number {
  return counts ? Math.max(0, counts.errors + counts.warnings + counts.infos - listed) : 0;
}
