/**
 * A send whose check outlasts its request's budget (workflow/send-check.ts): 202 SEND_CHECKING with `Location` and
 * Retry-After, the check going on after the answer, and asked there (GET), what the send would have answered — 201
 * «En revisión», or 422 with its findings — kept for the next ask and for nobody else. Self-hosted on SQLite; the
 * budget is 0 to force the slow path on a small workbook. The cloud's wiring on the Firestore emulator: a send of a
 * spreadsheet id is a task of the queue (run here as Cloud Tasks would deliver it), the request waiting for its answer. Within the budget (or without one) the send answers as
 * it always did (the rest of test/workflow).
 */
import request from 'supertest';
import { checkRefusedSendsAnswer, checkSubmitAnswer, checkSubmitOrChecking, checkWorkbookCheckAnswer, isSendChecking, SEND_CHECKING_RETRY_SECONDS, WORKBOOK_JSON_MIME, WORKFLOW_PATHS, XLSX_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store } from '../../functions/src/store/store';
import { cloudHarness, localHarness, markerWaited, projectWorkbook, PUBLISHERS, uploadXlsx, xlsxOf, type CloudHarness, type LocalHarness, type UserName } from './workflow-harness';
import { startFirestoreEmulator, type FirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import { forgetOldSendChecks, KEEP_CHECKS_MS, runSendTask, type SendTask, type SentAnswer } from '../../functions/src/workflow/send-check';
import { sendCheckSlot } from '../../functions/src/workflow/kept-state';
import { monthOf, previousMonth } from '../../core/workflow/report-month';

/** The implementer's refused sends counted this month (Mérida's: Mexico City's clock), and last month's if it just turned. */
const refusedThisMonth = async (store: Store, publisherId: string): Promise<number> => {
  const month = monthOf(Date.now());
  return (await store.getRefusedAttempts(publisherId, month)) + (await store.getRefusedAttempts(publisherId, previousMonth(month)));
};

const [MER] = PUBLISHERS;

/** Makes the check at `location` as if last kept more than KEEP_CHECKS_MS ago (its text as it is). */
async function ageCheck(store: Store, location: string): Promise<void> {
  const id = decodeURIComponent(location.split('/').pop() ?? '');
  const publisherId = id.split('~')[0];
  const text = await store.getSendCheck(id, publisherId);
  if (text === undefined) throw new Error(`sin revisión guardada: ${id}`);
  await store.putSendCheck(id, publisherId, text, new Date(Date.now() - KEEP_CHECKS_MS - 60_000).toISOString());
}

/** The check answered at `location` as if it had waited `ms` in the task queue (markerWaited). */
function waitedInQueue(store: Store, location: string, ms: number): Promise<void> {
  const id = decodeURIComponent(location.split('/').pop() ?? '');
  return markerWaited(sendCheckSlot(store, id, id.split('~')[0]), ms);
}

/** Asks where the send is checked until it is no longer «se está revisando» (each such answer checked); its last answer. */
async function untilChecked(h: LocalHarness, location: string, user: UserName = 'capturistaA'): Promise<{ res: request.Response; checking: number }> {
  for (let checking = 0; ; checking++) {
    const res = await request(h.app).get(location).set('Authorization', h.bearer(user));
    if (res.status !== 202) return { res, checking };
    expect(isSendChecking(res.body)).toBe(true);
    expect(res.headers['retry-after']).toBe(String(SEND_CHECKING_RETRY_SECONDS));
    if (checking > 80) throw new Error('la revisión no terminó');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('self-hosted (SQLite): past the budget, «se está revisando», then the send\'s answer', () => {
  let h: LocalHarness;
  beforeAll(async () => { h = await localHarness({ sendBudgetMs: 0 }); });
  afterAll(() => h.close());

  test('an upload: 202 with Location and Retry-After; asked there, 201 «En revisión» as the POST answered it, kept; nobody else sees it', async () => {
    const sent = await uploadXlsx(h, await xlsxOf(projectWorkbook(MER, { title: 'Parque del Centro' })), 'parque.xlsx');
    expect(sent.status).toBe(202);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.headers['cache-control']).toBe('private, no-store');
    const checking = checkSubmitOrChecking(sent.body);
    if (!isSendChecking(checking)) throw new Error('se esperaba «se está revisando»');
    expect(sent.headers.location).toBe(checking.checking.location);
    expect(checking.checking.location).toBe(WORKFLOW_PATHS.sendCheck(checking.checking.id));
    expect(checking.message).toMatch(/^Revisando el libro: /);

    const { res } = await untilChecked(h, checking.checking.location);
    expect(res.status).toBe(201);
    const answer = checkSubmitAnswer(res.body);
    expect(answer.outcome).toBe('created');
    expect(answer.submission.status).toBe('submitted');
    expect(answer.submission.source).toMatchObject({ kind: 'xlsx', name: 'parque.xlsx' });
    expect((await h.store.getSubmission(answer.submission.id))?.status).toBe('submitted');
    // Asked again (the page reopened): the same answer.
    const again = await request(h.app).get(checking.checking.location).set('Authorization', h.bearer('capturistaA')).expect(201);
    expect(checkSubmitAnswer(again.body).submission.id).toBe(answer.submission.id);
    // Another account, even of the same institution or its coordination, and a made-up id: not found.
    expect((await request(h.app).get(checking.checking.location).set('Authorization', h.bearer('coordinadorA'))).status).toBe(404);
    expect((await request(h.app).get(WORKFLOW_PATHS.sendCheck('mer~00000000-0000-4000-8000-000000000000')).set('Authorization', h.bearer('capturistaA'))).status).toBe(404);
    expect((await request(h.app).get(WORKFLOW_PATHS.sendCheck('nada')).set('Authorization', h.bearer('capturistaA'))).status).toBe(404);
    expect((await request(h.app).get(checking.checking.location)).status).toBe(401);
  });

  test('a workbook with errors: 202, then 422 with its findings named by sheet, row and column; nothing created', async () => {
    const before = (await h.store.listSubmissions({ publisherId: MER.id, limit: 100 })).items.length;
    const sent = await uploadXlsx(h, await xlsxOf(projectWorkbook(MER, { complete: false })), 'incompleto.xlsx').expect(202);
    const { res } = await untilChecked(h, sent.headers.location);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('workbook-has-errors');
    // Named by the file it was sent as: an official who sent several sees which one to correct.
    expect(res.body.error.message).toMatch(/^No se envió: el libro tiene 1 error \(archivo «incompleto\.xlsx»\)\. Corríjalo/);
    expect(res.body.error.findings[0]).toMatchObject({ severity: 'error', cell: { sheet: 'projects' } });
    expect((await h.store.listSubmissions({ publisherId: MER.id, limit: 100 })).items).toHaveLength(before);
    // Its coordination sees the attempt, under the check that keeps its findings (refused-sends.ts).
    const seen = await request(h.app).get(WORKFLOW_PATHS.refused).set('Authorization', h.bearer('coordinadorA')).expect(200);
    expect(checkRefusedSendsAnswer(seen.body).refused.map((r) => [r.id, r.errors])).toEqual([[decodeURIComponent(String(sent.headers.location).split('/').pop() ?? ''), 1]]);
    // And in its implementer's count of the month, for the monthly report (kept after the line goes).
    expect(await refusedThisMonth(h.store, MER.id)).toBe(1);
  });

  test('«Revisar sin enviar» past the budget: 202 as a send, then its findings (200) where it says; nothing created, no line for the coordination', async () => {
    const before = (await h.store.listSubmissions({ publisherId: MER.id, limit: 100 })).items.length;
    const listed = async () => checkRefusedSendsAnswer((await request(h.app).get(WORKFLOW_PATHS.refused).set('Authorization', h.bearer('coordinadorA')).expect(200)).body).refused.length;
    const refusedBefore = await listed();
    const sent = await request(h.app).post(`${WORKFLOW_PATHS.workbookCheck}?publisher=mer&archivo=grande.xlsx`).set('Authorization', h.bearer('capturistaA'))
      .set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER, { complete: false }))).expect(202);
    const { res } = await untilChecked(h, sent.headers.location);
    expect(res.status).toBe(200);
    const checked = checkWorkbookCheckAnswer(res.body);
    expect(checked.counts.errors).toBe(1);
    expect(checked.message).toMatch(/^Revisado sin enviar: el libro tiene 1 error \(archivo «grande\.xlsx»\)/);
    expect((await h.store.listSubmissions({ publisherId: MER.id, limit: 100 })).items).toHaveLength(before);
    expect(await listed()).toBe(refusedBefore);
  });

  test('the add-on\'s values: 202, then 201; sent again, the same send «sin cambios» — never a second one', async () => {
    const body = JSON.stringify({ spreadsheetId: 'hoja-valores', workbook: workbookValues(projectWorkbook(MER, { title: 'Mercado' })) });
    const send = () => request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).set('Content-Type', WORKBOOK_JSON_MIME).send(body).expect(202);
    const first = checkSubmitAnswer((await untilChecked(h, (await send()).headers.location)).res.body);
    expect(first.outcome).toBe('created');
    const second = checkSubmitAnswer((await untilChecked(h, (await send()).headers.location)).res.body);
    expect(second.outcome).toBe('unchanged');
    expect(second.submission.id).toBe(first.submission.id);
  });

  test('the daily job removes the outcomes kept more than a week ago; a fresh one is kept and still answered', async () => {
    const send = async (title: string) => {
      const location: string = (await uploadXlsx(h, await xlsxOf(projectWorkbook(MER, { title })), `${title}.xlsx`).expect(202)).headers.location;
      return { location, res: (await untilChecked(h, location)).res };
    };
    const old = await send('Viejo');
    const fresh = await send('Reciente');
    expect([old.res.status, fresh.res.status]).toEqual([201, 201]);
    await ageCheck(h.store, old.location);
    expect(await forgetOldSendChecks(h.store, new Date())).toBe(1);
    expect((await request(h.app).get(old.location).set('Authorization', h.bearer('capturistaA'))).status).toBe(404);
    const kept = await request(h.app).get(fresh.location).set('Authorization', h.bearer('capturistaA')).expect(201);
    expect(checkSubmitAnswer(kept.body).submission.id).toBe(fresh.res.body.submission.id);
    expect(await forgetOldSendChecks(h.store, new Date())).toBe(0);
  });

  test('a check left by a server that stopped (another process\'s, running nowhere): said interrupted at once by the server alone on its store, in Spanish, not «revisando» for ever', async () => {
    const path = `${h.uploadDir}/interrumpido.db`;
    // A server that stops before the check keeps its answer: what it would keep is never written.
    const dying = (): Store => {
      const store = openSqliteStore(path);
      return new Proxy(store, { get: (target, key) => (key === 'putSendCheck'
        ? (id: string, publisherId: string, text: string, keptAt: string) => (text.includes('"state":"done"') ? new Promise<void>(() => undefined) : target.putSendCheck(id, publisherId, text, keptAt))
        : Reflect.get(target, key)) });
    };
    const stopped = await localHarness({ sendBudgetMs: 0, openStore: dying });
    let location: string;
    try {
      const sent = await uploadXlsx(stopped, await xlsxOf(projectWorkbook(MER)), 'a.xlsx').expect(202);
      location = sent.headers.location;
      // Meanwhile, the same process still checking it: «revisando».
      expect((await request(stopped.app).get(location).set('Authorization', stopped.bearer('capturistaA'))).status).toBe(202);
    } finally {
      await stopped.close();
    }
    await new Promise((r) => setTimeout(r, 5));
    const restarted = await localHarness({ sendBudgetMs: 0, openStore: () => openSqliteStore(path) });
    try {
      // Another seed gives other tokens: the same account (its id) asks.
      const res = await request(restarted.app).get(location).set('Authorization', restarted.bearer('capturistaA'));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('send-interrupted');
      expect(res.body.error.message).toMatch(/^La revisión del libro se interrumpió antes de terminar/);
    } finally {
      await restarted.close();
    }
  });
});

test('without a budget the send answers as it always did (201), never 202', async () => {
  const h = await localHarness();
  try {
    const res = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER)));
    expect(res.status).toBe(201);
  } finally {
    await h.close();
  }
});

describe('the cloud (Firestore emulator): a send of a spreadsheet is a task of the queue', () => {
  let emulator: FirestoreEmulator;
  let h: CloudHarness;
  const SHEET = '1SendTaskAbCdEfGhIjKlMnOpQrStU';
  const queued: SendTask[] = [];
  let hold = false;
  let down = false;
  let n = 0;
  const open = (sendBudgetMs: number) => cloudHarness({
    openStore: () => openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: `send${n++}_` }),
    sendBudgetMs,
    // Delivered here, as Cloud Tasks would deliver it to the queue's function: the real task, in a request of its own.
    sendQueue: { async enqueue(task) { if (down) throw new Error('Cloud Tasks: UNAVAILABLE'); queued.push(task); if (!hold) setTimeout(() => void h.runSendTask(task, 0), 10); } },
  });
  beforeAll(async () => { emulator = await startFirestoreEmulator(); });
  afterEach(async () => { await h?.close(); queued.length = 0; hold = false; down = false; });
  afterAll(() => emulator.stop());
  const send = () => request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET, spreadsheetName: 'Obras 2025' });

  test('within its budget the request waits for the task and answers as before: 201, then 200 «sin cambios»; one task each', async () => {
    h = await open(10_000);
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque del Centro' }));
    const first = await send().expect(201);
    expect(checkSubmitAnswer(first.body)).toMatchObject({ outcome: 'created', submission: { status: 'submitted', source: { kind: 'sheets', spreadsheetId: SHEET, name: 'Obras 2025' } } });
    expect(queued).toHaveLength(1);
    const again = await send().expect(200);
    expect(checkSubmitAnswer(again.body)).toMatchObject({ outcome: 'unchanged', submission: { id: first.body.submission.id } });
    expect(queued).toHaveLength(2);
    // Refused by the check: 422 with the findings, as before.
    h.stub.put(SHEET, projectWorkbook(MER, { complete: false }));
    const refused = await send().expect(422);
    expect(refused.body.error.code).toBe('workbook-has-errors');
    // The task kept it with its line: its coordination sees the attempt (refused-sends.ts), another state's does not.
    const seen = await request(h.app).get(WORKFLOW_PATHS.refused).set('Authorization', h.bearer('coordinadorA')).expect(200);
    expect(checkRefusedSendsAnswer(seen.body).refused).toEqual([expect.objectContaining({ publisherId: MER.id, by: 'captura@merida.gob.mx', errors: 1 })]);
    expect(checkRefusedSendsAnswer((await request(h.app).get(WORKFLOW_PATHS.refused).set('Authorization', h.bearer('coordinadorB')).expect(200)).body).refused).toEqual([]);
    expect(await refusedThisMonth(h.store, MER.id)).toBe(1);
  });

  test('a task not done within the budget: 202 with Location; asked there, «revisando», then the answer; a delivery again does nothing', async () => {
    h = await open(0);
    hold = true;
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Mercado' }));
    const sent = await send().expect(202);
    expect(sent.headers['retry-after']).toBe('5');
    expect(queued).toHaveLength(1);
    // Nothing after the answer in this instance: the send is not made until its task runs.
    expect((await h.store.listSubmissions({ publisherId: MER.id, limit: 10 })).items).toHaveLength(0);
    const waiting = await request(h.app).get(sent.headers.location).set('Authorization', h.bearer('capturistaA')).expect(202);
    expect(isSendChecking(waiting.body)).toBe(true);
    await h.runSendTask(queued[0], 0);
    await h.runSendTask(queued[0], 1);
    const done = await request(h.app).get(sent.headers.location).set('Authorization', h.bearer('capturistaA')).expect(201);
    expect(checkSubmitAnswer(done.body).outcome).toBe('created');
    expect((await h.store.listSubmissions({ publisherId: MER.id, limit: 10 })).items).toHaveLength(1);
    expect((await request(h.app).get(sent.headers.location).set('Authorization', h.bearer('capturistaB'))).status).toBe(404);
  });

  test('the daily job removes the outcomes kept more than a week ago; a fresh one is kept and still answered', async () => {
    h = await open(0);
    hold = true;
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Viejo' }));
    const old = await send().expect(202);
    await h.runSendTask(queued[0], 0);
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Reciente' }));
    const fresh = await send().expect(202);
    await h.runSendTask(queued[1], 0);
    await ageCheck(h.store, old.headers.location);
    expect(await forgetOldSendChecks(h.store, new Date())).toBe(1);
    expect((await request(h.app).get(old.headers.location).set('Authorization', h.bearer('capturistaA'))).status).toBe(404);
    const kept = await request(h.app).get(fresh.headers.location).set('Authorization', h.bearer('capturistaA')).expect(200);
    expect(checkSubmitAnswer(kept.body).outcome).toBe('resubmitted');
  });

  test('a send waiting in the queue past 15 minutes is still «revisando», and its task checks it; one whose task has not begun for an hour is told so, and a task coming later still answers', async () => {
    h = await open(0);
    hold = true;
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Fin de mes' }));
    const sent = await send().expect(202);
    // A month's last day: the queue's dispatches busy with publications for 20 minutes.
    await waitedInQueue(h.store, sent.headers.location, 20 * 60_000);
    const waiting = await request(h.app).get(sent.headers.location).set('Authorization', h.bearer('capturistaA')).expect(202);
    expect(isSendChecking(waiting.body)).toBe(true);
    await h.runSendTask(queued[0], 0);
    expect(checkSubmitAnswer((await request(h.app).get(sent.headers.location).set('Authorization', h.bearer('capturistaA')).expect(201)).body).outcome).toBe('created');

    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Fin de mes, corregido' }));
    const late = await send().expect(202);
    await waitedInQueue(h.store, late.headers.location, 61 * 60_000);
    const lost = await request(h.app).get(late.headers.location).set('Authorization', h.bearer('capturistaA'));
    expect([lost.status, lost.body.error.code]).toEqual([503, 'send-interrupted']);
    expect(lost.body.error.message).toMatch(/^La revisión del libro lleva más de una hora sin empezar/);
    expect(lost.body.error.message).not.toMatch(/reinició/);
    // Not the answer kept: the task that does come checks the send, and its outcome is what is answered then.
    await h.runSendTask(queued[1], 0);
    expect(checkSubmitAnswer((await request(h.app).get(late.headers.location).set('Authorization', h.bearer('capturistaA')).expect(200)).body).outcome).toBe('resubmitted');
  });

  test('an attempt that began says so: its check is «revisando» for another hour from then, however long it waited before', async () => {
    h = await open(0);
    hold = true;
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Reintento' }));
    const sent = await send().expect(202);
    await waitedInQueue(h.store, sent.headers.location, 2 * 60 * 60_000);
    // The attempt's run held until told: the check has begun and not ended.
    let finish: (a: SentAnswer) => void = () => undefined;
    let began: () => void = () => undefined;
    const running = new Promise<void>((r) => { began = r; });
    const attempt = runSendTask({ store: h.store, log: () => undefined }, queued[0], 0, () => new Promise<SentAnswer>((r) => { finish = r; began(); }));
    await running;
    await request(h.app).get(sent.headers.location).set('Authorization', h.bearer('capturistaA')).expect(202);
    finish({ status: 201, body: { ok: true } });
    await attempt;
    expect((await request(h.app).get(sent.headers.location).set('Authorization', h.bearer('capturistaA')).expect(201)).body).toEqual({ ok: true });
  });

  test('a task delivered again after its instance died each time says so; a queue that is down, at once', async () => {
    h = await open(0);
    hold = true;
    h.stub.put(SHEET, projectWorkbook(MER));
    const sent = await send().expect(202);
    await h.runSendTask(queued[0], 2);
    const res = await request(h.app).get(sent.headers.location).set('Authorization', h.bearer('capturistaA'));
    expect([res.status, res.body.error.code]).toEqual([503, 'send-interrupted']);
    expect(res.body.error.message).toMatch(/^La revisión del libro se interrumpió varias veces sin terminar/);
    expect((await h.store.listSubmissions({ publisherId: MER.id, limit: 10 })).items).toHaveLength(0);
    down = true;
    const unscheduled = await send();
    expect([unscheduled.status, unscheduled.body.error.code]).toEqual([503, 'send-unscheduled']);
    expect(unscheduled.body.error.message).toBe('No se pudo programar la revisión del libro (servicio de tareas no disponible). Intente de nuevo en unos minutos.');
  });
});
