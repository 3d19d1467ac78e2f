/**
 * The inbox's order, by its columns, kept in the address (`?orden=&dir=`, components/column-order.ts) as the public
 * tables keep theirs: a coordinator with 60 implementers could not put the send waiting longest first, nor one
 * implementer's sends together, nor those that failed to publish — the inbox was always oldest first. The order
 * travels with the inbox's filters to a send's page and back (inboxQuery), and «Siguiente envío por decidir»
 * follows it (next-to-decide.ts). No DOM here.
 */
import { sentAt, type SubmissionView } from '../../../core/workflow/contract';
import { inColumnOrder, type ShownOrder, type ValueColumn } from '../components/column-order';

type Row = Pick<SubmissionView, 'publisherName' | 'statusLabel' | 'createdAt' | 'snapshot' | 'findings' | 'submittedBy' | 'state'>;

/** The inbox's columns, in its table's order. */
export const INBOX_COLUMNS: readonly ValueColumn<Row>[] = [
  { key: 'implementador', title: 'Implementador', value: (s) => s.publisherName },
  { key: 'situacion', title: 'Situación', value: (s) => s.statusLabel },
  { key: 'enviado', title: 'Enviado (Ciudad de México)', value: (s) => sentAt(s), date: true },
  { key: 'errores', title: 'Errores', numeric: true, value: (s) => s.findings?.errors ?? 0 },
  { key: 'advertencias', title: 'Advertencias', numeric: true, value: (s) => s.findings?.warnings ?? 0 },
  { key: 'enviado-por', title: 'Enviado por', value: (s) => s.submittedBy ?? undefined },
  { key: 'estado', title: 'Estado', value: (s) => s.state },
];

/** Unless the address asks for another: the send waiting longest first, as the inbox is worked through. */
export const OLDEST_FIRST: ShownOrder = { key: 'enviado', dir: 'asc' };

/** The sends in `order`; ties (one implementer's sends, those in one situation) the oldest first. */
export function inInboxOrder<T extends Row>(sends: readonly T[], order: ShownOrder): T[] {
  const oldestFirst = [...sends].sort((a, b) => (sentAt(a) < sentAt(b) ? -1 : sentAt(a) > sentAt(b) ? 1 : 0));
  return inColumnOrder(oldestFirst, INBOX_COLUMNS, order);
}
