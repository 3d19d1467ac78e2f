/**
 * Whether a Google spreadsheet still holds what was sent from it (its snapshot's content hash), as the coordinator's
 * preview says (`liveChanged`) and the add-on asks after «Validar» (`compare`). Answering it reads the whole sheet
 * from Google inside the request: for a large implementer that is seconds — 7 s to read a workbook of 10,000
 * processes from a local stand-in of the Sheets API and 1.6 s to hash it, more from Google itself — and when Google is
 * slow or does not answer, the reader's time limit and its retries (sheets-source.ts: 30 s a call, three calls), past
 * the 60 s after which Firebase Hosting cuts a request: the coordinator got Hosting's error page instead of the
 * preview that was ready, for a note the page only shows when the sheet did change.
 *
 * So it is waited for at most LIVE_COMPARE_BUDGET_MS; past it the answer is null, «cannot tell», as when the sheet
 * cannot be read. A read given up on is not stopped (the reader cannot be cancelled): it ends by its own time limit,
 * as it went on before after Hosting had cut the request.
 */
import type { WorkbookModel } from '../../../core/workbook/model';
import { withinBudget } from './kept-state';
import { encodeSnapshot } from './snapshot';

/** What a request waits for the live sheet: with the preview's own wait (PREVIEW_BUDGET_MS, 20 s), well under 60 s. */
export const LIVE_COMPARE_BUDGET_MS = 15_000;

/** true/false: the sheet differs from / holds what was sent; null: it could not be read within `budgetMs`. */
export async function liveSheetChanged(read: () => Promise<WorkbookModel>, sentHash: string, budgetMs: number): Promise<boolean | null> {
  // Settled either way before the race: a read given up on that fails later is no unhandled rejection.
  const hash = Promise.resolve().then(read).then((workbook) => encodeSnapshot(workbook).contentHash, () => undefined);
  const seen = await withinBudget(hash, budgetMs);
  return seen === 'late' || seen === undefined ? null : seen !== sentHash;
}
