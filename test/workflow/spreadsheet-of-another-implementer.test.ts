/**
 * A spreadsheet sent for one implementer and then sent by an account of another (a consultant who fills two
 * municipalities' sheets, an add-on that kept the other account's key): refused before it is read, saying whose
 * sheet it is and what to do — it was refused only by the prefix check, which told the official to have the
 * coordination correct the registered prefix. A send taken back does not bind the sheet.
 */
import request from 'supertest';
import { cloudHarness, localHarness, projectWorkbook, PUBLISHERS, type CloudHarness, type LocalHarness } from './workflow-harness';
import { WORKBOOK_JSON_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';

const [MER, MTY] = PUBLISHERS;

describe('cloud: a sheet of Mérida sent by Monterrey\'s account', () => {
  let h: CloudHarness;
  beforeAll(async () => { h = await cloudHarness(); });
  afterAll(() => h.close());
  const send = (sheet: string, who: 'capturistaA' | 'capturistaB') => request(h.app).post('/api/submissions').set('Authorization', h.bearer(who)).send({ spreadsheetId: sheet });

  test('is refused naming both implementers, and Mérida\'s send stays as it was', async () => {
    const sheet = '1ConsultantSheetOfMeridaAbCdEf';
    h.stub.put(sheet, projectWorkbook(MER));
    expect((await send(sheet, 'capturistaA')).status).toBe(201);
    const refused = await send(sheet, 'capturistaB');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('spreadsheet-of-other-publisher');
    expect(refused.body.error.message).toContain(`se ha enviado para «${MER.name}»`);
    expect(refused.body.error.message).toContain(`envía para «${MTY.name}»`);
    expect(refused.body.error.message).toContain('cuenta de Google registrada');
    const sends = (await h.store.listSubmissions({ spreadsheetId: sheet, limit: 10 })).items;
    expect(sends.map((s) => [s.publisherId, s.status])).toEqual([['mer', 'submitted']]);
    // In the Bitácora: Mérida's coordination sees who tried to send its implementer's sheet, for whom; a listing of
    // either implementer finds it (the administration's of Monterrey here).
    for (const [publisher, coordinator] of [['mer', 'coordinadorA'], ['mty', 'admin']] as const) {
      const log = await request(h.app).get(`/api/audit?publisher=${publisher}`).set('Authorization', h.bearer(coordinator)).expect(200);
      expect((log.body.entries as { action: string; by: string; details: { spreadsheetId?: string; sentFor?: string } }[]).filter((e) => e.action === 'submission.other-implementer'))
        .toEqual([expect.objectContaining({ by: 'captura@monterrey.gob.mx', details: expect.objectContaining({ spreadsheetId: sheet, sentFor: 'mty' }) })]);
    }
  });

  test('once Mérida\'s send was taken back, the sheet may be sent for Monterrey', async () => {
    const sheet = '1SheetSentByMistakeAbCdEfGhIj';
    h.stub.put(sheet, projectWorkbook(MER));
    const first = await send(sheet, 'capturistaA').expect(201);
    await request(h.app).post(`/api/submissions/${first.body.submission.id as string}/withdraw`).set('Authorization', h.bearer('capturistaA')).expect(200);
    h.stub.put(sheet, projectWorkbook(MTY));
    const sent = await send(sheet, 'capturistaB');
    expect(sent.status).toBe(201);
    expect(sent.body.submission.publisherId).toBe('mty');
  });
});

test('self-hosted: the refusal says where the key of the other account goes', async () => {
  const h: LocalHarness = await localHarness();
  try {
    const send = (who: 'capturistaA' | 'capturistaB') => request(h.app).post('/api/submissions').set('Authorization', h.bearer(who)).set('Content-Type', WORKBOOK_JSON_MIME)
      .send(JSON.stringify({ spreadsheetId: 'hoja-merida-consultor', workbook: workbookValues(projectWorkbook(MER)) }));
    expect((await send('capturistaA')).status).toBe(201);
    const refused = await send('capturistaB');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(`clave de acceso de su cuenta de «${MER.name}» (se guarda para esta hoja)`);
  } finally { await h.close(); }
});
