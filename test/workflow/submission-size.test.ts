/**
 * What a submission says of its size is what the official filled: a filled template sent from *Mis envíos* read
 * «69 hojas, 836 filas» (every sheet of the file — Instrucciones, Configuración, Catálogos and the empty child
 * sheets — and their two header rows) for 5 contracting processes and 4 projects. The real express app on the real
 * SQLite store, with the example workbook of templates/examples as the template writes it.
 */
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { checkSubmissionListAnswer, checkSubmitAnswer, XLSX_MIME } from '../../core/workflow/contract';
import { exampleWorkbook, publisherOf } from '../example-workbooks';
import { ROOT } from '../standards';
import { localHarness, type LocalHarness } from './workflow-harness';

let h: LocalHarness;
beforeAll(async () => {
  h = await localHarness();
  await h.store.putPublisher(publisherOf('merida', await exampleWorkbook('merida')));
});
afterAll(() => h.close());

test('an uploaded template counts its contracting processes and projects, not its sheets and rows', async () => {
  const bytes = fs.readFileSync(path.join(ROOT, 'templates', 'examples', 'merida.xlsx'));
  const res = await request(h.app).post('/api/submissions?publisher=merida&archivo=merida.xlsx').set('Authorization', h.bearer('admin')).set('Content-Type', XLSX_MIME).send(bytes);
  expect(res.status).toBe(201);
  const sent = checkSubmitAnswer(res.body).submission;
  // The example: 5 rows in Contrataciones (one per ocid) and 4 in Proyectos, below their two header rows.
  expect(sent.snapshot).toMatchObject({ processes: 5, projects: 4 });
  // The list *Mis envíos* draws from carries them too (the answer's runtime check keeps them).
  const list = checkSubmissionListAnswer((await request(h.app).get('/api/submissions?publisher=merida').set('Authorization', h.bearer('admin'))).body);
  expect(list.submissions.find((s) => s.id === sent.id)?.snapshot).toMatchObject({ processes: 5, projects: 4 });
});
