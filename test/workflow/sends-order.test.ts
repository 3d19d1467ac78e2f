/**
 * What *Mis envíos* and the inbox read of an institution's sends, the same on both real stores (SQLite, and Firestore
 * on its emulator): the store lists sends by creation, whatever happened to them since, and *Mis envíos* orders them
 * by latest activity (core/workflow/latest-activity.ts); the newest approved send, which makes older pending ones
 * unapprovable, is found among its published and approved sends (approve-submission.ts latestApproved).
 */
import { realStores } from '../real-stores';
import { readAll } from '../../functions/src/store/read-all';
import { latestApproved, newerThan } from '../../functions/src/workflow/approve-submission';
import { byLatestActivity } from '../../core/workflow/latest-activity';
import { samplePublisher } from '../../functions/src/store/store-contract';
import type { Store, Submission } from '../../functions/src/store/store';

const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 12) + minute * 60_000).toISOString();
const snapshot = (minute: number) => ({ contentHash: String(minute).padStart(64, '0'), takenAt: at(minute), sheets: 1, rows: 2, completeness: null });
const send = (id: string, minute: number): Submission => ({
  id, publisherId: 'mer', source: { kind: 'xlsx', fileId: id.padEnd(64, '0'), name: `${id}.xlsx` }, status: 'submitted',
  history: [{ at: at(minute), by: 'u1', action: 'submitted' }], snapshot: snapshot(minute), createdAt: at(minute), updatedAt: at(minute),
});
/** As the API gives them to the pages: a snapshot or null. */
const viewed = (s: Submission) => ({ ...s, snapshot: s.snapshot ?? null });

describe.each(realStores('sends_order_'))('%s', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = open();
    await store.putPublisher(samplePublisher('mer'));
  });
  afterEach(() => store.close());

  test('sends come by creation from the store, and by latest activity on Mis envíos: returned, corrected or published last first', async () => {
    for (const [id, minute] of [['uno', 1], ['dos', 2], ['tres', 3], ['cuatro', 4]] as const) await store.createSubmission(send(id, minute));
    // «uno» returned at 10 and sent again corrected at 20; «tres» approved and published at 15; «cuatro» returned at 12.
    await store.transitionSubmission('uno', ['submitted'], 'returned', { at: at(10), by: 'og', action: 'returned', comment: 'Revise el monto.' });
    await store.transitionSubmission('cuatro', ['submitted'], 'returned', { at: at(12), by: 'og', action: 'returned', comment: 'Falta la fecha.' });
    await store.transitionSubmission('tres', ['submitted'], 'approved', { at: at(14), by: 'og', action: 'approved' });
    await store.transitionSubmission('tres', ['approved'], 'published', { at: at(15), by: 'og', action: 'published' });
    await store.transitionSubmission('uno', ['returned'], 'submitted', { at: at(20), by: 'u1', action: 'resubmitted' }, { snapshot: snapshot(20) });

    const listed = await readAll((after) => store.listSubmissions({ publisherId: 'mer', after, limit: 2 }));
    expect(listed.map((s) => s.id)).toEqual(['uno', 'dos', 'tres', 'cuatro']);
    expect(byLatestActivity(listed.map(viewed)).map((s) => s.id)).toEqual(['uno', 'tres', 'cuatro', 'dos']);

    // «dos» still awaits a decision, older than «tres», published: found with one look at the institution's sends.
    const latest = await latestApproved(store, 'mer');
    expect(latest?.id).toBe('tres');
    expect(newerThan(listed[1], latest)?.id).toBe('tres');
    // «uno» was sent again after it: approving it stays possible.
    expect(newerThan((await store.getSubmission('uno'))!, latest)).toBeUndefined();
  });
});
