/**
 * datos.xlsx holds each process as its record's compiled release, as records.json, the API and the dashboard do. It
 * was built from each process's latest release: an official who deleted a payment row and published again saw the
 * payment stay in the record (OCDS merges items by id; nothing published is lost) and on the dashboard, but the
 * spreadsheet had lost it, so a data user reconciling datos.xlsx with records.json found different sums. And a
 * history published elsewhere a release per stage had only its last stage there.
 */
import request from 'supertest';
import { strFromU8, unzipSync } from 'fflate';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { binaryBody, xlsxBook } from '../../../test/support/xlsx-download';
import { exampleWorkbook, publisherOf } from '../../../test/example-workbooks';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { diskBlobStore } from './disk-blob-store';
import { publish, publishHistory } from './publish';

const BASE = 'http://127.0.0.1:8080';
const SHEET = 'Transacciones';
const PATHS = ['ocid', 'contracts/0/id', 'contracts/0/implementation/transactions/0/id', 'contracts/0/implementation/transactions/0/value/amount'];

type Book = Awaited<ReturnType<typeof xlsxBook>>;

/** The publisher's datos.xlsx, as the API serves it. */
async function datosBook(store: Store, dir: string, publisherId: string): Promise<Book> {
  const app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: diskBlobStore(path.join(dir, 'blobs')) });
  const res = await request(app).get(`/api/bulk/datos.xlsx?publisher=${publisherId}`).buffer(true).parse(binaryBody).expect(200);
  return xlsxBook(res.body as Buffer);
}

/** The lines of its «Léame» sheet. */
function readme(book: Book): string[] {
  const lines: string[] = [];
  book.getWorksheet('Léame')!.eachRow((row) => lines.push(String(row.getCell(1).value)));
  return lines;
}

/** The rows of `sheet` by the values of the columns of `paths`. */
function datosRows(book: Book, sheet: string, paths: readonly string[]): unknown[][] {
  const ws = book.getWorksheet(sheet)!;
  const columns = paths.map((p) => (ws.getRow(2).values as unknown[]).indexOf(p));
  const rows: unknown[][] = [];
  for (let r = 3; r <= ws.rowCount; r++) rows.push(columns.map((c) => ws.getRow(r).getCell(c).value));
  return rows;
}

test('a payment row deleted from the workbook stays in datos.xlsx, as in the record\'s compiled release', async () => {
  const store = openSqliteStore(':memory:');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-compiled-'));
  try {
    const first = await exampleWorkbook('tuxtla-gutierrez');
    const publisher = publisherOf('tuxtla-gutierrez', first);
    await store.putPublisher(publisher);
    expect((await publish(store, { publisher, workbook: first, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');

    // The same workbook a month later without its fourth payment row.
    const second = await exampleWorkbook('tuxtla-gutierrez');
    const sheet = second.sheets.find((s) => s.name === SHEET)!;
    const [ocidCol, contractCol, idCol, amountCol] = PATHS.map((p) => sheet.rows[1].indexOf(p));
    const [deleted] = sheet.rows.splice(2 + 3, 1);
    expect((await publish(store, { publisher, workbook: second, actor: 'system', now: '2025-08-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
    const ocid = String(deleted[ocidCol]);

    // The record keeps the payment (OCDS merge); its latest release does not.
    const current = (await store.getCurrent(publisher.id))!;
    const compiled = (await store.getRecord(current.id, ocid))!.record.compiledRelease as { contracts: { id: string; implementation?: { transactions?: { id: string; value?: { amount?: number } }[] } }[] };
    const inRecord = compiled.contracts.flatMap((c) => (c.implementation?.transactions ?? []).map((t) => [ocid, c.id, t.id, t.value?.amount]));
    expect(inRecord).toContainEqual([ocid, deleted[contractCol], deleted[idCol], deleted[amountCol]]);

    const book = await datosBook(store, dir, publisher.id);
    const inWorkbook = datosRows(book, SHEET, PATHS).filter((row) => row[0] === ocid);
    // Every payment of the process, the deleted one included, with the amounts of the record.
    expect(inWorkbook).toEqual(inRecord);
    // Data captured in the template has a column for every field: «Léame» names none it lacks.
    expect(readme(book).join('\n')).not.toContain('no tiene dónde escribir');
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

test('a process published elsewhere a release per stage (history) has its tender in datos.xlsx, not only its last stage', async () => {
  const store = openSqliteStore(':memory:');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-compiled-'));
  try {
    const publisher = publisherOf('tuxtla-gutierrez', await exampleWorkbook('tuxtla-gutierrez'));
    await store.putPublisher(publisher);
    const ocid = `${publisher.ocidPrefix}-HIST-001`;
    const tender = { ocid, id: `${ocid}-01`, date: '2024-01-10T00:00:00Z', tag: ['tender'], initiationType: 'tender', tender: { id: 'T1', title: 'Pavimentación de la calle 5' } };
    // Its payments as OCDS 1.0 wrote them (Ciudad de México's SEFIN, 2016): `amount`, which no template column holds.
    const payment = (id: string) => ({ id, date: '2024-04-05T00:00:00-06:00', amount: { amount: 83383.12, currency: 'MXN' } });
    const contract = { ocid, id: `${ocid}-02`, date: '2024-03-10T00:00:00Z', tag: ['contract'], initiationType: 'tender', contracts: [{ id: 'C1', awardID: 'A1', title: 'Contrato de pavimentación', implementation: { transactions: [payment('P1'), payment('P2')] } }] };
    const releases = [tender, contract].map((release) => ({ ocid, id: release.id, date: release.date, release }));
    expect((await publishHistory(store, { publisher, releases, actor: 'cli', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
    // The tender of the first release and the contract of the second, as the record compiles them.
    const book = await datosBook(store, dir, publisher.id);
    expect(datosRows(book, 'Contrataciones', ['ocid', 'tender/title'])).toEqual([[ocid, 'Pavimentación de la calle 5']]);
    expect(datosRows(book, 'Contratos', ['ocid', 'contracts/0/id'])).toEqual([[ocid, 'C1']]);
    // The payments are there without their amounts, which the dashboard counts: «Léame» says so and where they are,
    // instead of saying that the workbook converts back to the compiled releases of records.json.
    expect(datosRows(book, 'Transacciones', ['contracts/0/implementation/transactions/0/id', 'contracts/0/implementation/transactions/0/value/amount'])).toEqual([['P1', null], ['P2', null]]);
    const lines = readme(book);
    const named = lines.findIndex((l) => l.startsWith('Datos publicados que la plantilla no tiene dónde escribir'));
    expect(named).toBeGreaterThan(0);
    expect(lines.slice(named + 1, named + 4)).toEqual([
      '• contracts/implementation/transactions/amount/amount (EDCA-MX, contrataciones): 2 valores.',
      '• contracts/implementation/transactions/amount/currency (EDCA-MX, contrataciones): 2 valores.',
      expect.stringContaining('records.json'),
    ]);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

/**
 * Every .xlsx is XML 1.0 (no U+FFFE, U+FFFF) and every Excel cell holds at most 32,767 characters: past either, Excel
 * calls the whole download damaged and «repairs» it by removing cells. `history` publishes another system's texts as
 * they were, so a citizen's datos.xlsx (and the list of pending data) was a file Excel refused.
 */
test('texts Excel cannot hold (U+FFFE, U+FFFF, over 32,767 characters) do not make datos.xlsx or pendientes.xlsx a damaged file', async () => {
  const store = openSqliteStore(':memory:');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-compiled-'));
  try {
    const publisher = publisherOf('tuxtla-gutierrez', await exampleWorkbook('tuxtla-gutierrez'));
    await store.putPublisher(publisher);
    const ocid = `${publisher.ocidPrefix}-HIST-002`;
    const long = 'Obra de drenaje. '.repeat(2_400); // 40,800 characters
    const release = { ocid, id: `${ocid}-01`, date: '2024-01-10T00:00:00Z', tag: ['tender'], initiationType: 'tender', tender: { id: 'T1', title: 'Drenaje\uFFFE pluvial\uFFFF', description: long } };
    expect((await publishHistory(store, { publisher, releases: [{ ocid, id: release.id, date: release.date, release }], actor: 'cli', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
    const app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: diskBlobStore(path.join(dir, 'blobs')) });
    for (const address of [`/api/bulk/datos.xlsx?publisher=${publisher.id}`, `/api/pending/${publisher.id}/pendientes.xlsx`]) {
      const bytes = (await request(app).get(address).buffer(true).parse(binaryBody).expect(200)).body as Buffer;
      const parts = Object.entries(unzipSync(new Uint8Array(bytes))).filter(([name]) => name.endsWith('.xml')).map(([, data]) => strFromU8(data));
      expect(parts.filter((xml) => /[\uFFFE\uFFFF]/.test(xml))).toEqual([]);
      const longest = Math.max(...parts.flatMap((xml) => [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1].replace(/&[a-z]+;|&#\d+;/g, '_').length)));
      expect(longest).toBeLessThanOrEqual(32_767);
      const book = await xlsxBook(bytes);
      if (address.includes('pendientes')) {
        // The process's title on each of its rows, as the page shows it.
        const titles = new Set<unknown>();
        book.getWorksheet('Pendientes')!.eachRow((row, r) => { if (r > 1) titles.add(row.getCell(3).value); });
        expect([...titles]).toEqual(['Drenaje pluvial']);
        continue;
      }
      const [[title, description]] = datosRows(book, 'Contrataciones', ['tender/title', 'tender/description']);
      expect(title).toBe('Drenaje pluvial');
      expect(description).toBe(`${long.slice(0, 32_766)}…`);
      // Said, with where the text is whole.
      expect(readme(book)).toContainEqual(expect.stringMatching(/^1 texto publicado tiene más de 32,767 caracteres, .*records\.json/));
    }
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
