/**
 * The add-on against UrlFetchApp's documented limits (fake-host.ts, urlFetchLimits): a self-hosted send carries the
 * workbook's values. A workbook of 1,000 processes (the bench's synthetic one, of the demo's density) is sent; one too
 * large for a single request is refused before any request with what to do instead, in Spanish — UrlFetchApp threw,
 * and the official read «No fue posible comunicarse con el servidor… Revise su conexión».
 */
import { BackendClient, URL_FETCH_MAX_PAYLOAD_BYTES, utf8BytesOver } from '../../addon/src/backend/backend-client';
import { UserError } from '../../addon/src/user-error';
import { workbookValues } from '../../core/workflow/workbook-values';
import type { WorkbookValues } from '../../core/workflow/contract';
import { syntheticWorkbook } from '../../scripts/bench/synthetic-publisher';
import { FakeHttp } from './fake-host';

// A quarter of 1,000 processes: the bench's workbook grows by the same rows per process, and building 1,000 took 10 s.
const values = workbookValues(syntheticWorkbook(250, 1));
const client = (http: FakeHttp) => new BackendClient(http, 'https://datos.ejemplo.mx', () => 'ia_clave-de-prueba-0123456789');
const refusal = (send: () => unknown): string => {
  try { send(); } catch (e) { if (e instanceof UserError) return e.message; throw e; }
  return 'enviado';
};

test('a workbook of 1,000 processes fits in one request; one of 3,250 is refused before sending, in Spanish', () => {
  const bytes = Buffer.byteLength(JSON.stringify({ spreadsheetId: 'hoja', workbook: values }));
  // Measured: about 4 MB, so about 16 MB for 1,000 processes, a third of the limit.
  expect(bytes * 4).toBeLessThan(URL_FETCH_MAX_PAYLOAD_BYTES / 2);
  const http = new FakeHttp();
  // It reaches the network (which this test does not have): not refused for its size.
  expect(refusal(() => client(http).submit('hoja', values))).toMatch(/^No fue posible comunicarse con el servidor/);
  expect(http.requests).toHaveLength(1);

  // 3,250 processes' worth, just over the limit.
  const large: WorkbookValues = { sheets: values.sheets.map((s) => ({ ...s, rows: [...s.rows, ...Array.from({ length: 12 }, () => s.rows.slice(2)).flat()] })) };
  const big = new FakeHttp();
  const said = refusal(() => client(big).submit('hoja', large));
  expect(said).toMatch(/^El libro es demasiado grande para enviarlo desde Google Sheets: sus datos pesan 5\d\.\d MB y Google permite enviar hasta 50 MB a la vez\. /);
  expect(said).toContain('envíelo desde el tablero, en «Mis envíos»');
  // («Validar» sends the same values to ask whether the sheet still holds what was sent: the same call, the same
  // refusal, which the sidebar takes as «cannot tell».)
  expect(big.requests).toHaveLength(0);
});

test('bytes are counted in UTF-8, only when the text could be over', () => {
  expect(utf8BytesOver('a'.repeat(10), 30)).toBeUndefined();
  expect(utf8BytesOver('ñ'.repeat(10), 15)).toBe(20);
  expect(utf8BytesOver('€'.repeat(10), 29)).toBe(30);
  expect(utf8BytesOver('😀'.repeat(5), 19)).toBe(20);
  expect(utf8BytesOver('ñ'.repeat(10), 20)).toBeUndefined();
});
