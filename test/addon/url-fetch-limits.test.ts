/**
 * The add-on against UrlFetchApp's documented limits (fake-host.ts, urlFetchLimits) and the server's limit on a
 * workbook's values (contract MAX_WORKBOOK_VALUES_BYTES): a self-hosted send carries the workbook's values, compressed
 * with gzip. A workbook of 1,000 processes (the bench's synthetic one, of the demo's density) goes in a body of a few
 * hundred KB; one whose values pass what the server reads is refused before any request, in Spanish, with what to
 * do instead — uncompressed, the server refused from about 1,300 processes, and past Google's 50 MB the fetch threw
 * and the official read «No fue posible comunicarse con el servidor… Revise su conexión».
 */
import * as zlib from 'zlib';
import { BackendClient, URL_FETCH_MAX_PAYLOAD_BYTES, utf8BytesOver } from '../../addon/src/backend/backend-client';
import { gzipSizes } from '../../addon/src/backend/http-port';
import { UserError } from '../../addon/src/user-error';
import { workbookValues } from '../../core/workflow/workbook-values';
import { MAX_WORKBOOK_VALUES_BYTES, WORKBOOK_JSON_MIME, type WorkbookValues } from '../../core/workflow/contract';
import { syntheticWorkbook } from '../../scripts/bench/synthetic-publisher';
import { FakeHttp } from './fake-host';
import { sentText, wireBytes } from '../support/gzip-body';

// A quarter of 1,000 processes: the bench's workbook grows by the same rows per process, and building 1,000 took 10 s.
const values = workbookValues(syntheticWorkbook(250, 1));
const client = (http: FakeHttp) => new BackendClient(http, 'https://datos.ejemplo.mx', () => 'ia_clave-de-prueba-0123456789');
const refusal = (send: () => unknown): string => {
  try { send(); } catch (e) { if (e instanceof UserError) return e.message; throw e; }
  return 'enviado';
};
const times = (v: WorkbookValues, n: number): WorkbookValues => ({ sheets: v.sheets.map((s) => ({ ...s, rows: [...s.rows, ...Array.from({ length: n - 1 }, () => s.rows.slice(2)).flat()] })) });

test('a workbook of 1,000 processes goes compressed with gzip, a small fraction of its values', () => {
  const thousand = times(values, 4);
  const http = new FakeHttp();
  // It reaches the network (which this test does not have): not refused for its size.
  expect(refusal(() => client(http).submit('hoja', thousand))).toMatch(/^No fue posible comunicarse con el servidor/);
  expect(http.requests).toHaveLength(1);
  const [sent] = http.requests;
  expect(sent).toMatchObject({ method: 'post', contentType: WORKBOOK_JSON_MIME, headers: { 'Content-Encoding': 'gzip' } });
  const text = JSON.stringify({ spreadsheetId: 'hoja', workbook: thousand });
  expect(sentText(sent)).toBe(text);
  // Measured: about 16 MB of values, over the 20 MB a self-hosted server took uncompressed from about 1,300 processes.
  expect(Buffer.byteLength(text)).toBeGreaterThan(15 * 1e6);
  expect(wireBytes(sent.body)!.length).toBeLessThan(Buffer.byteLength(text) / 10);
  // «Validar» sends the same values to ask whether the sheet still holds what was sent: compressed too.
  const compare = new FakeHttp();
  refusal(() => client(compare).compare('envio-1', thousand));
  expect(compare.requests[0].headers['Content-Encoding']).toBe('gzip');
  expect(JSON.parse(sentText(compare.requests[0]))).toEqual({ workbook: thousand });
});

test('values over what the server reads are refused before sending, naming their size and what to do', () => {
  // About 161 MiB of values in one long text per row: cheap to build and to compress, as a workbook of 10,000 processes is not.
  // (ASCII: a one-byte string, half the memory of one with accents.)
  const long = 'Construccion de la red de agua potable en la colonia Centro, '.repeat(16_384);
  const rows = Math.ceil(MAX_WORKBOOK_VALUES_BYTES / long.length) + 1;
  const huge: WorkbookValues = { sheets: [{ name: 'Contrataciones', rows: Array.from({ length: rows }, () => [long]) }] };
  const http = new FakeHttp();
  const said = refusal(() => client(http).submit('hoja', huge));
  expect(said).toMatch(/^El libro es demasiado grande para enviarlo desde Google Sheets: sus datos ocupan 16\d(\.\d)? MB y el servidor recibe hasta 160 MB de datos por envío\. /);
  expect(said).toContain('Descárguelo como Excel (Archivo → Descargar → Microsoft Excel) y envíelo desde el tablero, en «Mis envíos», o divida la información en dos libros.');
  expect(http.requests).toHaveLength(0);
});

test('a gzip body\'s sizes are read from its bytes, signed as Apps Script gives them', () => {
  const text = 'ñandú '.repeat(1000);
  const packed = zlib.gzipSync(Buffer.from(text, 'utf8'));
  expect(gzipSizes(packed)).toEqual({ bytes: packed.length, inflatedBytes: Buffer.byteLength(text) });
  expect(gzipSizes(Array.from(new Int8Array(packed.buffer, packed.byteOffset, packed.length)))).toEqual({ bytes: packed.length, inflatedBytes: Buffer.byteLength(text) });
  expect(URL_FETCH_MAX_PAYLOAD_BYTES).toBe(50 * 1000 * 1000);
});

test('bytes are counted in UTF-8, only when the text could be over', () => {
  expect(utf8BytesOver('a'.repeat(10), 30)).toBeUndefined();
  expect(utf8BytesOver('ñ'.repeat(10), 15)).toBe(20);
  expect(utf8BytesOver('€'.repeat(10), 29)).toBe(30);
  expect(utf8BytesOver('😀'.repeat(5), 19)).toBe(20);
  expect(utf8BytesOver('ñ'.repeat(10), 20)).toBeUndefined();
});

test('a proxy in front of the server that refuses the size (its own 413 page, not our answer): said so, with who can fix it', () => {
  const http = new FakeHttp(() => ({ status: 413, text: '<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>' }));
  expect(refusal(() => client(http).submit('hoja', values))).toBe('El servidor no recibió el envío por su tamaño: lo rechazó el proxy que tiene delante, con un límite menor que el del servidor. Pida a quien administra el servidor que lo amplíe (en nginx, client_max_body_size) al menos a 64 MB, lo que el servidor recibe por omisión.');
});
