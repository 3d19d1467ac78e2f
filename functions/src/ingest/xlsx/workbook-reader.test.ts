/**
 * The .xlsx reader, byte for byte: multi-byte characters at every offset around the chunk size, every kind of
 * cell value other writers produce, real sheet names, and each read limit with its Spanish message.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { XlsxBufferSource, XlsxFileSource } from '../xlsx-source';
import { SourceError } from '../sheet-source';
import { readXlsx } from './workbook-reader';
import { bufferBytes } from './zip-archive';
import { rawXlsx, repeatedDeflate, replaceSheet, worksheetXml } from './raw-xlsx';
import { DEFAULT_READ_LIMITS, ReadLimitError } from './read-limits';
import { unflatten } from '../../../../core/unflatten';
import { renderMessage } from '../../../../core/messages/render';
import { parseValue } from '../../../../core/unflatten/parse-value';

const MULTI = 'áéíóúñüÁÉÍÓÚÑÜ¿¡😀🇲🇽中文字漢字한국어€';

/** Texts with 0…20 ASCII characters before the multi-byte run, so each kind of character lands on each offset. */
function boundaryTexts(count: number): string[] {
  return Array.from({ length: count }, (_v, i) => `${'x'.repeat(i % 21)}${MULTI}${i}`);
}

const read = (bytes: Uint8Array, chunkSize?: number) => readXlsx(bufferBytes(bytes), { label: 'prueba.xlsx', ...(chunkSize ? { chunkSize } : {}) });

describe('multi-byte characters across chunk boundaries', () => {
  const texts = boundaryTexts(12000);

  test('an exceljs workbook (shared and inline strings) reads back exactly at the real chunk size', async () => {
    for (const useSharedStrings of [true, false]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-utf8-'));
      const file = path.join(dir, 'libro.xlsx');
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
      const ws = wb.addWorksheet('Contrataciones ñandú');
      for (const t of texts) ws.addRow([t, t.length]).commit();
      ws.commit();
      await wb.commit();
      // The test must put characters across boundaries: check in the unpacked sheet that a byte at a multiple of
      // 64 KiB is inside a multi-byte character.
      const sheetXml = Buffer.from(unzipSync(fs.readFileSync(file), { filter: (f) => f.name.startsWith('xl/worksheets/') || f.name === 'xl/sharedStrings.xml' })[useSharedStrings ? 'xl/sharedStrings.xml' : 'xl/worksheets/sheet1.xml']);
      const straddling = Array.from({ length: Math.floor(sheetXml.length / 65536) }, (_v, k) => sheetXml[(k + 1) * 65536]).filter((b) => b >= 0x80 && b < 0xc0);
      expect(straddling.length).toBeGreaterThan(2);
      const model = await new XlsxFileSource(file, 'libro.xlsx').read();
      expect(model.sheets[0].name).toBe('Contrataciones ñandú');
      expect(model.sheets[0].rows.map((r) => r[0])).toEqual(texts);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every chunk size from 1 to 9 bytes (stored) and 64 to 72 bytes (deflated) splits nothing', async () => {
    const sample = texts.slice(0, 60);
    const rows = sample.map((t, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${t}</t></is></c><c r="B${i + 1}" t="s"><v>${i}</v></c></row>`).join('');
    const shared = sample.map((t) => `<r><t>${t.slice(0, 5)}</t></r><r><t>${t.slice(5)}</t></r>`);
    // The sheet really has characters across the small boundaries: its UTF-8 has continuation bytes at many offsets.
    const xml = Buffer.from(worksheetXml(rows));
    expect([...xml].filter((b) => b >= 0x80 && b < 0xc0).length).toBeGreaterThan(1000);
    for (const stored of [true, false]) {
      const bytes = rawXlsx({ sheets: [{ name: 'Hoja', xml: xml.toString() }], sharedStrings: shared, stored });
      for (const chunk of stored ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : [64, 65, 66, 67, 68, 69, 70, 71, 72]) {
        const model = await read(bytes, chunk);
        expect(model.sheets[0].rows).toEqual(sample.map((t) => [t, t]));
      }
    }
  });

  test('a byte sequence that is not UTF-8 is a damaged file, never «�» in the data', async () => {
    const bytes = rawXlsx({ sheets: [{ name: 'Hoja', xml: worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>M__rida</t></is></c></row>') }], stored: true });
    const at = Buffer.from(bytes).indexOf('M__rida');
    bytes[at + 1] = 0xc3; bytes[at + 2] = 0x28; // an invalid two-byte sequence
    await expect(new XlsxBufferSource(bytes, 'roto.xlsx').read()).rejects.toMatchObject({ code: 'source.invalid-xlsx' });
  });
});

describe('cell values as other writers store them', () => {
  const sheet = worksheetXml([
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>Obra </t></r><r><rPr><b/></rPr><t xml:space="preserve">pública </t></r></is></c></row>',
    '<row r="2"><c r="A2"><v>1234567.89</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="b"><v>0</v></c><c r="E2" s="1"><v>45382</v></c><c r="F2" s="2"><v>45382.5</v></c><c r="G2" s="3"><v>45382</v></c></row>',
    '<row r="4"><c r="A4"><f>SUM(A2:A3)</f><v>1234567.89</v></c><c r="B4" t="str"><f>UPPER("á")</f><v>Á</v></c><c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D4" t="e"><v>#REF!</v></c><c r="E4" t="e"><f>NA()</f><v>#N/A</v></c><c r="F4"><f>A1</f></c></row>',
    '<row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5" t="inlineStr"><is><t>línea_x000D_\nnueva</t></is></c><c r="C5" t="d"><v>2024-03-31T00:00:00Z</v></c><c r="D5" s="1"/></row>',
  ].join(''), '<dimension ref="A1:G5"/>') + '';
  const book = {
    sheets: [{ name: 'Datos & más', xml: sheet.replace('</worksheet>', '<mergeCells count="1"><mergeCell ref="B3:D3"/></mergeCells></worksheet>') }, { name: 'Ñoño', xml: worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>segunda</t></is></c></row>') }],
    sharedStrings: ['<t>Mérida</t>', '<r><t>San </t></r><r><t>Andrés</t></r><rPh sb="0" eb="3"><t>サン</t></rPh>', '<t xml:space="preserve">  espacios  </t>'],
    numFmts: { 164: 'dd/mm/yyyy', 165: '#,##0.00 "días"' },
    cellXfs: [0, 14, 164, 165],
  };

  test('text, numbers, booleans, dates by number format, formula results, error values, sheet names, merges', async () => {
    const model = await read(rawXlsx({ ...book, sheetsFirst: true }));
    expect(model.sheets.map((s) => s.name)).toEqual(['Datos & más', 'Ñoño']);
    const rows = model.sheets[0].rows;
    expect(rows[0]).toEqual(['Mérida', 'San Andrés', 'Obra pública ']);
    expect(rows[1]).toEqual([1234567.89, true, false, '', new Date('2024-03-31T00:00:00Z'), new Date('2024-03-31T12:00:00Z'), 45382]);
    expect(rows[2]).toEqual([]);
    expect(rows[3]).toEqual([1234567.89, 'Á', '#DIV/0!', '#REF!', '#N/A']);
    expect(rows[4]).toEqual(['  espacios  ', 'línea\r\nnueva', new Date('2024-03-31T00:00:00Z')]);
    expect(model.sheets[0].merges).toEqual(['B3:D3']);
    expect(model.sheets[1].rows).toEqual([['segunda']]);
  });

  test('a number formatted with zeros only (00000, as officials keep a postal code\'s leading 0) reads as the text it shows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Domicilios');
    ws.addRow([6720, 6720, 97000, 6720.5, 6720, 1234]);
    for (const col of [1, 3, 4]) ws.getCell(1, col).numFmt = '00000';
    ws.getCell(1, 5).numFmt = '0';
    ws.getCell(1, 6).numFmt = '000000';
    const model = await read(new Uint8Array(await wb.xlsx.writeBuffer()));
    // A 0 format, no format and a fraction (which the format would round) stay numbers.
    expect(model.sheets[0].rows[0]).toEqual(['06720', 6720, '97000', 6720.5, 6720, '001234']);
  });

  test('zero padding up to 30 digits; a wider format of zeros reads as the number (millions of zeros filled 4 GB)', async () => {
    // A format of 5 million zeros packs into a few KB (stored here, past the ratio check, as random bytes beside it
    // let it pass): each of 2,000 cells of its style became a 5 MB string.
    const xml = worksheetXml(`<row r="1">${[1, 2, 3].map((s, i) => `<c r="${'ABC'[i]}1" s="${s}"><v>6720</v></c>`).join('')}</row>`);
    const model = await read(rawXlsx({ sheets: [{ name: 'H', xml }], numFmts: { 164: '0'.repeat(30), 165: '0'.repeat(31), 166: '0'.repeat(5_000_000) }, cellXfs: [0, 164, 165, 166], stored: true }));
    expect(model.sheets[0].rows[0]).toEqual([`${'0'.repeat(26)}6720`, 6720, 6720]);
  });

  test('an ISO date cell (t="d") without offset is its clock time, whatever the server\'s zone', () => {
    // In a process of its own: jest's sandbox keeps the zone the process started with.
    const code = `const { readXlsx } = require('./workbook-reader'); const { bufferBytes } = require('./zip-archive'); const { rawXlsx, worksheetXml } = require('./raw-xlsx');
      const xml = worksheetXml('<row r="1"><c r="A1" t="d"><v>2024-03-31T00:00:00</v></c><c r="B1" t="d"><v>2024-03-31T10:30:00.000</v></c><c r="C1" t="d"><v>2024-03-31</v></c></row>');
      readXlsx(bufferBytes(rawXlsx({ sheets: [{ name: 'H', xml }] })), { label: 'x.xlsx' }).then((m) => console.log(JSON.stringify(m.sheets[0].rows[0])));`;
    const out = execFileSync(process.execPath, ['-r', path.resolve(__dirname, '../../../../scripts/register-ts.js'), '-e', code], { cwd: __dirname, env: { ...process.env, TZ: 'Asia/Tokyo' }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['2024-03-31T00:00:00.000Z', '2024-03-31T10:30:00.000Z', '2024-03-31T00:00:00.000Z']);
  });

  test('the 1904 date system (old Mac workbooks) counts from 1904-01-01', async () => {
    const model = await read(rawXlsx({ ...book, date1904: true }));
    expect(model.sheets[0].rows[1][4]).toEqual(new Date('2028-04-01T00:00:00Z'));
    // 1900 system, before Excel's phantom 29 Feb 1900: serial 1 is 1 Jan 1900.
    const early = await read(rawXlsx({ sheets: [{ name: 'H', xml: worksheetXml('<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>61</v></c><c r="C1" s="1"><v>60</v></c></row>') }], cellXfs: [0, 14] }));
    // Serial 60, Excel's 29/02/1900, stays the number: the engine refuses it, saying that day does not exist.
    expect(early.sheets[0].rows[0]).toEqual([new Date('1900-01-01T00:00:00Z'), new Date('1900-03-01T00:00:00Z'), 60]);
  });

  test('a workbook of Excel for Mac (1904 system, written by exceljs): its date cell, a date typed as a plain number and a time alone', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Contratos');
    ws.addRow([new Date(Date.UTC(2024, 7, 15)), 44_055, 0.4375]);
    ws.getCell('A1').numFmt = 'dd/mm/yyyy';
    ws.getCell('C1').numFmt = 'hh:mm';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    // Really the 1904 system: the date cell's serial is 1,462 days less than the 1900 system's 45,519.
    const xml = strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' })['xl/worksheets/sheet1.xml']);
    expect(xml).toMatch(/<c r="A1"[^>]*><v>44057<\/v>/);
    const model = await read(bytes);
    // The engine is told, for the plain number: 44,055 there is 13/08/2024 (read in the 1900 system, 12/08/2020).
    expect(model.date1904).toBe(true);
    const [day, typed, time] = model.sheets[0].rows[0];
    expect(day).toEqual(new Date('2024-08-15T00:00:00Z'));
    expect(typed).toBe(44_055);
    const zone = 'America/Mexico_City';
    expect(parseValue(typed as number, { type: 'date' }, zone, model.date1904).value).toBe('2024-08-13T00:00:00-06:00');
    expect(parseValue(typed as number, { type: 'date' }, zone).value).toBe('2020-08-12T00:00:00-05:00');
    // A time alone is no date in either system (it was 01/01/1904 10:30, published so).
    expect(parseValue(time as Date, { type: 'date' }, zone, true).problem?.code).toBe('cell.time-without-date');
    // A workbook of the 1900 system says nothing of it.
    expect('date1904' in await read(new Uint8Array(await new ExcelJS.Workbook().xlsx.writeBuffer()))).toBe(false);
  });

  test('elements in a prefixed namespace (x:row, x:c) read the same', async () => {
    const prefixed = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>Querétaro</x:t></x:is></x:c><x:c r="C1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const model = await read(rawXlsx({ sheets: [{ name: 'Prefijos', xml: prefixed }] }));
    expect(model.sheets[0].rows).toEqual([['', 'Querétaro', 7]]);
  });

  test('markup other writers use reads the same at every chunk size: quotes, a style-only cell, entities, CR LF, CDATA, comments, prefixes', async () => {
    const plain = worksheetXml("<row r='1'><c r='A1' t='inlineStr'><is><t>Obra &amp; servicio &lt;1&gt; &#233;&#xF1;</t></is></c><c r=\"B1\" s=\"1\"/>"
      + "<c r = 'C1' s='0' ><v>12.5</v></c><c r=\"D1\" t=\"str\"><v>a&#13;\r\nb</v></c><!-- nota: <c r=\"Z1\"><v>9</v></c> -->"
      + '<c r="E1" t="str"><v><![CDATA[<x> & y]]></v></c></row><row r="2"><c r="A2" t="s"/><c r="B2" s="1"><v>45382</v></c><c r="C2"></c></row>');
    const prefixed = '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
      + '<x:row x:r="1"><x:c x:r="B1" x:s="1"/><x:c x:r="C1" x:t="inlineStr"><x:is><x:t>Querétaro</x:t></x:is></x:c><x:c x:r="D1" x:s="1"><x:v>45382</x:v></x:c></x:row>'
      + '</x:sheetData></x:worksheet>';
    const expected = [
      [['Obra & servicio <1> éñ', '', 12.5, 'a\r\nb', '<x> & y'], ['', new Date('2024-03-31T00:00:00Z')]],
      [['', '', 'Querétaro', new Date('2024-03-31T00:00:00Z')]],
    ];
    for (const stored of [true, false]) {
      const bytes = rawXlsx({ sheets: [{ name: 'Marcado', xml: plain }, { name: 'Prefijos', xml: prefixed }], cellXfs: [0, 14], stored });
      for (const chunk of stored ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : [64, 65, 66, 67, 68, 69, 70, 71, 72]) {
        const model = await read(bytes, chunk);
        expect(model.sheets.map((sheet) => sheet.rows)).toEqual(expected);
      }
    }
  });

  test('a formula error reaches the engine as a finding on its cell', async () => {
    const { unflatten } = await import('../../../../core/unflatten');
    const xml = worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>title</t></is></c><c r="C1" t="inlineStr"><is><t>budget/amount/amount</t></is></c></row>'
      + '<row r="2"><c r="A2" t="inlineStr"><is><t>oc4ids-abc123-0001</t></is></c><c r="B2" t="inlineStr"><is><t>Parque</t></is></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>');
    const model = await read(rawXlsx({ sheets: [{ name: 'projects', xml }] }));
    const result = unflatten(model, { now: '2025-01-01T00:00:00Z' });
    const finding = result.findings.find((f) => f.code === 'cell.formula-error');
    expect(finding).toMatchObject({ severity: 'error', cell: { sheet: 'projects', row: 2 }, params: { value: '#DIV/0!' } });
  });
});

describe('limits that protect the machine', () => {
  const small = rawXlsx({ sheets: [{ name: 'H', xml: worksheetXml(Array.from({ length: 50 }, (_v, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('')) }, { name: 'H2', xml: worksheetXml('') }] });

  test('the size limits are said in MB, as officials see a file\'s size (not MiB)', () => {
    expect(new ReadLimitError('compressedBytes', DEFAULT_READ_LIMITS.compressedBytes, 'grande.xlsx').message).toMatch(/^El archivo «grande\.xlsx» pesa más de 100 MB, el tamaño máximo/);
    expect(new ReadLimitError('uncompressedBytes', DEFAULT_READ_LIMITS.uncompressedBytes, 'grande.xlsx').message).toMatch(/ocupa más de 600 MB una vez descomprimido/);
  });

  test.each([
    ['compressedBytes', { compressedBytes: 100 }, /pesa más de/],
    ['uncompressedBytes', { uncompressedBytes: 1000 }, /una vez descomprimido/],
    ['sheets', { sheets: 1 }, /más de 1 hojas/],
    ['rowsPerSheet', { rowsPerSheet: 10 }, /hoja con más de 10 filas.*«H»/],
    ['rows', { rows: 20 }, /más de 20 filas en total/],
    ['cells', { cells: 30 }, /más de 30 celdas/],
    ['columns', { columns: 1 }, /datos más allá de la columna A \(la número 1\).*«H»/],
    ['gridCells', { gridCells: 90 }, /más de 90 celdas contando las vacías.*«H»/],
  ])('%s: refused with a Spanish message naming the limit, by the full read and by the upload check', async (limit, limits, message) => {
    for (const run of [() => new XlsxBufferSource(small, 'grande.xlsx', { limits }).read(), () => new XlsxBufferSource(small, 'grande.xlsx', { limits }).check()]) {
      const error = await run().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ReadLimitError);
      expect((error as ReadLimitError).limit).toBe(limit);
      expect((error as SourceError).message).toMatch(message);
      expect((error as SourceError).message).toContain('grande.xlsx');
    }
  });

  test('a zip bomb (2 GiB of XML in a few MiB, sizes declared or hidden) is refused after a few MiB of work, without growing memory', async () => {
    // One row whose text is 2 GiB of spaces: deflate packs it about 1,000:1.
    const packed = await repeatedDeflate(`${worksheetXml('').replace('</sheetData></worksheet>', '')}<row r="1"><c r="A1" t="inlineStr"><is><t>`,
      Buffer.alloc(16 * 2 ** 20, 0x20), 128, '</t></is></c></row></sheetData></worksheet>');
    const base = rawXlsx({ sheets: [{ name: 'Bomba', xml: worksheetXml('') }], stored: true });
    for (const honest of [true, false]) {
      const bomb = replaceSheet(base, packed, honest ? 2 ** 31 : 1000);
      const rssBefore = process.memoryUsage().rss;
      for (const run of [() => new XlsxBufferSource(bomb, 'bomba.xlsx').read(), () => new XlsxBufferSource(bomb, 'bomba.xlsx').check()]) {
        const error = await run().then(() => undefined, (e: unknown) => e);
        expect(error).toMatchObject({ code: expect.stringMatching(/^source\.limit-(compression-ratio|uncompressed-bytes)$/) });
        // Stopped after a few MiB of the 2 GiB (no timing here: the work done is what a slow machine cannot change).
        expect((error as ReadLimitError).unpackedBytes).toBeLessThan(32 * 2 ** 20);
      }
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 2 ** 20);
    }
  });

  test('3 million rows: refused by the upload check by counting, whatever the sheet declares, without growing memory', async () => {
    // Rows without numbers are valid (each follows the last), so one deflated block of 20,000 rows repeats 150 times.
    const rows = Array.from({ length: 20_000 }, (_v, i) => `<row><c><v>${(i * 7919) % 100_003}</v></c></row>`).join('');
    const packed = await repeatedDeflate(worksheetXml('').replace('</sheetData></worksheet>', ''), rows, 150, '</sheetData></worksheet>', 1);
    const file = replaceSheet(rawXlsx({ sheets: [{ name: 'Filas', xml: worksheetXml('') }], stored: true }), packed, 120_000_000);
    const rssBefore = process.memoryUsage().rss;
    const error = await new XlsxBufferSource(file, 'filas.xlsx').check().then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'source.limit-rows-per-sheet' });
    expect((error as Error).message).toContain(DEFAULT_READ_LIMITS.rowsPerSheet.toLocaleString('en-US'));
    // Stopped just past the 1,048,576th row: about a third of the 90 MB sheet, none of it kept.
    expect((error as ReadLimitError).unpackedBytes).toBeLessThan(40 * 2 ** 20);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 2 ** 20);
  });

  test('a value in a column past XFD is refused before its row is grown to it (ZZZZZZZ aborted the process)', async () => {
    // AAAA is column 18,279; ZZZZZZZ, 8,353 million, grew a row past the engine's largest array: a fatal error, not
    // an exception, so a 1.5 KB upload stopped the server.
    for (const column of ['AAAA', 'ZZZZZZZ']) {
      const bytes = rawXlsx({ sheets: [{ name: 'Ancha', xml: worksheetXml(`<row r="1"><c r="A1"><v>1</v></c><c r="${column}1"><v>2</v></c></row>`) }] });
      for (const run of [() => new XlsxBufferSource(bytes, 'ancho.xlsx').read(), () => new XlsxBufferSource(bytes, 'ancho.xlsx').check()]) {
        const error = await run().then(() => undefined, (e: unknown) => e);
        expect(error).toMatchObject({ code: 'source.limit-columns' });
        expect((error as Error).message).toBe('El archivo «ancho.xlsx» tiene datos más allá de la columna XFD (la número 16,384), la última que se acepta (hoja «Ancha»). Divida la información en varios libros o quite lo que no se publica.');
      }
    }
    const last = (await read(rawXlsx({ sheets: [{ name: 'Ancha', xml: worksheetXml('<row r="1"><c r="XFD1"><v>7</v></c></row>') }] }))).sheets[0];
    expect([last.rows[0].length, last.rows[0][16_383]]).toEqual([16_384, 7]);
  });

  test('the model\'s cells are counted with the empty ones a row is padded with: one value in column XFD per row', async () => {
    // 200,000 such rows (a 1 MB file) held 3,300 million cells of the model: 4 GB when the read was stopped at 2 minutes.
    // Here 20 rows against a limit of 200,000 cells, which the 13th crosses; the rest of the file is not read.
    const rows = Array.from({ length: 20 }, (_v, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>${i}</v></c></row>`).join('');
    const bytes = rawXlsx({ sheets: [{ name: 'Lejos', xml: worksheetXml(rows) }] });
    for (const keepValues of [true, false]) {
      const error = await readXlsx(bufferBytes(bytes), { label: 'lejos.xlsx', limits: { gridCells: 200_000 }, keepValues }).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'source.limit-grid-cells' });
      expect((error as Error).message).toBe('El archivo «lejos.xlsx» tiene más de 200,000 celdas contando las vacías que quedan a la izquierda del último dato de cada fila (datos en columnas muy apartadas), el máximo que se acepta (hoja «Lejos»). Divida la información en varios libros o quite lo que no se publica.');
    }
    // Within the limit, the rows read as before.
    const few = await readXlsx(bufferBytes(bytes), { label: 'lejos.xlsx', limits: { gridCells: 20 * 16_384 } });
    expect(few.sheets[0].rows.map((r) => r.length)).toEqual(Array(20).fill(16_384));
  });

  test('rows are counted up to the last row number, the empty ones between included: one value in row 1,048,576 of many sheets', async () => {
    // Each sheet's model holds a row per number up to its last: 200 such sheets (62 KB) held 200 million empty rows.
    const tall = { name: '', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>') };
    const bytes = rawXlsx({ sheets: [1, 2].map((n) => ({ ...tall, name: `Alta ${n}` })) });
    const error = await read(bytes).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'source.limit-rows' });
    expect((error as Error).message).toContain(`más de ${DEFAULT_READ_LIMITS.rows.toLocaleString('en-US')} filas en total (contando las vacías que quedan entre filas con datos)`);
    // Rows out of order, or repeated, still count once each.
    const shuffled = rawXlsx({ sheets: [{ name: 'H', xml: worksheetXml('<row r="3"><c r="A3"><v>3</v></c></row><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>') }] });
    await expect(readXlsx(bufferBytes(shuffled), { label: 'x', limits: { rows: 5 } })).resolves.toBeDefined();
    await expect(readXlsx(bufferBytes(shuffled), { label: 'x', limits: { rows: 4 } })).rejects.toMatchObject({ code: 'source.limit-rows' });
  });

  test('a long shared text shown by many cells counts its characters in each (1.8 MB kept the engine busy for hours)', async () => {
    // 2 MB of text shown by 20,000 cells × 2 columns: 80,000 million characters for the engine to read, check and hash.
    const big = 'x'.repeat(2_000_000);
    const rows = Array.from({ length: 400 }, (_v, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c><c r="B${i + 1}" t="s"><v>0</v></c></row>`).join('');
    const bytes = rawXlsx({ sheets: [{ name: 'Repetido', xml: worksheetXml(rows) }], sharedStrings: [`<t>${big}</t>`] });
    for (const keepValues of [true, false]) {
      const error = await readXlsx(bufferBytes(bytes), { label: 'repetido.xlsx', keepValues }).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'source.limit-text-characters' });
      expect((error as Error).message).toBe(`El archivo «repetido.xlsx» tiene más de ${DEFAULT_READ_LIMITS.textCharacters.toLocaleString('en-US')} caracteres de texto en sus celdas (un texto que se repite cuenta en cada celda que lo muestra), el máximo que se acepta (hoja «Repetido»). Divida la información en varios libros o quite lo que no se publica.`);
    }
    // Up to the limit the text reads whole, the same string in each cell.
    const model = await readXlsx(bufferBytes(bytes), { label: 'repetido.xlsx', limits: { textCharacters: 800 * 2_000_000 } });
    expect(model.sheets[0].rows.every((r) => r[0] === big && r[1] === big)).toBe(true);
  });

  test('merged ranges: the first 1,000 of a sheet are kept and the rest counted (2 million took 1.5 GB)', async () => {
    const merges = Array.from({ length: 1_500 }, (_v, i) => `<mergeCell ref="C${i + 1}:D${i + 1}"/>`).join('');
    const xml = worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').replace('</worksheet>', `<mergeCells count="1500">${merges}</mergeCells></worksheet>`);
    const sheet = (await read(rawXlsx({ sheets: [{ name: 'Combinadas', xml }] }))).sheets[0];
    expect([sheet.merges?.length, sheet.merges?.[999], sheet.mergeCount]).toEqual([1_000, 'C1000:D1000', 1_500]);
    const few = (await read(rawXlsx({ sheets: [{ name: 'Combinadas', xml: worksheetXml('').replace('</worksheet>', '<mergeCells><mergeCell ref="B2:B3"/></mergeCells></worksheet>') }] }))).sheets[0];
    expect(few).toMatchObject({ merges: ['B2:B3'] });
    expect(few).not.toHaveProperty('mergeCount');
  });

  test('formulas saved without a result (openpyxl) read blank, and the sheet says which cells', async () => {
    const cells = '<c r="A1"><f>B1*2</f></c><c r="B1"><f>1+1</f><v>2</v></c><c r="C1" t="str"><f>""</f><v></v></c><c r="D1"><f>A1</f></c>';
    const rows = `<row r="1">${cells}</row>${[2, 3, 4].map((r) => `<row r="${r}"><c r="E${r}"><f>SUM(A1:A2)</f></c></row>`).join('')}`;
    const sheet = (await read(rawXlsx({ sheets: [{ name: 'Fórmulas', xml: worksheetXml(rows) }] }))).sheets[0];
    expect(sheet.rows[0]).toEqual(['', 2]);
    // Five cells without a result; the first three are named.
    expect(sheet.formulasWithoutResult).toEqual({ count: 5, cells: ['A1', 'D1', 'E2'] });
    const plain = (await read(rawXlsx({ sheets: [{ name: 'H', xml: worksheetXml('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>') }] }))).sheets[0];
    expect(plain).not.toHaveProperty('formulasWithoutResult');
  });

  test('hidden rows with data (by hand or by a filter) are kept in the model as such, and the engine warns once per sheet that they are published', async () => {
    // As Excel writes them: hidden="1" on the row (a filter writes the same); hidden="true" from other writers; an
    // empty hidden row is nothing to say.
    const rows = [
      '<row r="1"><c r="A1" t="inlineStr"><is><t>ocid</t></is></c><c r="B1" t="inlineStr"><is><t>tender/id</t></is></c></row>',
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((r) => `<row r="${r}"${[3, 5, 6, 8, 9, 10, 11].includes(r) ? (r === 5 ? ' hidden="true"' : ' spans="1:2" hidden="1"') : ''}><c r="A${r}" t="inlineStr"><is><t>ocds-abc123-${r}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`),
      '<row r="12" hidden="1"/>', '<row r="13" hidden="0"><c r="A13" t="inlineStr"><is><t>ocds-abc123-13</t></is></c></row>',
    ].join('');
    const sheet = (await read(rawXlsx({ sheets: [{ name: 'Contrataciones', xml: worksheetXml(rows) }] }))).sheets[0];
    expect(sheet.hiddenRows).toEqual({ count: 7, rows: [3, 5, 6, 8, 9, 10, 11] });
    expect(sheet.rows[2]).toEqual(['ocds-abc123-3', 3]); // still read: the warning says so
    const out = unflatten({ sheets: [sheet] }, { now: '2024-06-01T12:00:00-06:00' });
    expect(out.releases).toHaveLength(11);
    const hidden = out.findings.filter((f) => f.code === 'sheet.hidden-rows');
    expect(hidden.map((f) => [f.severity, f.cell])).toEqual([['warning', { sheet: 'Contrataciones', row: 3 }]]);
    expect(renderMessage(hidden[0])).toBe('7 filas ocultas tienen datos (filas 3, 5, 6, 8, 9…) y se leyeron: se publicarán como las demás. Ocultar una fila o dejarla fuera con un filtro no la quita del libro. Si no debe publicarse, elimínela (clic derecho en el número de la fila › Eliminar fila); si sí, no necesita hacer nada.');
    // exceljs (the template and datos.xlsx) writes a hidden row the same way; a hidden heading row is no data row.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Contrataciones');
    ws.addRow(['ocid', 'tender/id']).hidden = true;
    ws.addRow(['ocds-abc123-1', 'T1']);
    ws.addRow(['ocds-abc123-2', 'T2']).hidden = true;
    const fromExceljs = (await read(new Uint8Array(await wb.xlsx.writeBuffer()))).sheets[0];
    expect(fromExceljs.hiddenRows).toEqual({ count: 2, rows: [1, 3] });
    const one = unflatten({ sheets: [fromExceljs] }, { now: '2024-06-01T12:00:00-06:00' }).findings.filter((f) => f.code === 'sheet.hidden-rows');
    expect(one.map((f) => [f.params.count, renderMessage(f).slice(0, 56)])).toEqual([[1, '1 fila oculta tiene datos (fila 3) y se leyó: se publica']]);
    const plain = (await read(rawXlsx({ sheets: [{ name: 'H', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }] }))).sheets[0];
    expect(plain).not.toHaveProperty('hiddenRows');
  });

  test('hidden columns (hidden by the official, as exceljs and Excel write them) are kept as ranges; others are not', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Contrataciones');
    ws.addRow(['ocid', 'tender/id', 'tender/title', 'tender/description']);
    ws.addRow(['ocds-abc123-1', 'T1', 'Obra', 'Notas']);
    ws.getColumn(3).hidden = true;
    ws.getColumn(4).hidden = true;
    ws.getColumn(2).width = 30;
    const sheet = (await read(new Uint8Array(await wb.xlsx.writeBuffer()))).sheets[0];
    expect(sheet.hiddenColumns).toEqual([{ from: 3, to: 3 }, { from: 4, to: 4 }]);
    const raw = (await read(rawXlsx({ sheets: [{ name: 'H', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').replace('<sheetData', '<cols><col min="2" max="16384" hidden="1"/><col min="1" max="1" width="9"/></cols><sheetData') }] }))).sheets[0];
    expect(raw.hiddenColumns).toEqual([{ from: 2, to: 16384 }]);
    const plain = (await read(rawXlsx({ sheets: [{ name: 'P', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }] }))).sheets[0];
    expect(plain).not.toHaveProperty('hiddenColumns');
  });

  test('cell links: web addresses by cell, a range link on each of its cells, internal and mail links left out', async () => {
    const HL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';
    const rows = [1, 2, 3].map((r) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Ver ${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>x</t></is></c></row>`).join('');
    const links = '<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="B2:B3" r:id="rId2"/><hyperlink ref="A2" location="\'Otra hoja\'!A1"/><hyperlink ref="A3" r:id="rId3"/></hyperlinks>';
    const xml = worksheetXml(rows).replace('</worksheet>', `${links}</worksheet>`);
    const rels = `<Relationship Id="rId1" Type="${HL}" Target="https://a.example/uno.pdf" TargetMode="External"/><Relationship Id="rId2" Type="${HL}" Target="http://b.example/x?a=1&amp;b=2" TargetMode="External"/><Relationship Id="rId3" Type="${HL}" Target="mailto:obras@municipio.gob.mx" TargetMode="External"/>`;
    const sheet = (await read(rawXlsx({ sheets: [{ name: 'Vínculos', xml, rels }] }))).sheets[0];
    expect(sheet.links).toEqual({ A1: 'https://a.example/uno.pdf', B2: 'http://b.example/x?a=1&b=2', B3: 'http://b.example/x?a=1&b=2' });
    expect(sheet.rows[0]).toEqual(['Ver 1', 'x']);
  });

  test('link formulas and those of amounts past cents: kept by cell (a filled-down shared one on each of its cells); other formulas are not', async () => {
    // exceljs writes the formula and its cached result, as Excel saves them.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Documentos');
    ws.getCell('A1').value = { formula: 'HYPERLINK("https://merida.gob.mx/contrato.pdf","Ver contrato")', result: 'Ver contrato' };
    ws.getCell('A2').value = { formula: 'HIPERVINCULO("https://merida.gob.mx/acta.pdf";"Ver acta")', result: 'Ver acta' };
    ws.getCell('A3').value = { formula: 'B3*1.16', result: 116 };
    ws.getCell('A4').value = { formula: 'CONCATENATE("Ver ",B4)', result: 'Ver x' };
    // An amount computed with more decimals than cents (=H4/1.16): its formula too, for a money column's cents.
    ws.getCell('A5').value = { formula: 'B5/1.16', result: 128400219.37 / 1.16 };
    ws.getCell('A6').value = 27317.8168;
    const fromExceljs = (await read(new Uint8Array(await wb.xlsx.writeBuffer()))).sheets[0];
    expect(fromExceljs.rows.map((r) => r[0])).toEqual(['Ver contrato', 'Ver acta', 116, 'Ver x', 128400219.37 / 1.16, 27317.8168]);
    expect(fromExceljs.formulas).toEqual({ A1: 'HYPERLINK("https://merida.gob.mx/contrato.pdf","Ver contrato")', A2: 'HIPERVINCULO("https://merida.gob.mx/acta.pdf";"Ver acta")', A5: 'B5/1.16' });
    // As Excel writes a formula filled down: written once, the other cells naming it by index.
    const shared = `<row r="1"><c r="A1" t="str"><f t="shared" ref="A1:A3" si="0">HYPERLINK(B1,"Ver")</f><v>Ver</v></c></row>${[2, 3].map((r) => `<row r="${r}"><c r="A${r}" t="str"><f t="shared" si="0"/><v>Ver</v></c></row>`).join('')}<row r="4"><c r="A4"><f t="shared" ref="A4:A5" si="1">B4*2</f><v>2</v></c></row><row r="5"><c r="A5"><f t="shared" si="1"/><v>4</v></c></row>`;
    const sheet = (await read(rawXlsx({ sheets: [{ name: 'D', xml: worksheetXml(shared) }] }))).sheets[0];
    expect(sheet.formulas).toEqual({ A1: 'HYPERLINK(B1,"Ver")', A2: 'HYPERLINK(B1,"Ver")', A3: 'HYPERLINK(B1,"Ver")' });
    const plain = (await read(rawXlsx({ sheets: [{ name: 'H', xml: worksheetXml('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>') }] }))).sheets[0];
    expect(plain).not.toHaveProperty('formulas');
  });

  test('links: an address longer than 4,096 characters is not read, and the addresses read count as text (a 2 MB one over 20,000 cells: minutes of work)', async () => {
    const HL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';
    const rows = Array.from({ length: 100 }, (_v, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Ver</t></is></c><c r="B${i + 1}" t="inlineStr"><is><t>Ver</t></is></c></row>`).join('');
    const xml = worksheetXml(rows).replace('</worksheet>', '<hyperlinks><hyperlink ref="A1:A100" r:id="rId1"/><hyperlink ref="B1:B100" r:id="rId2"/></hyperlinks></worksheet>');
    const [fits, long] = [`https://a.example/${'x'.repeat(4_096 - 18)}`, `https://a.example/${'x'.repeat(4_096 - 17)}`];
    const rels = `<Relationship Id="rId1" Type="${HL}" Target="${fits}" TargetMode="External"/><Relationship Id="rId2" Type="${HL}" Target="${long}" TargetMode="External"/>`;
    const bytes = rawXlsx({ sheets: [{ name: 'Vínculos', xml, rels }] });
    const sheet = (await read(bytes)).sheets[0];
    expect([fits.length, long.length, Object.keys(sheet.links ?? {}).length, sheet.links?.A100, sheet.links?.B1]).toEqual([4_096, 4_097, 100, fits, undefined]);
    // 100 addresses of 4,096 characters and the cells' 600 characters of text: 410,200.
    await expect(readXlsx(bufferBytes(bytes), { label: 'v.xlsx', limits: { textCharacters: 410_200 } })).resolves.toBeDefined();
    await expect(readXlsx(bufferBytes(bytes), { label: 'v.xlsx', limits: { textCharacters: 410_199 } })).rejects.toMatchObject({ code: 'source.limit-text-characters' });
  });
});

