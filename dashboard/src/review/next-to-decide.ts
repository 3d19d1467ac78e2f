/**
 * The send to open after deciding one: the inbox's next, in its order (unless sorted otherwise, the oldest awaiting a decision first) and
 * with its filters (Estado, Implementador). A coordinator working through 30 sends ended each decision at the bottom
 * of a long page whose one way on was «← Volver a la bandeja» at its top, and then opened the next from the inbox.
 * No DOM here.
 */
import { AWAITING_DECISION, type SubmissionStatus, type SubmissionView } from '../../../core/workflow/contract';
import type { ShownOrder } from '../components/column-order';
import { inInboxOrder, OLDEST_FIRST } from './inbox-order';

type Listed = Pick<SubmissionView, 'id' | 'publisherId' | 'publisherName' | 'statusLabel' | 'state' | 'status' | 'createdAt' | 'snapshot' | 'findings' | 'submittedBy'>;

/**
 * `state`, `publisher`: the inbox's filters as the address carries them (empty or null: all). `order`: the inbox's
 * (inbox-order.ts), ties the oldest first as in the inbox: sorted by implementer, the next was still the oldest send
 * of any implementer, not the next of the list the coordinator was working through.
 */
export function nextToDecide<T extends Listed>(sends: readonly T[], current: string, filters: { state?: string | null; publisher?: string | null }, order: ShownOrder = OLDEST_FIRST): T | undefined {
  return inInboxOrder(sends.filter((s) => s.id !== current && (AWAITING_DECISION as readonly SubmissionStatus[]).includes(s.status)
    && (!filters.state || s.state === filters.state) && (!filters.publisher || s.publisherId === filters.publisher)), order)[0];
}
