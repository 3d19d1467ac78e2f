/**
 * The bulk `datos.xlsx` of a publisher outside Mexico City's time zone (Quintana Roo, America/Cancun, UTC−5). Its
 * official's workbook says the zone in Configuración, and conversion made each date cell local midnight there
 * (`…T00:00:00-05:00`); the file was written in Mexico City's zone, so every one of those dates was ISO text — not a
 * date a reader could sort or filter. Now each publication keeps its zone (publish.ts → Publication.timeZone), the
 * file writes its dates in it and says it in a Configuración sheet, and the file downloaded and sent again converts
 * back to the same releases.
 */
import request from 'supertest';
import { binaryBody, xlsxBook } from '../../../test/support/xlsx-download';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type ExcelJSType from 'exceljs';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { diskBlobStore } from './disk-blob-store';
import { XlsxFileSource } from '../ingest/xlsx-source';
import { checkWorkbook } from '../../../core/pipeline/check-workbook';
import { exampleWorkbook, publisherOf, publishExamples } from '../../../test/example-workbooks';
import { publish } from './publish';
import { DEFAULT_TIME_ZONE, localMidnight } from '../../../core/unflatten/time-zone';
import { templateSpec } from '../../../core/template/template-spec';
import type { WorkbookModel } from '../../../core/workbook/model';
import { SETTINGS_SHEET } from '../../../core/template/settings';

const BASE = 'http://127.0.0.1:8080';
const NOW = '2025-07-01T10:00:00-06:00';
const CANCUN = 'America/Cancun';
let store: Store;
let dir: string;

/** Sets the workbook's Configuración `timeZone` cell (its row is found by the key in column C). */
function setTimeZone(workbook: WorkbookModel, zone: string): void {
  const settings = workbook.sheets.find((s) => s.name === SETTINGS_SHEET);
  const row = settings?.rows.find((r) => r[2] === 'timeZone');
  if (!row) throw new Error('no timeZone row in Configuración');
  row[1] = zone;
}

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  // Mérida's example published as if its official worked in Cancún; the other examples in Mexico City's zone.
  await publishExamples(store, BASE, (key, workbook) => { if (key === 'merida') setTimeZone(workbook, CANCUN); });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-zone-'));
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});


async function download(query: string): Promise<{ file: string; book: ExcelJSType.Workbook }> {
  const app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: diskBlobStore(path.join(dir, 'blobs')) });
  const res = await request(app).get(`/api/bulk/datos.xlsx${query}`).buffer(true).parse(binaryBody).expect(200);
  const file = path.join(dir, `descargado-${query.replace(/\W/g, '') || 'todos'}.xlsx`);
  fs.writeFileSync(file, res.body as Buffer);
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return { file, book };
}

/** Every value of the template's date columns in the workbook's data rows, with the first cell (id/ocid) of its row. */
function dateValues(book: ExcelJSType.Workbook): { key: unknown; value: unknown }[] {
  const out: { key: unknown; value: unknown }[] = [];
  for (const sheet of templateSpec().sheets) {
    const ws = book.getWorksheet(sheet.name);
    if (!ws) continue;
    sheet.columns.forEach((col, c) => {
      if (col.type !== 'date') return;
      for (let r = 3; r <= ws.rowCount; r++) {
        const value = ws.getRow(r).getCell(c + 1).value;
        if (value !== null && value !== undefined && value !== '') out.push({ key: ws.getRow(r).getCell(1).value, value });
      }
    });
  }
  return out;
}

const convert = (workbook: WorkbookModel) => checkWorkbook(workbook, { now: NOW, ocidPrefix: 'ocds-mid001', projectIdPrefix: 'oc4ids-mid001' });

test('a publisher in America/Cancun: the publication keeps its zone, and its datos.xlsx has date cells that convert back to the same releases', async () => {
  const current = await store.getCurrent('merida');
  expect(current?.timeZone).toBe(CANCUN);
  const { items } = await store.listReleases({ publicationId: current!.id, limit: 500 });
  // What conversion made of the official's date cells: local midnight in Cancún.
  expect(JSON.stringify(items.map((r) => r.release))).toMatch(/T00:00:00-05:00/);

  const { file, book } = await download('?publisher=merida');
  const dates = dateValues(book);
  // Every published date is a date cell, none the ISO text a Mexico City workbook left them as.
  expect(dates.length).toBeGreaterThan(10);
  expect(dates.filter(({ value }) => !(value instanceof Date))).toEqual([]);
  // Shown as the template shows them, dd/mm/aaaa, not in the computer's own order (Excel's built-in short date).
  const formats = new Set<string>();
  for (const sheet of templateSpec().sheets) {
    const ws = book.getWorksheet(sheet.name);
    sheet.columns.forEach((col, c) => {
      if (col.type !== 'date' || !ws) return;
      for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(c + 1).value instanceof Date) formats.add(ws.getRow(r).getCell(c + 1).numFmt);
    });
  }
  expect([...formats]).toEqual(['dd/mm/yyyy']);
  // Amounts with thousands separators and cents, as the template's amount columns.
  const projects = book.getWorksheet('Proyectos')!;
  const amount = templateSpec().sheets.find((sh) => sh.name === 'Proyectos')!.columns.findIndex((col) => col.field === 'budget/amount/amount');
  expect(projects.getRow(3).getCell(amount + 1).numFmt).toBe('#,##0.00');
  // The zone they are in, where conversion reads it.
  const settings = book.getWorksheet(SETTINGS_SHEET)!;
  expect(settings.getRow(2).values).toEqual([undefined, 'Zona horaria', CANCUN, 'timeZone']);
  const readme = (book.getWorksheet('Léame')!.getColumn(1).values as unknown[]).map(String).join('\n');
  expect(readme).toContain(`a la medianoche de la zona horaria ${CANCUN}`);

  // Downloaded, edited (here: not) and sent again: the same releases as its official's workbook gives — so the same
  // ids (a hash of the content) as those published — every date the same instant.
  const downloaded = convert(await new XlsxFileSource(file, path.basename(file)).read());
  expect(downloaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const original = convert(await (async () => { const w = await exampleWorkbook('merida'); setTimeZone(w, CANCUN); return w; })());
  // (in the store's order, by ocid, as the file lists them)
  const byOcid = (list: unknown[]) => [...(list as { ocid: string }[])].sort((x, y) => (x.ocid < y.ocid ? -1 : 1));
  expect(byOcid(downloaded.releases)).toEqual(byOcid(original.releases));
  expect((downloaded.releases as { id: string }[]).map((r) => r.id).sort()).toEqual(items.map((r) => r.id).sort());
});

test('all publishers\' datos.xlsx writes each row\'s dates in its own publisher\'s zone, has no Configuración, and its Léame says which zone is whose', async () => {
  const { book } = await download('');
  const dates = dateValues(book);
  const merida = dates.filter(({ key }) => /^(ocds|oc4ids)-mid001/.test(String(key)));
  const others = dates.filter(({ key }) => !/^(ocds|oc4ids)-mid001/.test(String(key)));
  expect(merida.length).toBeGreaterThan(10);
  expect(others.length).toBeGreaterThan(10);
  expect(merida.filter(({ value }) => !(value instanceof Date))).toEqual([]);
  // (Nuevo León's projects' `updated` is the publication's time, with its hour: text, as it should be.)
  expect(others.filter(({ value }) => !(value instanceof Date) && /T00:00:00/.test(String(value)))).toEqual([]);
  expect(others.filter(({ value }) => value instanceof Date).length).toBeGreaterThan(10);
  // No one zone reads both back: no sheet claims one.
  expect(book.getWorksheet(SETTINGS_SHEET)).toBeUndefined();
  const readme = (book.getWorksheet('Léame')!.getColumn(1).values as unknown[]).map(String).join('\n');
  const meridaName = (await store.getPublisher('merida'))!.name;
  expect(readme).toContain(`• ${meridaName} (ocds-mid001, oc4ids-mid001): ${CANCUN}`);
  expect(readme).toContain('descargue su propio datos.xlsx');
  // Only Mérida's is listed: the others' zones (Mexico City's, Monterrey's) keep Mexico City's time.
  expect(readme.split('\n').filter((line) => line.startsWith('• ') && line.includes(': America/'))).toHaveLength(1);
});

/**
 * A workbook that only changes its zone (its dates typed as text with their offset, which no zone changes) is the same
 * content: before, it was `unchanged`, and the publication — so its datos.xlsx — kept the zone the official had left.
 */
test('the same data sent in another time zone is published again, with the new zone; sent again in it, unchanged', async () => {
  const own = openSqliteStore(':memory:');
  try {
    const workbook = await exampleWorkbook('merida');
    // Every date cell as the text conversion makes of it in Mexico City's zone (the Dates are of another realm here).
    for (const sheet of workbook.sheets) {
      for (const row of sheet.rows) {
        row.forEach((v, i) => {
          if (Object.prototype.toString.call(v) !== '[object Date]') return;
          const d = v as Date;
          row[i] = localMidnight(DEFAULT_TIME_ZONE, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
        });
      }
    }
    const publisher = publisherOf('merida', workbook);
    await own.putPublisher(publisher);
    const send = (w: WorkbookModel, hour: number) => publish(own, { publisher, workbook: w, actor: 'system', now: `2025-07-01T${hour}:00:00-06:00`, baseUrl: BASE });
    expect((await send(workbook, 10)).status).toBe('published');
    expect((await own.getCurrent('merida'))?.timeZone).toBe('America/Merida'); // as its example's Configuración says
    setTimeZone(workbook, CANCUN);
    const moved = await send(workbook, 11);
    expect(moved.status).toBe('published');
    if (moved.status === 'published') expect(moved.changedProcesses).toEqual([]);
    expect((await own.getCurrent('merida'))?.timeZone).toBe(CANCUN);
    expect((await send(workbook, 12)).status).toBe('unchanged');
  } finally {
    await own.close();
  }
});

/**
 * Mérida's, Monterrey's and Mexico City's zones keep the same time (one offset table, core/unflatten/time-zone.ts):
 * all publishers' workbook of those is of one zone, said in its Configuración, and reads back as published.
 */
test('all publishers\' datos.xlsx of zones with Mexico City\'s time states America/Mexico_City in its Configuración', async () => {
  const own = openSqliteStore(':memory:');
  try {
    await publishExamples(own, BASE);
    const app = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
    const res = await request(app).get('/api/bulk/datos.xlsx').buffer(true).parse(binaryBody).expect(200);
    const book = await xlsxBook(res.body as Buffer);
    expect(book.getWorksheet(SETTINGS_SHEET)?.getRow(2).values).toEqual([undefined, 'Zona horaria', DEFAULT_TIME_ZONE, 'timeZone']);
    expect(dateValues(book).filter(({ value }) => !(value instanceof Date) && /T00:00:00/.test(String(value)))).toEqual([]);
  } finally {
    await own.close();
  }
});
