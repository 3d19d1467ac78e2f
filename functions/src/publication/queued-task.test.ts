/** The task queue's bodies are read as `unknown`: ours pass as they are, anything else is refused whole. */
import { parseQueuedTask } from './queued-task';

const HASH = 'a'.repeat(64);
const SEND = { checkId: 'mer~0f8e2d1c-3b4a-4c5d-8e6f-7a8b9c0d1e2f', userId: 'u-cap-mer', publisherId: 'mer', spreadsheetId: '1AbCdEfGhIjKlMnOpQrStUv', spreadsheetName: 'Obras 2024' };

test('the three kinds of task, as the app enqueues them', () => {
  expect(parseQueuedTask({ submissionId: 's1', actorId: 'u-og-yuc' })).toEqual({ submissionId: 's1', actorId: 'u-og-yuc' });
  expect(parseQueuedTask({ preview: { contentHash: HASH, publisherId: 'mer' } })).toEqual({ preview: { contentHash: HASH, publisherId: 'mer' } });
  expect(parseQueuedTask({ send: SEND })).toEqual({ send: SEND });
  const { spreadsheetName, ...unnamed } = SEND;
  void spreadsheetName;
  expect(parseQueuedTask({ send: unnamed })).toEqual({ send: unnamed });
});

test.each([
  ['nothing', undefined],
  ['an array', [{ submissionId: 's1', actorId: 'a' }]],
  ['a publication without its approver', { submissionId: 's1' }],
  ['a publication whose id is not a text', { submissionId: { $gt: '' }, actorId: 'a' }],
  ['a send that is not an object', { send: 'mer' }],
  ['a send without its official', { send: { ...SEND, userId: undefined } }],
  ['a send whose check names another institution', { send: { ...SEND, checkId: 'mty~0f8e2d1c-3b4a-4c5d-8e6f-7a8b9c0d1e2f' } }],
  ['a send whose check id has no institution', { send: { ...SEND, checkId: '0f8e2d1c-3b4a-4c5d-8e6f-7a8b9c0d1e2f' } }],
  ['a send of something that is no spreadsheet id', { send: { ...SEND, spreadsheetId: '../../etc' } }],
  ['a send whose sheet name is not a text', { send: { ...SEND, spreadsheetName: 5 } }],
  ['a preview of something that is no snapshot hash', { preview: { contentHash: 'x', publisherId: 'mer' } }],
  ['a preview without its institution', { preview: { contentHash: HASH } }],
])('refused: %s', (_what, data) => {
  expect(parseQueuedTask(data)).toBeUndefined();
});
