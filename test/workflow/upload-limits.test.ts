/**
 * Issue 13 item 4 / issue 17 item 2: what a capturista uploads cannot hurt the server. Workbooks over the read
 * limits are refused at the door in Spanish with nothing kept; each publisher has a storage quota; a new upload
 * cleans up the files of the submissions it supersedes; and while a large upload is read, other requests are
 * still answered.
 */
import * as fs from 'fs';
import type { AddressInfo } from 'net';
import request from 'supertest';
import { rawXlsx, repeatedDeflate, replaceSheet, worksheetXml } from '../../functions/src/ingest/xlsx/raw-xlsx';
import { compoundFile, ENCRYPTED_STREAMS } from '../../functions/src/ingest/xlsx/raw-compound-file';
import { XLSX_MIME } from '../../core/workflow/contract';
import { localHarness, projectWorkbook, PUBLISHERS, xlsxOf, type LocalHarness } from './workflow-harness';

const MER = PUBLISHERS[0];
const upload = (h: LocalHarness, bytes: Buffer) => request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(bytes);
const kept = (h: LocalHarness) => (fs.existsSync(h.uploadDir) ? fs.readdirSync(h.uploadDir).filter((f) => f.endsWith('.xlsx')) : []);

/** A sheet of `rows` numbered rows, deflated once per 20,000 rows (cheap to build at any size). */
async function manyRows(rows: number): Promise<Buffer> {
  const block = Array.from({ length: 20_000 }, (_v, i) => `<row><c><v>${(i * 7919) % 100_003}</v></c></row>`).join('');
  const packed = await repeatedDeflate(worksheetXml('').replace('</sheetData></worksheet>', ''), block, Math.ceil(rows / 20_000), '</sheetData></worksheet>', 1);
  return replaceSheet(rawXlsx({ sheets: [{ name: 'Filas', xml: worksheetXml('') }], stored: true }), packed, 40 * rows);
}

describe('limits at the door', () => {
  let h: LocalHarness;
  beforeAll(async () => { h = await localHarness({ maxUploadBytes: 50 * 2 ** 20 }); });
  afterAll(() => h.close());

  test('3 million rows: 413 naming the limit, no file kept, no submission', async () => {
    const res = await upload(h, await manyRows(3_000_000));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('source.limit-rows-per-sheet');
    expect(res.body.error.message).toMatch(/más de 1,048,576 filas.*«Filas»/);
    expect(kept(h)).toEqual([]);
    expect((await h.store.listSubmissions({ publisherId: 'mer' })).items).toEqual([]);
  });

  test('a zip bomb: 413, nothing kept', async () => {
    const packed = await repeatedDeflate(`${worksheetXml('').replace('</sheetData></worksheet>', '')}<row r="1"><c r="A1" t="inlineStr"><is><t>`, Buffer.alloc(2 ** 24, 0x20), 64, '</t></is></c></row></sheetData></worksheet>');
    const res = await upload(h, replaceSheet(rawXlsx({ sheets: [{ name: 'Bomba', xml: worksheetXml('') }], stored: true }), packed, 1000));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/bomba zip|descomprimido/);
    expect(kept(h)).toEqual([]);
  });

  test('a few KB that the door\'s count lets through but whose model would not fit: 413 from the read, nothing kept, the server still answering', async () => {
    // Each passed the upload's count (few rows, few cells) and then, read for its values: a value in column ZZZZZZZ
    // (1.5 KB) grew its row past the engine's largest array and aborted the whole server; a value in row 1,048,576
    // of each of 200 sheets (62 KB) filled the background thread's memory for two minutes; 2 million merged ranges
    // (9 MB) took 1.5 GB, now counted instead (workbook-reader.test.ts).
    const wide = rawXlsx({ sheets: [{ name: 'Ancha', xml: worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="ZZZZZZZ1"><v>1</v></c></row>') }] });
    const tallSheet = worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="1048576"><c r="A1048576"><v>1</v></c></row>');
    const tall = rawXlsx({ sheets: Array.from({ length: 200 }, (_v, i) => ({ name: `Alta ${i + 1}`, xml: tallSheet })) });
    for (const [bytes, code, message] of [
      [wide, 'source.limit-columns', /tiene datos más allá de la columna XFD \(la número 16,384\), la última que se acepta \(hoja «Ancha»\)/],
      [tall, 'source.limit-rows', /más de 1,500,000 filas en total \(contando las vacías que quedan entre filas con datos\)/],
    ] as const) {
      const res = await upload(h, Buffer.from(bytes));
      expect([res.status, res.body.error.code]).toEqual([413, code]);
      expect(res.body.error.message).toMatch(message);
      expect(kept(h)).toEqual([]);
      expect((await request(h.app).get('/api/publishers')).status).toBe(200);
    }
    expect((await h.store.listSubmissions({ publisherId: 'mer' })).items).toEqual([]);
  });

  test('a workbook sent as another type (or none): 415 naming the type and the one to use, nothing kept', async () => {
    const good = await xlsxOf(projectWorkbook(MER));
    for (const type of ['application/octet-stream', undefined]) {
      let req = request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA'));
      if (type) req = req.set('Content-Type', type);
      const res = await req.send(good);
      expect([res.status, res.body.error.message]).toEqual([415, `No se admite el tipo de contenido «${type ?? 'sin indicar'}». Envíe el libro .xlsx con Content-Type: ${XLSX_MIME}.`]);
    }
    expect(kept(h)).toEqual([]);
  });

  test('a damaged workbook: 422 in Spanish; a body over the size limit: 413 naming the size', async () => {
    const good = await xlsxOf(projectWorkbook(MER));
    const damaged = good.subarray(0, good.length - 40); // cut short: no zip directory
    const res = await upload(h, damaged);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/no es un libro de Excel \(\.xlsx\) válido o está dañado; .* Ábralo en Excel: si abre, guárdelo de nuevo con Archivo › Guardar como › «Libro de Excel \(\.xlsx\)»/);
    // A workbook Excel encrypted with a password is not a zip: said as what it is, with the way to remove it.
    const encrypted = await upload(h, compoundFile(ENCRYPTED_STREAMS));
    expect([encrypted.status, encrypted.body.error.code]).toEqual([400, 'invalid-xlsx']);
    expect(encrypted.body.error.message).toMatch(/^El archivo enviado está protegido con contraseña y así no se puede leer\. Ábralo en Excel, quítele la contraseña/);
    expect(kept(h)).toEqual([]);
    const small = await localHarness({ maxUploadBytes: 2048 });
    try {
      const big = await upload(small, good);
      expect(big.status).toBe(413);
      expect(big.body.error).toMatchObject({ code: 'source.limit-compressed-bytes' });
      // What to do, not only what went wrong: send it in parts (whole processes, one after another's approval) or
      // have the limit raised.
      expect(big.body.error.message).toBe('El archivo pesa más de 2 KB, el tamaño máximo que recibe este servidor. Puede enviarlo en partes: divida sus procesos de contratación y proyectos en varios libros, cada proceso o proyecto con todas sus filas (de todas las hojas) en el mismo libro, y envíe uno; cuando su coordinación lo apruebe, envíe el siguiente. Lo que no viene en un libro se conserva publicado tal como está. O pida a quien administra el servidor que aumente el límite (la variable MAX_BODY_BYTES).');
    } finally { await small.close(); }
  });

  test('an upload sent with its name is named by it in what is refused, not «libro enviado (.xlsx)»', async () => {
    // An official who sent three files could not tell which one failed: each said «El archivo «libro enviado (.xlsx)»».
    const named = (bytes: Buffer | Uint8Array, name: string) => request(h.app).post(`/api/submissions?publisher=mer&archivo=${encodeURIComponent(name)}`)
      .set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(Buffer.from(bytes));
    const good = await xlsxOf(projectWorkbook(MER));
    // Damaged (the door's count), a value past column XFD (the read for its values), not a zip (before both).
    const damaged = await named(good.subarray(0, good.length - 40), 'C:\\Capturas\\Contratos 2024.xlsx');
    expect([damaged.status, damaged.body.error.message]).toEqual([422, expect.stringMatching(/^El archivo «Contratos 2024\.xlsx» no es un libro de Excel \(\.xlsx\) válido o está dañado;/)]);
    const wide = rawXlsx({ sheets: [{ name: 'Ancha', xml: worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="ZZZZZZZ1"><v>1</v></c></row>') }] });
    const read = await named(wide, 'Obras marzo.xlsx');
    expect([read.status, read.body.error.message]).toEqual([413, expect.stringMatching(/^El archivo «Obras marzo\.xlsx» tiene datos más allá de la columna XFD/)]);
    const text = await named(Buffer.from('id,titulo\n1,Obra\n'), 'Proyectos.xlsx');
    expect([text.status, text.body.error.message]).toEqual([400, expect.stringMatching(/^El archivo «Proyectos\.xlsx» es un archivo de texto/)]);
    // Saved by LibreOffice in its own format (a zip, so past the door): said as what it is, with how to save it as .xlsx.
    const ods = await named(fs.readFileSync(`${__dirname}/../fixtures/libreoffice/guardado-como-ods.ods`), 'Obras abril.ods');
    expect([ods.status, ods.body.error.message]).toEqual([422, expect.stringMatching(/^El archivo «Obras abril\.ods» es una hoja de cálculo de LibreOffice u OpenOffice \(\.ods\), no un libro de Excel \(\.xlsx\)\. Ábralo en LibreOffice Calc, elija Archivo › Guardar como…/)]);
    expect(kept(h)).toEqual([]);
  });

  test('while a large upload is read, other requests are answered (the read yields)', async () => {
    const server = h.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const bytes = await manyRows(1_000_000); // within the limits: about 28 MB of sheet to count
      let uploading = true;
      const started = Date.now();
      const post = fetch(`${base}/api/submissions?publisher=mer`, { method: 'POST', headers: { Authorization: h.bearer('capturistaA'), 'Content-Type': XLSX_MIME }, body: bytes })
        .then(async (r) => { uploading = false; return { status: r.status, ms: Date.now() - started }; });
      const latencies: number[] = [];
      while (uploading) {
        const t = Date.now();
        const r = await fetch(`${base}/api/publishers`);
        await r.arrayBuffer();
        if (uploading) latencies.push(Date.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const result = await post;
      // Read whole and checked: a sheet of numbers outside the template has nothing to submit (workbook.empty).
      expect(result.status).toBe(422);
      // Answered all along: several answers during the upload, none waiting for most of it. (Ratios, not
      // times: a loaded machine slows both sides alike.)
      expect(latencies.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...latencies)).toBeLessThan(result.ms / 2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('quota and clean-up', () => {
  test('a publisher over its quota is refused in Spanish; the same file again is not counted twice', async () => {
    const first = await xlsxOf(projectWorkbook(MER, { title: 'Primera' }));
    const h = await localHarness({ uploadQuotaBytes: first.length + 100 });
    try {
      expect((await upload(h, first)).status).toBe(201);
      expect((await upload(h, first)).status).toBe(200);
      const second = await upload(h, await xlsxOf(projectWorkbook(MER, { title: 'Segunda' })));
      expect(second.status).toBe(413);
      expect(second.body.error.code).toBe('upload-quota');
      expect(second.body.error.message).toMatch(/Municipio de Mérida» ya ocupan \d+ KB y este archivo \d+ KB: el máximo por implementador es \d+ KB\./);
      expect(kept(h)).toHaveLength(1);
    } finally { await h.close(); }
  });

  test('a correction of a returned upload is counted instead of the file it replaces, not beside it', async () => {
    const first = await xlsxOf(projectWorkbook(MER, { title: 'Primera' }));
    const h = await localHarness({ uploadQuotaBytes: first.length + 100 });
    try {
      const a = (await upload(h, first)).body.submission.id as string;
      expect((await request(h.app).post(`/api/submissions/${a}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Corrija el título.' })).status).toBe(200);
      const corrected = await upload(h, await xlsxOf(projectWorkbook(MER, { title: 'Segunda' })));
      expect([corrected.status, corrected.body.submission?.id]).toEqual([200, a]);
      expect(kept(h)).toHaveLength(1);
    } finally { await h.close(); }
  });

  test('a workbook with errors is refused at the door: 422 naming its cells, no submission, no file kept', async () => {
    const h = await localHarness();
    try {
      const refused = await upload(h, await xlsxOf(projectWorkbook(MER, { complete: false })));
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('workbook-has-errors');
      expect(JSON.stringify(refused.body.error.findings)).toMatch(/fila \d+/);
      expect((await h.store.listSubmissions({})).items).toHaveLength(0);
      expect(kept(h)).toEqual([]);
    } finally { await h.close(); }
  });

  test('a corrected upload replaces the returned one\'s file; a published upload\'s file goes once a newer one arrives', async () => {
    const h = await localHarness();
    try {
      const first = await xlsxOf(projectWorkbook(MER, { title: 'Primera versión' }));
      const a = (await upload(h, first)).body.submission.id as string;
      const returned = await request(h.app).post(`/api/submissions/${a}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Falta el presupuesto aprobado.' });
      expect(returned.body.submission.status).toBe('returned');
      expect(kept(h)).toHaveLength(1);

      // The corrected file continues the returned submission (excel-resubmission.test.ts); its old file is removed.
      const fixed = await upload(h, await xlsxOf(projectWorkbook(MER, { title: 'Segunda versión' })));
      expect([fixed.status, fixed.body.submission.id]).toEqual([200, a]);
      expect(kept(h)).toEqual([`${(fixed.body.submission.source as { fileId: string }).fileId}.xlsx`]);

      // Published, then superseded: the published data stays, the file goes.
      expect((await request(h.app).post(`/api/submissions/${a}/approve`).set('Authorization', h.bearer('coordinadorA'))).body.submission.status).toBe('published');
      const update = await upload(h, first);
      expect(update.status).toBe(201);
      expect(kept(h)).toEqual([`${(update.body.submission.source as { fileId: string }).fileId}.xlsx`]);
      expect((await request(h.app).get('/api/oc4ids/projects?publisher=mer')).body.projects).toHaveLength(1);
    } finally { await h.close(); }
  });
});
