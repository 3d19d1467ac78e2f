/**
 * The preview of a send that takes longer than its budget (workflow/prepared-preview.ts): 503 `preview-preparing`
 * with Retry-After and a Spanish message naming the send's size, the work going on after the answer, and asked
 * again, the preview — the same one computed in the request. What is kept is not shown once it is stale (a new
 * publication), a new revision has its own, and a failure after the answer is told once, in Spanish, to whoever asks
 * next. Self-hosted on SQLite (the work in the server's process), and on the cloud's wiring on the Firestore
 * emulator with a large send's preview handed to the task queue (here in this process, running the real task).
 * The budget is 0 (or the queue's task held back) to force the slow path on a small workbook.
 */
import request from 'supertest';
import type { Express } from 'express';
import { startFirestoreEmulator, type FirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import { checkPreviewAnswer, PREVIEW_PREPARING, XLSX_MIME, type PreviewAnswer } from '../../core/workflow/contract';
import { submissionWork } from '../../functions/src/workflow/submission-work';
import { runPreviewTask, type PreviewTask } from '../../functions/src/workflow/prepared-preview';
import { previewSlot } from '../../functions/src/workflow/kept-state';
import { cloudHarness, localHarness, markerWaited, projectWorkbook, PUBLISHERS, xlsxOf, type CloudHarness, type LocalHarness } from './workflow-harness';

const [MER] = PUBLISHERS;
const NOW = '2025-07-03T09:00:00-06:00';

/** Asks for the preview until it is not «se está preparando» any more (each such answer checked); how many times it was. */
async function untilReady(app: Express, id: string, bearer: string): Promise<{ res: request.Response; preparing: number }> {
  for (let preparing = 0; ; preparing++) {
    const res = await request(app).get(`/api/submissions/${id}/preview`).set('Authorization', bearer);
    if (res.status !== 503 || res.body.error?.code !== PREVIEW_PREPARING) return { res, preparing };
    expect(res.headers['retry-after']).toBe('5');
    if (preparing > 80) throw new Error('la vista previa no terminó');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('self-hosted (SQLite): past the budget, «se está preparando», then the preview', () => {
  let h: LocalHarness;
  beforeAll(async () => { h = await localHarness({ previewBudgetMs: 0 }); });
  afterAll(() => h.close());
  const upload = async (title: string) => (await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA'))
    .set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER, { title }))).expect(201)).body.submission as PreviewAnswer['submission'];

  test('503 preview-preparing with Retry-After and a Spanish message; asked again, the preview as computed in the request; kept for the next ask', async () => {
    const sent = await upload('Parque del Centro');
    const first = await request(h.app).get(`/api/submissions/${sent.id}/preview`).set('Authorization', h.bearer('coordinadorA'));
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('5');
    expect(first.headers['cache-control']).toBe('private, no-store');
    expect(first.body.error).toEqual({
      code: PREVIEW_PREPARING,
      message: 'Preparando la vista previa: la plataforma está calculando qué cambiaría al aprobar este envío (0 contrataciones y 1 proyecto). Con libros así de grandes tarda hasta unos minutos; vuelva a consultarla en unos segundos.',
    });
    // Someone else of the state asks meanwhile: the same answer, and the work is not started twice.
    const { res } = await untilReady(h.app, sent.id, h.bearer('coordinadorA'));
    expect(res.status).toBe(200);
    const answer = checkPreviewAnswer(res.body);
    expect(answer.submission.id).toBe(sent.id);
    expect(answer.preview).toEqual((await submissionWork(h.store).preview(sent.snapshot!.contentHash, MER, NOW)).preview);
    expect(answer.preview.projects.counts).toEqual({ new: 1, changed: 0, unchanged: 0, removed: 0 });
    // Kept: asked again, answered at once with the same preview.
    const again = await request(h.app).get(`/api/submissions/${sent.id}/preview`).set('Authorization', h.bearer('coordinadorA')).expect(200);
    expect(checkPreviewAnswer(again.body).preview).toEqual(answer.preview);
    // Still refused to another state's coordinator, before anything is computed or said of it.
    expect((await request(h.app).get(`/api/submissions/${sent.id}/preview`).set('Authorization', h.bearer('coordinadorB'))).status).toBe(403);
  });

  test('a new publication makes the kept preview stale; a new revision has its own', async () => {
    const sent = await upload('Parque de la Paz');
    expect((await untilReady(h.app, sent.id, h.bearer('coordinadorA'))).res.status).toBe(200);
    await request(h.app).post(`/api/submissions/${sent.id}/approve`).set('Authorization', h.bearer('coordinadorA')).expect(200);
    // Compared now with what it published: nothing left to change. The kept «1 new» is not shown again.
    const after = await untilReady(h.app, sent.id, h.bearer('coordinadorA'));
    expect(after.preparing).toBeGreaterThan(0);
    const published = checkPreviewAnswer(after.res.body);
    expect(published.currentPublicationId).not.toBeNull();
    expect(published.preview.projects.counts).toEqual({ new: 0, changed: 0, unchanged: 1, removed: 0 });

    const next = await upload('Parque de la Paz (segunda etapa)');
    const { res, preparing } = await untilReady(h.app, next.id, h.bearer('coordinadorA'));
    expect(preparing).toBeGreaterThan(0);
    const changed = checkPreviewAnswer(res.body).preview.projects;
    expect(changed.counts).toEqual({ new: 0, changed: 1, unchanged: 0, removed: 0 });
    expect(changed.items[0].fields).toContainEqual(expect.objectContaining({ path: 'title', before: 'Parque de la Paz', after: 'Parque de la Paz (segunda etapa)' }));
  });

  test('a preview a stopped server was computing (its «se está preparando» another process\'s) is started again at once by a server alone on its store, not after the heartbeat\'s margin', async () => {
    const sent = await upload('Parque que se interrumpió');
    // What a server stopped (restarted, upgraded) in the middle of it left: the marker of another process (here, of a
    // version before markers named theirs), its last heartbeat a minute ago — less than the margin a cluster's worker waits.
    await h.store.putPreparedPreview(sent.snapshot!.contentHash, 'mer', JSON.stringify({ format: 1, state: 'preparing', at: new Date(Date.now() - 60_000).toISOString() }));
    const { res, preparing } = await untilReady(h.app, sent.id, h.bearer('coordinadorA'));
    expect(preparing).toBeGreaterThan(0);
    expect(res.status).toBe(200);
    expect(checkPreviewAnswer(res.body).preview.projects.items.map((i) => i.title)).toEqual(['Parque que se interrumpió']);
  });

  test('a preview an earlier version kept (its rules\' format) is computed again after an upgrade, not shown as kept', async () => {
    const sent = await upload('Parque antes de actualizar');
    const computed = (await submissionWork(h.store).preview(sent.snapshot!.contentHash, MER, NOW)).preview;
    const current = (await h.store.getCurrent('mer'))?.id ?? null;
    const before = { ...computed, projects: { ...computed.projects, counts: { new: 0, changed: 1, unchanged: 0, removed: 0 } } };
    await h.store.putPreparedPreview(sent.snapshot!.contentHash, 'mer', JSON.stringify({ format: 1, state: 'ready', currentPublicationId: current, preview: before }));
    const { res } = await untilReady(h.app, sent.id, h.bearer('coordinadorA'));
    expect(checkPreviewAnswer(res.body).preview).toEqual(computed);
  });

  test('a failure after the answer is told once, in Spanish, to whoever asks next; asking again starts over', async () => {
    const sent = await upload('Revisión que se pierde');
    // Its snapshot gone (as a prune would), the computation fails after «se está preparando» went out.
    await h.store.deleteSnapshot(sent.snapshot!.contentHash, '9999-01-01T00:00:00.000Z');
    const { res, preparing } = await untilReady(h.app, sent.id, h.bearer('coordinadorA'));
    expect(preparing).toBeGreaterThan(0);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: 'snapshot-missing', message: 'No se encontró la versión enviada de este envío. Pida a quien capturó que la envíe de nuevo.' });
    const again = await request(h.app).get(`/api/submissions/${sent.id}/preview`).set('Authorization', h.bearer('coordinadorA'));
    expect([again.status, again.body.error.code]).toEqual([503, PREVIEW_PREPARING]);
  });
});

describe('the cloud (Firestore emulator): a large send previewed by a task of the queue', () => {
  let emulator: FirestoreEmulator;
  let h: CloudHarness;
  const SHEET = '1PreviewTaskAbCdEfGhIjKlMnOpQr';
  const queued: PreviewTask[] = [];
  let hold = false;
  let n = 0;
  const open = (budgetMs: number) => cloudHarness({
    openStore: () => openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: `preview${n++}_` }),
    // Every send is «large»: its preview is the task's, which runs here, as Cloud Tasks would deliver it.
    inlinePreviewMaxItems: 0,
    previewBudgetMs: budgetMs,
    previewQueue: {
      async enqueue(task) {
        queued.push(task);
        if (!hold) setTimeout(() => void runPreviewTask({ store: h.store, work: submissionWork(h.store), now: () => new Date(NOW), log: () => {} }, task), 10);
      },
    },
  });
  beforeAll(async () => { emulator = await startFirestoreEmulator(); });
  afterEach(async () => { await h?.close(); queued.length = 0; hold = false; });
  afterAll(() => emulator.stop());

  async function send(): Promise<string> {
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque del Centro' }));
    return (await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET }).expect(201)).body.submission.id as string;
  }

  test('the request waits for the task within its budget and answers the preview; asked again, it is kept', async () => {
    h = await open(10_000);
    const id = await send();
    const res = await request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', h.bearer('coordinadorA')).expect(200);
    expect(checkPreviewAnswer(res.body).preview.projects.counts.new).toBe(1);
    expect(queued).toHaveLength(1);
    await request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', h.bearer('coordinadorA')).expect(200);
    expect(queued).toHaveLength(1);
  });

  test('a task not done within the budget: «se está preparando», one task however often it is asked, then the preview', async () => {
    h = await open(0);
    hold = true;
    const id = await send();
    for (let i = 0; i < 3; i++) {
      const res = await request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', h.bearer('coordinadorA'));
      expect([res.status, res.body.error?.code, res.headers['retry-after']]).toEqual([503, PREVIEW_PREPARING, '5']);
    }
    expect(queued).toHaveLength(1);
    // Delivered twice (Cloud Tasks may): the second finds it kept.
    const deps = { store: h.store, work: submissionWork(h.store), now: () => new Date(NOW), log: () => {} };
    await runPreviewTask(deps, queued[0]);
    await runPreviewTask(deps, queued[0]);
    const res = await request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', h.bearer('coordinadorA')).expect(200);
    expect(checkPreviewAnswer(res.body).preview.projects.counts.new).toBe(1);
  });

  test('a task waiting in a busy queue for 20 minutes is not enqueued again; one whose task has not begun an attempt for an hour is', async () => {
    h = await open(0);
    hold = true;
    const id = await send();
    const ask = () => request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', h.bearer('coordinadorA'));
    expect((await ask()).status).toBe(503);
    const { contentHash, publisherId } = queued[0];
    const waited = (ms: number) => markerWaited(previewSlot(h.store, contentHash, publisherId), ms);
    // A month's last day: the queue's dispatches busy with publications for 20 minutes.
    await waited(20 * 60_000);
    expect([(await ask()).status, queued.length]).toEqual([503, 1]);
    await waited(41 * 60_000);
    expect([(await ask()).status, queued.length]).toEqual([503, 2]);
    // That one's attempt begins (and says so): an hour more without another.
    const deps = { store: h.store, work: submissionWork(h.store), now: () => new Date(NOW), log: () => {} };
    await waited(2 * 60 * 60_000);
    await runPreviewTask(deps, queued[1]);
    expect((await ask()).status).toBe(200);
  });

  test('a task delivered again after its instance died each time says so instead of trying once more', async () => {
    h = await open(0);
    hold = true;
    const id = await send();
    expect((await request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', h.bearer('coordinadorA'))).status).toBe(503);
    await runPreviewTask({ store: h.store, work: submissionWork(h.store), now: () => new Date(NOW), log: () => {} }, queued[0], 2);
    const res = await request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', h.bearer('coordinadorA'));
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('preview-interrupted');
    expect(res.body.error.message).toMatch(/^El cálculo de la vista previa de este envío se interrumpió varias veces sin terminar/);
  });
});
