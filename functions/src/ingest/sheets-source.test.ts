import { auth } from '@googleapis/sheets';
import { startSheetsStub, type SheetsStub } from '../../../test/workflow/sheets-stub';
import { GoogleSheetsSource, isSpreadsheetId } from './sheets-source';
import { SourceError } from './sheet-source';
import { unflatten } from '../../../core/unflatten';

let stub: SheetsStub;
const client = new auth.OAuth2();
client.setCredentials({ access_token: 'test-token', expiry_date: Date.now() + 3600e3 });

const source = (id: string, extra: object = {}) =>
  new GoogleSheetsSource(id, { auth: client, rootUrl: stub.rootUrl, serviceAccountEmail: 'lector@demo.iam.gserviceaccount.com', retryDelaysMs: [0, 0], ...extra });

beforeAll(async () => { stub = await startSheetsStub(); });
afterAll(() => stub.close());

const ID = 'sheet-aaaaaaaaaa';

test('reads every grid sheet in one batchGet, unformatted values with serial dates, merges as A1 ranges', async () => {
  stub.put(ID, {
    sheets: [
      { name: 'Proyectos', rows: [['Título', 'Fecha'], ['id', 'period/startDate'], ['p-1', new Date('2024-01-15T00:00:00Z')], [], ['p-2', 12.5, true]], merges: ['A1:B1'] },
      { name: "Hoja d'Ana", rows: [['x']] },
      { name: 'Vacía', rows: [] },
    ],
  });
  stub.requests.length = 0;
  const wb = await source(ID).read();
  expect(wb.sheets.map((s) => s.name)).toEqual(['Proyectos', "Hoja d'Ana", 'Vacía']);
  expect(wb.sheets[0].rows).toEqual([['Título', 'Fecha'], ['id', 'period/startDate'], ['p-1', 45306], [], ['p-2', 12.5, true]]);
  expect(wb.sheets[0].merges).toEqual(['A1:B1']);
  expect(wb.sheets[1].rows).toEqual([['x']]);
  expect(wb.sheets[2].rows).toEqual([]);
  const batch = stub.requests.filter((r) => r.path.endsWith('values:batchGet'));
  expect(batch).toHaveLength(1);
  expect(batch[0].query.getAll('ranges')).toEqual(["'Proyectos'", "'Hoja d''Ana'", "'Vacía'"]);
  expect(batch[0].query.get('valueRenderOption')).toBe('UNFORMATTED_VALUE');
  expect(batch[0].query.get('dateTimeRenderOption')).toBe('SERIAL_NUMBER');
  expect(stub.requests.every((r) => r.authorization === 'Bearer test-token')).toBe(true);
});

test('a postal code formatted 00000 reads as the sheet shows it: a second batchGet, FORMATTED_VALUE, of that column\'s rows holding numbers only', async () => {
  const sheet = { name: 'Ubicaciones', rows: [
    ['Identificador del proyecto', 'Identificador', 'Código postal', 'Latitud'],
    ['id', 'locations/0/id', 'locations/0/address/postalCode', 'locations/0/geometry/coordinates/1'],
    ['p-1', 'U1', 'sin número', 20.97],
    ['p-1', 'U2', 6720, 20.5],
    ['p-1', 'U3', 97000, 21],
    ['p-1', 'U4', 1234, 19.4],
  ] };
  stub.put(ID, { sheets: [sheet] }, { Ubicaciones: { C4: '00000', C5: '00000', D3: '0.000000' } });
  stub.requests.length = 0;
  const wb = await source(ID).read();
  // 97000 shows as it is, 1234 has no format: they stay the numbers. The latitude (a number column) is not asked for.
  expect(wb.sheets[0].rows.slice(2).map((r) => r.slice(2))).toEqual([['sin número', 20.97], ['06720', 20.5], [97000, 21], [1234, 19.4]]);
  const batches = stub.requests.filter((r) => r.path.endsWith('values:batchGet'));
  expect(batches.map((b) => [b.query.getAll('ranges'), b.query.get('valueRenderOption')])).toEqual([
    [["'Ubicaciones'"], 'UNFORMATTED_VALUE'],
    [["'Ubicaciones'!C4:C6"], 'FORMATTED_VALUE'],
  ]);
});

test('a document link pasted as a hyperlink on «Contrato»: one spreadsheets.get of that column\'s text cells reads its hyperlink, and the engine publishes it', async () => {
  const sheet = { name: 'Documentos del proyecto', rows: [
    ['Identificador del proyecto', 'Identificador', 'Título', 'Dirección'],
    ['id', 'documents/id', 'documents/title', 'documents/url'],
    ['p-1', 'D1', 'Contrato de obra', 'Contrato'],
    ['p-1', 'D2', 'Plano', 'https://obra.gob.mx/plano.pdf'],
    ['p-1', 'D3', 'Acta', 'Ver documento'],
  ], links: { D3: 'https://obra.gob.mx/contrato.pdf', D4: 'https://otra.gob.mx/' } };
  stub.put(ID, { sheets: [{ name: 'Proyectos', rows: [['Identificador', 'Título'], ['id', 'title'], ['p-1', 'Parque']] }, sheet] });
  stub.requests.length = 0;
  const wb = await source(ID).read();
  // Only the cell that has a link and shows no address: the typed address keeps what it says.
  expect(wb.sheets[1].links).toEqual({ D3: 'https://obra.gob.mx/contrato.pdf' });
  const gets = stub.requests.filter((r) => !r.path.endsWith('values:batchGet'));
  expect(gets.map((r) => r.query.getAll('ranges'))).toEqual([[], ["'Documentos del proyecto'!D3:D5"]]);
  expect(gets[1].query.get('fields')).toContain('hyperlink');
  const out = unflatten(wb, { now: '2025-01-01T00:00:00Z' });
  expect((out.projects[0] as { documents: { url: string }[] }).documents.map((d) => d.url)).toEqual(['https://obra.gob.mx/contrato.pdf', 'https://obra.gob.mx/plano.pdf', 'Ver documento']);
  expect(out.findings.filter((f) => f.code === 'cell.link-used').map((f) => f.cell)).toEqual([expect.objectContaining({ sheet: 'Documentos del proyecto', row: 3, column: 4 })]);
  // A workbook whose link columns hold addresses only asks nothing more.
  stub.put(ID, { sheets: [{ ...sheet, rows: [sheet.rows[0], sheet.rows[1], sheet.rows[3]] }] });
  stub.requests.length = 0;
  await source(ID).read();
  expect(stub.requests.filter((r) => !r.path.endsWith('values:batchGet'))).toHaveLength(1);
});

test('an amount computed by a formula (=B3/1.16): one batchGet of that column\'s cells past cents, FORMULA, and the engine publishes it in cents', async () => {
  const computed = 128400219.37 / 1.16;
  const sheet = { name: 'Contrataciones', rows: [
    ['Identificador de contratación (OCID)', 'Identificador de la licitación', 'Monto estimado de la licitación', 'Monto mínimo de la licitación'],
    ['ocid', 'tender/id', 'tender/value/amount', 'tender/minValue/amount'],
    ['ocds-abc123-0001', 'T1', computed, 27317.8168],
    ['ocds-abc123-0002', 'T2', 1500000.5, 10],
  ], formulas: { C3: '=B3/1.16' } };
  stub.put(ID, { sheets: [sheet] });
  stub.requests.length = 0;
  const wb = await source(ID).read();
  const batches = stub.requests.filter((r) => r.path.endsWith('values:batchGet'));
  expect(batches.map((b) => [b.query.getAll('ranges'), b.query.get('valueRenderOption')])).toEqual([[["'Contrataciones'"], 'UNFORMATTED_VALUE'], [["'Contrataciones'!C3:C3", "'Contrataciones'!D3:D3"], 'FORMULA']]);
  expect(wb.sheets[0].formulas).toEqual({ C3: '=B3/1.16' });
  const tender = (unflatten(wb, { now: '2025-01-01T00:00:00Z' }).releases[0] as { tender: { value: { amount: number }; minValue: { amount: number } } }).tender;
  expect([tender.value.amount, tender.minValue.amount]).toEqual([110689844.28, 27317.8168]);
});

test('a sheet not shared with the platform names the account to share it with', async () => {
  stub.put(ID, { sheets: [{ name: 'Proyectos', rows: [['a']] }] });
  stub.fail(ID, { kind: 403 });
  const err = await source(ID).read().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SourceError);
  expect((err as SourceError).code).toBe('sheets.forbidden');
  expect((err as SourceError).message).toContain('lector@demo.iam.gserviceaccount.com');
  stub.fail(ID, undefined);
});

test('a deployment without the Sheets API enabled is said as such, not as a sheet to share', async () => {
  stub.put(ID, { sheets: [{ name: 'Proyectos', rows: [['a']] }] });
  const message = 'Google Sheets API has not been used in project 123456789 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project=123456789 then retry.';
  stub.fail(ID, { kind: 403, google: { message, status: 'PERMISSION_DENIED', reason: 'accessNotConfigured' } });
  const err = (await source(ID).read().catch((e: unknown) => e)) as SourceError;
  expect(err).toBeInstanceOf(SourceError);
  expect([err.code, err.message]).toEqual(['sheets.api-disabled', 'No se pudo leer la hoja de cálculo: la API de Google Sheets no está activada en el proyecto de la plataforma, así que no puede leer ninguna hoja. Avise a quien administra la plataforma (docs/deploy.md §2: activar sheets.googleapis.com); su hoja no tiene que cambiar.']);
  // The sheet not shared (Google's «The caller does not have permission») still names the account to share it with.
  stub.fail(ID, { kind: 403, google: { message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } });
  expect(((await source(ID).read().catch((e: unknown) => e)) as SourceError).code).toBe('sheets.forbidden');
  stub.fail(ID, undefined);
});

test('an unknown spreadsheet is a Spanish not-found error, without retries', async () => {
  stub.requests.length = 0;
  const err = (await source('no-such-sheet-123').read().catch((e: unknown) => e)) as SourceError;
  expect(err.code).toBe('sheets.not-found');
  expect(err.message).toMatch(/no existe la hoja de cálculo no-such-sheet-123 o no está compartida con la plataforma\. Compártala con la cuenta lector@demo\.iam\.gserviceaccount\.com/);
  // The add-on sends the open sheet's id: there is no link for the official to check.
  expect(err.message).not.toMatch(/enlace/);
  expect(stub.requests).toHaveLength(1);
});

test('an Excel file kept in Drive (not converted to a Google Sheet) says so and how to convert it, without retries', async () => {
  stub.put(ID, { sheets: [{ name: 'Proyectos', rows: [['a']] }] });
  // What the Sheets API answers for a .xlsx opened from Drive (Office editing mode): it reads only Google Sheets.
  stub.fail(ID, { kind: 400, google: { message: 'This operation is not supported for this document', status: 'FAILED_PRECONDITION', reason: 'failedPrecondition' } });
  stub.requests.length = 0;
  const err = (await source(ID).read().catch((e: unknown) => e)) as SourceError;
  expect(err).toBeInstanceOf(SourceError);
  expect([err.code, err.message]).toEqual(['sheets.not-a-google-sheet', 'No se pudo leer la hoja de cálculo: es un archivo de Excel (.xlsx) guardado en Google Drive, no una hoja de cálculo de Google. Ábralo en Google Drive, elija «Archivo» → «Guardar como Hojas de cálculo de Google» y envíe la copia que se crea.']);
  expect(stub.requests).toHaveLength(1);
  stub.fail(ID, undefined);
});

test('server errors are retried a bounded number of times, then fail in Spanish', async () => {
  stub.put(ID, { sheets: [{ name: 'Proyectos', rows: [['a']] }] });
  stub.fail(ID, { kind: 503 });
  stub.requests.length = 0;
  const err = (await source(ID).read().catch((e: unknown) => e)) as SourceError;
  expect(err.code).toBe('sheets.unavailable');
  expect(err.message).toBe('No se pudo leer la hoja de cálculo: Google respondió 503 (error temporal del servicio). Intente de nuevo en unos minutos.');
  expect(stub.requests).toHaveLength(3);
  stub.fail(ID, undefined);
});

test('a transient error followed by success reads the sheet', async () => {
  stub.put(ID, { sheets: [{ name: 'Proyectos', rows: [['a']] }] });
  stub.fail(ID, { kind: 500, times: 1 });
  expect((await source(ID).read()).sheets[0].rows).toEqual([['a']]);
});

test('a truncated JSON response is a Spanish error, not a crash', async () => {
  stub.fail(ID, { kind: 'truncated' });
  const err = (await source(ID).read().catch((e: unknown) => e)) as SourceError;
  expect(err).toBeInstanceOf(SourceError);
  expect(err.code).toBe('sheets.bad-response');
  stub.fail(ID, undefined);
});

test('no answer within the timeout: a Spanish timeout error', async () => {
  stub.put(ID, { sheets: [{ name: 'Proyectos', rows: [['a']] }] });
  stub.fail(ID, { kind: 'hang' });
  const err = (await source(ID, { timeoutMs: 100, retryDelaysMs: [] }).read().catch((e: unknown) => e)) as SourceError;
  expect(err).toBeInstanceOf(SourceError);
  expect(err.code).toBe('sheets.timeout');
  stub.fail(ID, undefined);
});

test('no server at all: a connection error in Spanish', async () => {
  const err = (await new GoogleSheetsSource(ID, { auth: client, rootUrl: 'http://127.0.0.1:9/', retryDelaysMs: [] }).read().catch((e: unknown) => e)) as SourceError;
  expect(err).toBeInstanceOf(SourceError);
  expect(err.code).toBe('sheets.unreachable');
});

test('spreadsheet ids', () => {
  expect(isSpreadsheetId('1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms')).toBe(true);
  expect(isSpreadsheetId('../../etc')).toBe(false);
  expect(isSpreadsheetId('')).toBe(false);
});

test('a column the official hid, and a row a filter leaves out, that still hold data: read from the sheets\' column and row metadata in the first request, and warned of as an .xlsx warns', async () => {
  const sheet = { name: 'Contrataciones', rows: [
    ['Identificador de contratación (OCID)', 'Identificador de la licitación', 'Título de la licitación', 'Descripción de la licitación'],
    ['ocid', 'tender/id', 'tender/title', 'tender/description'],
    ['ocds-abc123-0001', 'T1', 'Pavimentación', 'Calle 60'],
    ['ocds-abc123-0002', 'T2', 'Alumbrado', 'Centro'],
  ], hiddenColumns: [{ from: 3, to: 4 }], hiddenRows: { count: 2, rows: [4, 7] } };
  stub.put(ID, { sheets: [sheet, { name: 'Vacía', rows: [] }] });
  stub.requests.length = 0;
  const wb = await source(ID).read();
  expect(stub.requests).toHaveLength(2);
  expect(wb.sheets.map((s) => s.hiddenColumns)).toEqual([[{ from: 3, to: 4 }], undefined]);
  const findings = unflatten(wb, { now: '2025-01-01T00:00:00Z' }).findings;
  const hidden = findings.filter((f) => f.code === 'sheet.hidden-columns');
  expect(hidden).toHaveLength(1);
  expect(hidden[0].params).toMatchObject({ count: 2 });
  // A row a filter leaves out (row 4) is published as the others: said as an .xlsx says it. Row 7, hidden and empty, is not.
  expect(wb.sheets.map((s) => s.hiddenRows)).toEqual([{ count: 1, rows: [4] }, undefined]);
  expect(findings.filter((f) => f.code === 'sheet.hidden-rows').map((f) => [f.cell?.row, f.params])).toEqual([[4, { count: 1, rows: '4' }]]);
});
