/**
 * The send to open after deciding one: the inbox's next, in its order (the oldest awaiting a decision first) and
 * with its filters (Estado, Implementador). A coordinator working through 30 sends ended each decision at the bottom
 * of a long page whose one way on was «← Volver a la bandeja» at its top, and then opened the next from the inbox.
 * No DOM here.
 */
import { AWAITING_DECISION, sentAt, type SubmissionStatus, type SubmissionView } from '../../../core/workflow/contract';

type Listed = Pick<SubmissionView, 'id' | 'publisherId' | 'state' | 'status' | 'createdAt' | 'snapshot'>;

/** `state`, `publisher`: the inbox's filters as the address carries them (empty or null: all). */
export function nextToDecide<T extends Listed>(sends: readonly T[], current: string, filters: { state?: string | null; publisher?: string | null }): T | undefined {
  return sends
    .filter((s) => s.id !== current && (AWAITING_DECISION as readonly SubmissionStatus[]).includes(s.status)
      && (!filters.state || s.state === filters.state) && (!filters.publisher || s.publisherId === filters.publisher))
    .sort((a, b) => (sentAt(a) < sentAt(b) ? -1 : sentAt(a) > sentAt(b) ? 1 : 0))[0];
}
