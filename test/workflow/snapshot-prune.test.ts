/**
 * `publications prune` also removes the submitted workbooks (snapshots) that no submission can still need, through
 * the real app on SQLite: a published one's copy goes, and its page still opens (the history, no preview); the
 * copies of a send under review and of a returned one stay, and approving the pending one still publishes what was
 * reviewed.
 */
import request from 'supertest';
import { checkPreviewAnswer, XLSX_MIME } from '../../core/workflow/contract';
import { planSnapshotPrune, pruneSnapshots } from '../../functions/src/publication/prune-snapshots';
import { localHarness, PUBLISHERS, projectWorkbook, xlsxOf, type LocalHarness } from './workflow-harness';

let h: LocalHarness;
beforeAll(async () => { h = await localHarness(); });
afterAll(() => h.close());

const upload = async (title: string) => request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA'))
  .set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(PUBLISHERS[0], { title })));
const as = (_id: string): string => h.bearer('coordinadorA');
const preview = (id: string) => request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', as(id));

test('a published send\'s copy goes and its page still opens; a returned one\'s stays until a new send replaces it', async () => {
  const published = (await upload('Parque del Centro')).body.submission;
  expect((await request(h.app).post(`/api/submissions/${published.id}/approve`).set('Authorization', as(published.id))).status).toBe(200);
  expect((await h.store.getSubmission(published.id))?.status).toBe('published');
  const returned = (await upload('Parque del Norte')).body.submission;
  expect((await request(h.app).post(`/api/submissions/${returned.id}/return`).set('Authorization', as(returned.id)).send({ comment: 'Revise las fechas.' })).status).toBe(200);

  // Two days on, pruning everything before tomorrow.
  const prune = async () => {
    const plan = await planSnapshotPrune(h.store, { before: new Date(Date.now() + 24 * 3600_000).toISOString(), now: new Date(Date.now() + 2 * 24 * 3600_000) });
    return { plan, removed: await pruneSnapshots(h.store, plan) };
  };
  const first = await prune();
  expect(first.plan).toMatchObject({ ofEnded: [published.snapshot.contentHash], unreferenced: [] });
  expect(first.removed).toBe(1);
  expect(await h.store.getSnapshot(published.snapshot.contentHash)).toBeUndefined();
  expect(await h.store.getSnapshot(returned.snapshot.contentHash)).toBeDefined();
  // The published send's page (its history) still opens; the returned one still shows what approving would change.
  const page = await preview(published.id);
  expect(page.status).toBe(200);
  expect(checkPreviewAnswer(page.body).submission.status).toBe('published');
  expect(checkPreviewAnswer((await preview(returned.id)).body).preview.projects.items.map((i) => i.title)).toEqual(['Parque del Norte']);

  // The corrected workbook continues the returned send: its earlier copy is no longer referred to, and goes.
  const pending = (await upload('Parque del Norte, segunda etapa')).body.submission;
  expect(pending.id).toBe(returned.id);
  const second = await prune();
  expect(second.plan).toMatchObject({ ofEnded: [], unreferenced: [returned.snapshot.contentHash] });
  expect(second.removed).toBe(1);
  // What is under review is untouched: previewed and published as it was sent.
  expect(checkPreviewAnswer((await preview(pending.id)).body).preview.projects.items.map((i) => i.title)).toEqual(['Parque del Norte, segunda etapa']);
  expect((await request(h.app).post(`/api/submissions/${pending.id}/approve`).set('Authorization', as(pending.id))).status).toBe(200);
  expect((await h.store.getSubmission(pending.id))?.status).toBe('published');
});
