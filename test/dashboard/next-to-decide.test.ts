/** The send a coordinator is offered after deciding one (dashboard/src/review/next-to-decide.ts), in the inbox's order (inbox-order.ts). */
import { nextToDecide } from '../../dashboard/src/review/next-to-decide';
import { orderOf } from '../../dashboard/src/components/column-order';
import { INBOX_COLUMNS, inInboxOrder, OLDEST_FIRST } from '../../dashboard/src/review/inbox-order';
import { STATUS_LABELS, type SubmissionStatus } from '../../core/workflow/contract';

const send = (id: string, publisherId: string, publisherName: string, state: string, status: SubmissionStatus, at: string, errors = 0) => ({
  id, publisherId, publisherName, state, status, statusLabel: STATUS_LABELS[status], createdAt: at, snapshot: null, findings: { errors, warnings: 0, infos: 0, sample: [] }, submittedBy: null,
});
const sends = [
  send('c', 'yuc03', 'Municipio de Tekax', 'Yucatán', 'submitted', '2024-05-03T10:00:00Z'),
  send('a', 'yuc01', 'Municipio de Mérida', 'Yucatán', 'submitted', '2024-05-01T10:00:00Z'),
  send('p', 'yuc02', 'Municipio de Acanceh', 'Yucatán', 'published', '2024-04-01T10:00:00Z'),
  send('f', 'yuc02', 'Municipio de Acanceh', 'Yucatán', 'failed', '2024-05-02T10:00:00Z'),
  send('k', 'cam01', 'Municipio de Calkiní', 'Campeche', 'submitted', '2024-04-15T10:00:00Z'),
  send('m', 'yuc01', 'Municipio de Mérida', 'Yucatán', 'submitted', '2024-04-20T10:00:00Z'),
];

test('after a decision, the next send awaiting one, oldest first, within the inbox\'s filters', () => {
  // The one just decided is not offered again, nor a send already decided; a failed publication awaits a decision too.
  expect(nextToDecide(sends, 'a', {})?.id).toBe('k');
  expect(nextToDecide(sends, 'a', { state: 'Yucatán' })?.id).toBe('m');
  expect(nextToDecide(sends, 'm', { state: 'Yucatán', publisher: '' })?.id).toBe('a');
  expect(nextToDecide(sends, 'c', { publisher: 'yuc03' })).toBeUndefined();
});

test('the inbox ordered by a column, as its address asks: the next send follows that order, ties the oldest first', () => {
  const byName = orderOf(INBOX_COLUMNS, new URLSearchParams('orden=implementador'), OLDEST_FIRST);
  expect(byName).toEqual({ key: 'implementador', dir: 'asc' });
  // By implementer (es-MX: Acanceh, Calkiní, Mérida, Tekax), one implementer's sends together, the oldest first.
  expect(inInboxOrder(sends, byName).map((s) => s.id)).toEqual(['p', 'f', 'k', 'm', 'a', 'c']);
  expect(nextToDecide(sends, 'f', {}, byName)?.id).toBe('k');
  expect(nextToDecide(sends, 'k', { state: 'Yucatán' }, byName)?.id).toBe('f');
  // The newest first; by situation, «En revisión» before «La publicación falló» when turned round.
  expect(nextToDecide(sends, 'x', {}, orderOf(INBOX_COLUMNS, new URLSearchParams('orden=enviado&dir=desc'), OLDEST_FIRST))?.id).toBe('c');
  expect(nextToDecide(sends, 'x', {}, orderOf(INBOX_COLUMNS, new URLSearchParams('orden=situacion&dir=desc'), OLDEST_FIRST))?.id).toBe('f');
  // A column the inbox does not have: its own order.
  expect(orderOf(INBOX_COLUMNS, new URLSearchParams('orden=titulo'), OLDEST_FIRST)).toBe(OLDEST_FIRST);
});
