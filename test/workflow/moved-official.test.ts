/**
 * An official moved to another institution (or whose role changed) after a send that answered «se está revisando»
 * (workflow/send-check.ts): asking where it is checked no longer shows the former institution's outcome, and the
 * cloud's queued check, when it runs, does not send for an institution the account no longer sends for — the task
 * asks the policy again, as the request did.
 */
import request from 'supertest';
import { isSendChecking, WORKFLOW_PATHS } from '../../core/workflow/contract';
import type { SendTask } from '../../functions/src/workflow/send-check';
import type { Store } from '../../functions/src/store/store';
import { cloudHarness, localHarness, projectWorkbook, PUBLISHERS, uploadXlsx, USERS, xlsxOf, type CloudHarness, type LocalHarness } from './workflow-harness';

const [MER] = PUBLISHERS;

/** Moves capturistaA (keeping its credential) to Monterrey's institution. */
async function moveToMonterrey(store: Store): Promise<void> {
  const user = await store.getUser(USERS.capturistaA.id);
  if (!user) throw new Error('sin usuario');
  await store.putUser({ ...user, publisherId: 'mty' });
}

describe('self-hosted: the check of a send', () => {
  let h: LocalHarness;
  beforeAll(async () => { h = await localHarness({ sendBudgetMs: 0 }); });
  afterAll(() => h.close());

  test('is no longer read once its official belongs to another institution', async () => {
    const sent = await uploadXlsx(h, await xlsxOf(projectWorkbook(MER)), 'parque.xlsx').expect(202);
    const location = String(sent.body.checking.location);
    let res: request.Response;
    for (let i = 0; ; i++) {
      res = await request(h.app).get(location).set('Authorization', h.bearer('capturistaA'));
      if (res.status !== 202) break;
      if (i > 200) throw new Error('la revisión no terminó');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(res.status).toBe(201);
    // Another institution's official, with the check's id or with its own institution in place of Mérida's: nothing.
    const id = decodeURIComponent(location.split('/').pop() ?? '');
    for (const asked of [id, `mty~${id.split('~')[1]}`]) {
      expect((await request(h.app).get(WORKFLOW_PATHS.sendCheck(asked)).set('Authorization', h.bearer('capturistaB'))).status).toBe(404);
    }
    await moveToMonterrey(h.store);
    const after = await request(h.app).get(location).set('Authorization', h.bearer('capturistaA'));
    expect(after.status).toBe(404);
    expect(after.body.error.message).toMatch(/^No existe esa revisión/);
    expect(JSON.stringify(after.body)).not.toContain('Mérida');
  });
});

describe('cloud: the queued check of a send', () => {
  let h: CloudHarness;
  const queued: SendTask[] = [];
  const SHEET = '1MovedOfficialSheetAbCdEfGhIjKl';
  beforeAll(async () => {
    h = await cloudHarness({ sendBudgetMs: 0, sendQueue: { async enqueue(task) { queued.push(task); } } });
    h.stub.put(SHEET, projectWorkbook(MER));
  });
  afterAll(() => h.close());

  test('sends nothing for an institution its official was moved from meanwhile, and says why', async () => {
    const sent = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET, publisherId: 'mer' }).expect(202);
    expect(isSendChecking(sent.body)).toBe(true);
    expect(queued).toHaveLength(1);
    await moveToMonterrey(h.store);
    await h.runSendTask(queued[0], 0);
    expect((await h.store.listSubmissions({ publisherId: 'mer', limit: 10 })).items).toHaveLength(0);
    const kept = JSON.parse((await h.store.getSendCheck(queued[0].checkId, 'mer')) ?? 'null') as { state: string; answer: { status: number; body: { error: { code: string; message: string } } } };
    expect(kept.state).toBe('done');
    expect(kept.answer.status).toBe(403);
    expect(kept.answer.body.error.message).toBe('Su cuenta no tiene permiso para enviar información de «Municipio de Mérida».');
    // Nor read by the official, now of Monterrey.
    expect((await request(h.app).get(WORKFLOW_PATHS.sendCheck(queued[0].checkId)).set('Authorization', h.bearer('capturistaA'))).status).toBe(404);
  });
});
