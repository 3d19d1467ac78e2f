/**
 * Sends refused at the door (422 `workbook-has-errors`: no submission is created), as their coordinators see them.
 * An official whose workbook was refused three times in a week showed on Seguimiento and in the inbox as an
 * implementer that had sent nothing, and its coordination wrote to scold them while they were stuck and needed help.
 *
 * Nothing new is kept for it: the refusal's answer, with its findings, is the send's check (send-check.ts: kept a
 * week in `sendChecks`, then removed by the daily job), which the cloud already kept for every send; self-hosted, a
 * refusal answered within its request is now kept there too. Beside it, one small line (Store.putRefusedSend: who,
 * and how many errors, warnings and avisos; measured: 246 bytes) that the listing reads, never the findings; the line
 * goes with its check; and one more in the implementer's count of the month (countRefusal), which stays. What a
 * coordinator reads is what the official was told: their own workbook's findings and counts, no other content of the
 * workbook.
 */
import type { Store } from '../store/store';
import { isObject } from '../../../core/json/json-values';
import type { SentAnswer } from './send-check';
import { monthOf, stateTimeZone } from '../../../core/workflow/report-month';
import { stateKey } from '../../../core/workflow/mexican-states';

const FORMAT = 1;

/** A line as kept: the official who sent, and the counts of the refusal's findings. */
export interface RefusedLine { checkId: string; publisherId: string; at: string; userId: string; errors: number; warnings: number; infos: number }

/** Whether a send's answer is a refusal for errors in the workbook (not a limit crossed, a conflict, an interruption…). */
export function isRefusal(answer: SentAnswer): boolean {
  const body = answer.body;
  return answer.status === 422 && isObject(body) && isObject(body.error) && body.error.code === 'workbook-has-errors';
}

const countOf = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Writes the line of the refusal `answer` kept as check `checkId`; nothing for any other answer. */
export async function noteRefusedSend(store: Store, checkId: string, owner: { userId: string; publisherId: string }, answer: SentAnswer): Promise<void> {
  if (!isRefusal(answer)) return;
  const error = (answer.body as { error: { counts?: unknown } }).error;
  const counts = isObject(error.counts) ? error.counts : {};
  const now = new Date();
  // Its state's coordination lists it by the state (the country's week of refusals is not read for one state's).
  const state = (await store.getPublisher(owner.publisherId))?.state;
  await store.putRefusedSend(checkId, owner.publisherId, JSON.stringify({ format: FORMAT, userId: owner.userId, errors: countOf(counts.errors), warnings: countOf(counts.warnings), infos: countOf(counts.infos) }), now.toISOString(), state === undefined ? undefined : stateKey(state));
  await countInMonth(store, owner.publisherId, state, now);
}

/**
 * Adds the refusal to its implementer's count of the month, kept beyond the line's week: the monthly report's
 * «Intentos rechazados» (monthly-report-routes.ts). The month is the state's, on its capital's clock, as the report
 * cuts its months (core/workflow/report-month.ts): a refusal in Tijuana at 23:00 of 30 November is November's.
 * Counting is marked as begun first, so a month never has counts from before the instant the report says.
 */
export async function countRefusal(store: Store, publisherId: string, at: Date): Promise<void> {
  await countInMonth(store, publisherId, (await store.getPublisher(publisherId))?.state, at);
}

async function countInMonth(store: Store, publisherId: string, state: string | undefined, at: Date): Promise<void> {
  await store.startRefusedCounts(at.toISOString());
  await store.countRefusedAttempt(publisherId, monthOf(at.getTime(), stateTimeZone(state)));
}

/** A kept line as read, or undefined if it is of another version. */
function lineOf(r: { checkId: string; publisherId: string; keptAt: string; text: string }): RefusedLine | undefined {
  let kept: unknown;
  try { kept = JSON.parse(r.text); } catch { return undefined; }
  if (!isObject(kept) || kept.format !== FORMAT || typeof kept.userId !== 'string') return undefined;
  return { checkId: r.checkId, publisherId: r.publisherId, at: r.keptAt, userId: kept.userId, errors: countOf(kept.errors), warnings: countOf(kept.warnings), infos: countOf(kept.infos) };
}

/** The lines kept, newest first (one publisher's, one state's, or every publisher's); one of another version is left out. */
export async function readRefusedSends(store: Store, query: { publisherId?: string; state?: string; limit: number }): Promise<RefusedLine[]> {
  return (await store.listRefusedSends(query)).map(lineOf).filter((l) => l !== undefined);
}

/**
 * The line of one refusal (its detail), read by its id: 1 document, where finding it in its implementer's listing
 * read every line of the week (in Firestore, a read each).
 */
export async function readRefusedSend(store: Store, checkId: string, publisherId: string): Promise<RefusedLine | undefined> {
  const r = await store.getRefusedSend(checkId, publisherId);
  return r && lineOf(r);
}
