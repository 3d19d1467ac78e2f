/**
 * The spreadsheet's name travels with a send from the add-on (`spreadsheetName`), so that the coordinators' inbox
 * says which spreadsheet a send came from. It is untrusted input: a string, kept as one trimmed line without control
 * characters nor direction marks, cut at MAX_SOURCE_NAME_LENGTH characters; anything else is a 400 in Spanish and
 * nothing is kept. Over HTTP against the real app, self-hosted (the values the add-on read) and in the cloud (the
 * backend reads the sheet).
 */
import request from 'supertest';
import { checkSubmissionListAnswer, checkSubmitAnswer, MAX_SOURCE_NAME_LENGTH, WORKBOOK_JSON_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { cloudHarness, localHarness, projectWorkbook, PUBLISHERS, type CloudHarness, type LocalHarness } from './workflow-harness';

const [MER] = PUBLISHERS;

describe('self-hosted: the values the add-on read, with the spreadsheet\'s name', () => {
  let h: LocalHarness;
  beforeAll(async () => { h = await localHarness(); });
  afterAll(() => h.close());

  const send = (body: Record<string, unknown>, title = 'Parque') => request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).set('Content-Type', WORKBOOK_JSON_MIME)
    .send(JSON.stringify({ workbook: workbookValues(projectWorkbook(MER, { title })), ...body }));

  test('kept trimmed, on one line, without direction marks; shown in the submission and the list', async () => {
    const sent = await send({ spreadsheetId: 'hoja-uno', spreadsheetName: '  Obra pública\n\t2024 \u202eMérida\u202c  ' });
    expect(sent.status).toBe(201);
    const id = checkSubmitAnswer(sent.body).submission.id;
    expect(sent.body.submission.source).toEqual({ kind: 'values', spreadsheetId: 'hoja-uno', name: 'Obra pública 2024 Mérida' });
    expect((await h.store.getSubmission(id))?.source).toEqual({ kind: 'values', spreadsheetId: 'hoja-uno', name: 'Obra pública 2024 Mérida' });
    const list = checkSubmissionListAnswer((await request(h.app).get('/api/submissions?spreadsheetId=hoja-uno').set('Authorization', h.bearer('coordinadorA'))).body);
    expect(list.submissions.map((s) => s.source)).toEqual([{ kind: 'values', spreadsheetId: 'hoja-uno', name: 'Obra pública 2024 Mérida' }]);
  });

  test('a name longer than the cap is cut with «…»; a blank one is left out; a new version takes the name the sheet has now', async () => {
    const long = await send({ spreadsheetId: 'hoja-dos', spreadsheetName: `Obras ${'ñ'.repeat(400)}` });
    expect(long.status).toBe(201);
    const name = long.body.submission.source.name as string;
    expect([...name]).toHaveLength(MAX_SOURCE_NAME_LENGTH);
    expect(name.endsWith('ñ…')).toBe(true);

    const blank = await send({ spreadsheetId: 'hoja-tres', spreadsheetName: ' \n ' });
    expect(blank.status).toBe(201);
    expect(blank.body.submission.source).toEqual({ kind: 'values', spreadsheetId: 'hoja-tres' });

    const again = await send({ spreadsheetId: 'hoja-tres', spreadsheetName: 'Obra pública 2025' }, 'Parque renovado');
    expect([again.status, again.body.outcome, again.body.submission.id]).toEqual([200, 'resubmitted', blank.body.submission.id]);
    expect(again.body.submission.source).toEqual({ kind: 'values', spreadsheetId: 'hoja-tres', name: 'Obra pública 2025' });
  });

  test('a name that is not text is refused with a 400 naming the field, and nothing is kept', async () => {
    const before = (await h.store.listSubmissions({ publisherId: MER.id })).items.length;
    for (const spreadsheetName of [42, { name: 'x' }, ['Obra']]) {
      const res = await send({ spreadsheetId: 'hoja-cuatro', spreadsheetName });
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid-request']);
      expect(res.body.error.message).toMatch(/spreadsheetName/);
    }
    expect((await h.store.listSubmissions({ publisherId: MER.id })).items.length).toBe(before);
  });
});

describe('cloud: the backend reads the sheet; the add-on sends its name', () => {
  let h: CloudHarness;
  beforeAll(async () => { h = await cloudHarness(); });
  afterAll(() => h.close());

  test('kept with the sheet\'s id', async () => {
    const SHEET = '1NombreDeHojaAbCdEfGhIjKlMnOpQrStUv012345';
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque del Centro' }));
    const sent = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET, spreadsheetName: 'Obra pública Mérida 2024' });
    expect(sent.status).toBe(201);
    expect(sent.body.submission.source).toEqual({ kind: 'sheets', spreadsheetId: SHEET, name: 'Obra pública Mérida 2024' });
  });
});
