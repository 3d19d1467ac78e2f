/**
 * Sends refused at the door (422 `workbook-has-errors`, no submission created) seen by their coordination
 * (functions/src/workflow/refused-sends.ts): who, when, how many errors and warnings, and on request what the official
 * was told; only for the implementers the coordinator reads, and gone with the week its check is kept. On both stores,
 * self-hosted, answered within the request (the slow and the cloud's paths: send-checking.test.ts).
 */
import fs from 'fs';
import request from 'supertest';
import { checkRefusedSendAnswer, checkRefusedSendsAnswer, checkWorkbookCheckAnswer, WORKFLOW_PATHS, XLSX_MIME } from '../../core/workflow/contract';
import { directoryUploads } from '../../functions/src/workflow/upload-store';
import { encodeSnapshot } from '../../functions/src/workflow/snapshot';
import { realStores } from '../real-stores';
import type { Store } from '../../functions/src/store/store';
import { localHarness, projectWorkbook, PUBLISHERS, uploadXlsx, xlsxOf, type LocalHarness, type UserName } from './workflow-harness';

const [MER] = PUBLISHERS;

describe.each(realStores('refused'))('%s', (_name, open) => {
  let h: LocalHarness;
  // What the listing asks the store for (the store itself answers).
  const asked: Parameters<Store['listRefusedSends']>[0][] = [];
  beforeAll(async () => {
    h = await localHarness({ openStore: () => { const store = open(); return { ...store, listRefusedSends: (q) => { asked.push(q); return store.listRefusedSends(q); } }; } });
  });
  afterAll(() => h.close());
  const get = (path: string, user: UserName) => request(h.app).get(path).set('Authorization', h.bearer(user));

  test('three refused sends in a week: their coordination sees each (newest first) and what the official was told; another state, nothing', async () => {
    const broken = await xlsxOf(projectWorkbook(MER, { complete: false }));
    for (const name of ['lunes.xlsx', 'miércoles.xlsx', 'viernes.xlsx']) await uploadXlsx(h, broken, name).expect(422);
    expect((await h.store.listSubmissions({ publisherId: MER.id, limit: 10 })).items).toHaveLength(0);

    asked.length = 0;
    const list = checkRefusedSendsAnswer((await get(WORKFLOW_PATHS.refused, 'coordinadorA').expect(200)).body);
    // Its state's lines only, not the country's week (a read each in Firestore, and past 1,000 a state's left out).
    expect(asked).toEqual([{ state: 'Yucatán', limit: 1000 }]);
    expect(list.keptDays).toBe(7);
    expect(list.refused).toHaveLength(3);
    expect(list.refused[0]).toMatchObject({ publisherId: 'mer', publisherName: 'Municipio de Mérida', state: 'Yucatán', by: 'captura@merida.gob.mx', errors: 1 });
    expect([...list.refused].sort((a, b) => b.at.localeCompare(a.at))).toEqual(list.refused);
    // The same, asked for that implementer; its own officials read theirs too.
    expect((checkRefusedSendsAnswer((await get(`${WORKFLOW_PATHS.refused}?publisher=mer`, 'coordinadorA').expect(200)).body)).refused).toEqual(list.refused);
    expect((checkRefusedSendsAnswer((await get(WORKFLOW_PATHS.refused, 'capturistaA').expect(200)).body)).refused).toHaveLength(3);

    // On request, what the official was told: the message and every finding, by sheet, row and column.
    const one = checkRefusedSendAnswer((await get(WORKFLOW_PATHS.refusedSend(list.refused[0].id), 'coordinadorA').expect(200)).body);
    expect(one.message).toMatch(/^No se envió: el libro tiene 1 error \(archivo «viernes\.xlsx»\)/);
    expect(one.findings[0]).toMatchObject({ severity: 'error', cell: { sheet: 'projects', row: 2 } });
    expect(one.refused).toEqual(list.refused[0]);

    // Another state's coordination and another institution's official: nothing listed, the findings refused.
    expect(checkRefusedSendsAnswer((await get(WORKFLOW_PATHS.refused, 'coordinadorB').expect(200)).body).refused).toEqual([]);
    expect(checkRefusedSendsAnswer((await get(WORKFLOW_PATHS.refused, 'capturistaB').expect(200)).body).refused).toEqual([]);
    expect((await get(`${WORKFLOW_PATHS.refused}?publisher=mer`, 'coordinadorB')).status).toBe(403);
    const denied = await get(WORKFLOW_PATHS.refusedSend(list.refused[0].id), 'coordinadorB');
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe('Su cuenta no tiene permiso para ver este envío de «Municipio de Mérida».');
    expect((await get(WORKFLOW_PATHS.refusedSend('mer~00000000-0000-4000-8000-000000000000'), 'coordinadorA')).status).toBe(404);
    expect((await request(h.app).get(WORKFLOW_PATHS.refused)).status).toBe(401);

    // Kept as long as the send's check: the daily job's removal takes each line with it.
    await h.store.deleteSendChecksKeptBefore(new Date(Date.now() + 60_000).toISOString());
    expect(checkRefusedSendsAnswer((await get(WORKFLOW_PATHS.refused, 'coordinadorA').expect(200)).body).refused).toEqual([]);
    expect((await get(WORKFLOW_PATHS.refusedSend(list.refused[0].id), 'coordinadorA')).status).toBe(404);
  });

  test('«Revisar sin enviar»: the send\'s findings and counts, 200 whatever the verdict; no submission, no file, no snapshot, no line for the coordination', async () => {
    const check = (bytes: Buffer, name: string, user: UserName = 'capturistaA') => request(h.app).post(`${WORKFLOW_PATHS.workbookCheck}?publisher=mer&archivo=${encodeURIComponent(name)}`)
      .set('Authorization', h.bearer(user)).set('Content-Type', XLSX_MIME).send(bytes);
    const refusedBefore = checkRefusedSendsAnswer((await get(WORKFLOW_PATHS.refused, 'coordinadorA').expect(200)).body).refused.length;
    const sendsBefore = (await h.store.listSubmissions({ publisherId: MER.id, limit: 100 })).items.length;

    const broken = checkWorkbookCheckAnswer((await check(await xlsxOf(projectWorkbook(MER, { complete: false })), 'borrador.xlsx').expect(200)).body);
    expect(broken.message).toMatch(/^Revisado sin enviar: el libro tiene 1 error \(archivo «borrador\.xlsx»\)\. Corríjalo .* No se envió ni se guardó nada/);
    expect(broken.counts.errors).toBe(1);
    expect(broken.findings[0]).toMatchObject({ severity: 'error', cell: { sheet: 'projects', row: 2 } });

    const goodBytes = await xlsxOf(projectWorkbook(MER, { title: 'Revisado antes' }));
    const good = checkWorkbookCheckAnswer((await check(goodBytes, 'listo.xlsx').expect(200)).body);
    expect(good.counts.errors).toBe(0);
    expect(good.message).toMatch(/^Revisado sin enviar: el libro no tiene errores \(archivo «listo\.xlsx»\).*Puede enviarlo a revisión\./);

    // Nothing created, kept or listed: no send, no file left in the uploads, no snapshot of the clean workbook.
    expect((await h.store.listSubmissions({ publisherId: MER.id, limit: 100 })).items).toHaveLength(sendsBefore);
    expect(checkRefusedSendsAnswer((await get(WORKFLOW_PATHS.refused, 'coordinadorA').expect(200)).body).refused).toHaveLength(refusedBefore);
    expect(fs.readdirSync(h.uploadDir).filter((f) => !f.startsWith('.'))).toEqual([]);
    const reader = directoryUploads(fs.mkdtempSync(`${h.uploadDir}-leido`));
    const { contentHash } = encodeSnapshot(await reader.open(await reader.save(goodBytes)).read());
    expect(await h.store.getSnapshot(contentHash)).toBeUndefined();

    // Checked while the same file is being sent (two tabs): the send keeps its file, whichever ends first.
    const both = await xlsxOf(projectWorkbook(MER, { title: 'Enviado y revisado a la vez' }));
    const [, sent] = await Promise.all([check(both, 'a-la-vez.xlsx').expect(200), uploadXlsx(h, both, 'a-la-vez.xlsx').expect(201)]);
    const held = await h.store.getSubmission(String(sent.body.submission.id));
    expect(held?.source.kind === 'xlsx' && fs.existsSync(`${h.uploadDir}/${held.source.fileId}.xlsx`)).toBe(true);

    // As a send is: for whoever may send for the implementer (another institution's official may not), signed in.
    expect((await check(goodBytes, 'listo.xlsx', 'capturistaB')).status).toBe(403);
    expect((await request(h.app).post(`${WORKFLOW_PATHS.workbookCheck}?publisher=mer`).set('Content-Type', XLSX_MIME).send(goodBytes)).status).toBe(401);
  });
});
