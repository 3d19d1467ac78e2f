/** The send a coordinator is offered after deciding one (dashboard/src/review/next-to-decide.ts). */
import { nextToDecide } from '../../dashboard/src/review/next-to-decide';
import type { SubmissionStatus } from '../../core/workflow/contract';

const send = (id: string, publisherId: string, state: string, status: SubmissionStatus, at: string) => ({ id, publisherId, state, status, createdAt: at, snapshot: null });
const sends = [
  send('c', 'yuc03', 'Yucatán', 'submitted', '2024-05-03T10:00:00Z'),
  send('a', 'yuc01', 'Yucatán', 'submitted', '2024-05-01T10:00:00Z'),
  send('p', 'yuc02', 'Yucatán', 'published', '2024-04-01T10:00:00Z'),
  send('f', 'yuc02', 'Yucatán', 'failed', '2024-05-02T10:00:00Z'),
  send('k', 'cam01', 'Campeche', 'submitted', '2024-04-15T10:00:00Z'),
];

test('after a decision, the next send awaiting one, oldest first, within the inbox\'s filters', () => {
  // The one just decided is not offered again, nor a send already decided; a failed publication awaits a decision too.
  expect(nextToDecide(sends, 'a', {})?.id).toBe('k');
  expect(nextToDecide(sends, 'a', { state: 'Yucatán' })?.id).toBe('f');
  expect(nextToDecide(sends, 'f', { state: 'Yucatán', publisher: '' })?.id).toBe('a');
  expect(nextToDecide(sends, 'c', { publisher: 'yuc03' })).toBeUndefined();
});
