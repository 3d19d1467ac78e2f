/**
 * A publication's bulk files (DESIGN §6), written once: the OCDS release and record packages and the OC4IDS
 * project package as JSON and as JSON Lines (each also gzipped), and the flattened template `datos.xlsx` (each
 * process's compiled release and each project, after a `Léame` sheet saying what it holds and which derived project
 * fields it does not).
 * They are generated in constant memory (the store is read page by page into temporary files) and then put in
 * the BlobStore, so a download costs no database reads and no CPU: the API only streams or redirects.
 *
 * Names: `publicaciones/<publicationId>/v<form>/<file>` for one publisher's current publication; downloads spanning
 * every publisher are `todos/<hash of the publications read and the form>/<file>`, built on first demand.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { pipeline } from 'stream/promises';
import type { Writable } from 'stream';
import { createGzip } from 'zlib';
import type ExcelJS from 'exceljs';
import { exceljs } from '../xlsx/load-exceljs';
import type { Page, RedactionNote, Store } from '../store/store';
import { pages } from '../store/read-all';
import { projectPackage, recordPackage, releasePackage, type PackageMeta } from '../../../core/packages';
import { flattenSheet } from '../../../core/flatten';
import { templateSpec } from '../../../core/template/template-spec';
import { DATE_FORMAT, dateCellFormat, numberFormat, yesNo } from '../../../core/template/layout';
import type { ColumnSpec } from '../../../core/template/spec';
import { columnLetter } from '../../../core/workbook/model';
import { bulkReadmeLines, README_SHEET, type BulkDateZones } from '../../../core/template/bulk-readme';
import { droppedValues } from '../../../core/import/template-coverage';
import { SETTINGS, SETTINGS_HEADER, SETTINGS_SHEET } from '../../../core/template/settings';
import { DEFAULT_TIME_ZONE, sameClock } from '../../../core/unflatten/time-zone';
import { looksLikeFormula } from '../../../core/format/formula-safety';
import type { BulkKind } from '../../../core/packages/bulk-contents';
import type { BlobStore } from './blob-store';
import { sheetCaughtUp } from '../xlsx/stream-pace';
import { excelText } from '../../../core/format/excel-text';
import { bulkManifest, fingerprintOf, MANIFEST_FILE, type FileFingerprint } from './bulk-manifest';

export type { BulkKind } from '../../../core/packages/bulk-contents';
/**
 * What a bulk file is built from: the publisher and publication of each current set (see api/current-publications).
 * The publication's `timeZone` is the one its workbook was converted with (absent: the default).
 */
export interface BulkSet { publisher: { id: string; name?: string; ocidPrefix?: string; projectIdPrefix?: string }; publication: { id: string; createdAt: string; timeZone?: string; redactions?: RedactionNote[] } }

export const BULK_FILES: Record<string, { kind?: BulkKind; format: 'json' | 'jsonl' | 'xlsx' }> = {
  'releases.json': { kind: 'releases', format: 'json' },
  'records.json': { kind: 'records', format: 'json' },
  'projects.json': { kind: 'projects', format: 'json' },
  'releases.jsonl': { kind: 'releases', format: 'jsonl' },
  'records.jsonl': { kind: 'records', format: 'jsonl' },
  'projects.jsonl': { kind: 'projects', format: 'jsonl' },
  'datos.xlsx': { format: 'xlsx' },
};

export const CONTENT_TYPES = { json: 'application/json; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', gz: 'application/gzip' } as const;

/** The name a bulk file downloads as: the publisher's id first when the request named one (`?publisher=`). */
export const bulkDownloadName = (file: string, publisherId: string | undefined): string => `${publisherId ? `${publisherId}-` : ''}${file}`;

/**
 * The form of the files this version writes. Files written once are never rewritten in place (a public bucket serves
 * them as immutable for a year, gcs-blob-store.ts), so files of another form — a package without the publisher's
 * licence, a `datos.xlsx` without frozen headers, written before an upgrade — are told apart by their folder: a
 * version that changes what the files hold or how raises this number, its readers look only in folders of the new
 * form, and `publications rebuild-bulk` (cli/publications-command.ts) writes them there for every current
 * publication after the upgrade. Files written before there was a number lie directly in `publicaciones/<id>/`.
 * Form 3: `datos.xlsx` writes each publisher's dates in its publication's time zone, and says it in a
 * `Configuración` sheet (form 2 wrote them in Mexico City's, so every date of a publisher elsewhere was text).
 * Form 4: `datos.xlsx` has the template's column widths and number formats (amounts with thousands separators,
 * dates dd/mm/yyyy), bold titles and a «Léame» whose paragraphs wrap; form 3's columns of Excel's default width
 * showed amounts as 1.28E+09.
 * Form 5: `datos.xlsx` answers its yes/no columns «Sí»/«No», as the template's drop-downs do (form 4 wrote TRUE/FALSE
 * cells, VERDADERO/FALSO in a Spanish Excel), its data sheets have filter buttons, and a date with a time is a date
 * cell showing it (dd/mm/yyyy hh:mm) where form 4 wrote ISO text.
 * Form 6: a date-time at 06:00 in Mexico City is a date cell too (form 5 wrote it as ISO text: read back, that hour
 * was taken for a date alone), a project process's number of tenderers shows as a whole number («3», not «3.00») and
 * an exchange rate with four decimals (the DOF's 17.2345 showed 17.23).
 * Form 7: `datos.xlsx` holds each process's compiled release (its record's), where form 6 held its latest release:
 * a payment deleted from the workbook, still in records.json and the dashboard, was missing from it.
 * Form 8: its «Léame» names the published fields no template column holds (a history brought from another system, an
 * OCDS 1.0 payment's `amount`) with how many values each: form 7 said a conversion gave back records.json's compiled
 * releases, and a journalist who summed such a publisher's payments in it found no amounts the dashboard counted.
 * Form 9: `datos.xlsx` holds each text as an Excel cell can (core/format/excel-text.ts): without U+FFFE and U+FFFF, and cut
 * at 32,767 characters, which «Léame» says. A history's text with either made Excel call form 8's file damaged.
 * Form 10: each package's `license` and `publishedDate` are those of the publications holding its kind, as the API's
 * listings give them: form 9's projects.json of every publisher had no licence when a publisher of processes only had
 * another (or none), and that publisher's date.
 */
export const BULK_FORM = 10;

/** The folder of everything written for one publisher's publication, of any form (pruning removes it whole). */
export const publicationFolder = (publicationId: string): string => `publicaciones/${publicationId}/`;

/** The folder of one publisher's publication's bulk files in this version's form. */
export const publicationBulkFolder = (publicationId: string): string => `${publicationFolder(publicationId)}v${BULK_FORM}/`;

/** The folder of the bulk files of these sets (see the header). */
export function bulkPrefix(sets: BulkSet[], publisherId: string | undefined): string {
  if (publisherId && sets.length === 1) return publicationBulkFolder(sets[0].publication.id);
  return combinedFolder(sets, publisherId, `#v${BULK_FORM}`);
}

function combinedFolder(sets: BulkSet[], publisherId: string | undefined, form: string): string {
  const stamp = `${sets.map((s) => s.publication.id).sort().join(',')}${form}`;
  return `${publisherId ? `publicador/${publisherId}` : 'todos'}/${createHash('sha256').update(stamp).digest('hex').slice(0, 32)}/`;
}

/**
 * The folders earlier versions wrote the same sets' combined files in (each earlier form, and the one before forms
 * were numbered, whose name had none): after an upgrade nothing reads them, and `publications rebuild-bulk` removes
 * them once this form's are complete instead of leaving them to `publications prune`, a day later at the earliest. A
 * single publication's earlier forms lie in its own folder (publicationFolder), removed with it.
 */
export function olderBulkPrefixes(sets: BulkSet[], publisherId: string | undefined): string[] {
  if (publisherId && sets.length === 1) return [];
  return ['', ...Array.from({ length: BULK_FORM - 1 }, (_, i) => `#v${i + 1}`)].map((form) => combinedFolder(sets, publisherId, form));
}

/** Small pages keep memory flat: each page is parsed, written, then dropped. */
const PAGE = 100;

/**
 * The pages of one listing over every set's publication in turn. Building files is long CPU work: the requests
 * being served have their turn between pages.
 */
async function* pagesOf<T>(sets: BulkSet[], list: (publicationId: string, after: string | undefined) => Promise<Page<T>>): AsyncGenerator<T[]> {
  for (const { publication } of sets) {
    for await (const items of pages((after) => list(publication.id, after))) {
      yield items;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

async function* documents(store: Store, sets: BulkSet[], kind: BulkKind): AsyncGenerator<unknown[]> {
  const limit = kind === 'records' ? PAGE / 4 : PAGE;
  const list = (publicationId: string, after: string | undefined): Promise<Page<{ release?: unknown; record?: unknown; project?: unknown }>> =>
    kind === 'releases' ? store.listReleases({ publicationId, after, limit }) : kind === 'records' ? store.listRecords({ publicationId, after, limit }) : store.listProjects({ publicationId, after, limit });
  for await (const items of pagesOf(sets, list)) yield items.map((i) => (kind === 'releases' ? i.release : kind === 'records' ? i.record : i.project));
}

/** The stored text of every document of one kind (no parsing: spliced into the files as is). */
async function* documentTexts(store: Store, sets: BulkSet[], kind: BulkKind): AsyncGenerator<string[]> {
  const limit = kind === 'records' ? PAGE : PAGE * 5;
  for await (const items of pagesOf(sets, (publicationId, after) => store.listDocumentTexts(kind, { publicationId, after, limit }))) yield items.map((i) => i.text);
}

/**
 * Each process's compiled release, from its record: its current state as OCDS merges its releases, the one
 * records.json, the API and the dashboard's figures give. Its latest release is not that: a row deleted from the
 * workbook (a payment, an actor) or a supplier whose RFC was corrected is gone from the next release but stays in the
 * record (items merge by id; nothing published is lost, core/merge/kept-in-record.ts), so datos.xlsx built from
 * latest releases lacked a payment that records.json and the dashboard counted; and a process published elsewhere
 * in partial releases (`history`) has only its last stage in its latest one. One record per process, a page at a
 * time, as every other kind is read. The compiled release's own `id`, `date` and `tag` («compiled») have no cell
 * (core/flatten/flatten.ts leaves them to the converter).
 */
async function* compiledReleases(store: Store, sets: BulkSet[]): AsyncGenerator<unknown[]> {
  // Pages as large as the releases' were: a record links its releases (url, date, tag) instead of holding them, so
  // it weighs about its compiled release, and a smaller page would only mean more reads of the store.
  for await (const records of pagesOf(sets, (publicationId, after) => store.listRecords({ publicationId, after, limit: PAGE }))) {
    yield records.map((r) => (r.record as { compiledRelease?: unknown }).compiledRelease).filter((c) => c !== undefined);
  }
}

function write(out: Writable, chunk: string): Promise<void> | void {
  if (!out.write(chunk)) return new Promise((resolve) => out.once('drain', resolve));
}

function finish(out: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => { out.once('error', reject); out.end(() => resolve()); });
}

const PACKAGERS = { releases: releasePackage, records: recordPackage, projects: projectPackage } as const;

/**
 * One pass over the documents of a kind writes both its package (.json) and its JSON Lines (.jsonl); how many
 * documents they hold.
 */
async function writeKind(store: Store, sets: BulkSet[], kind: BulkKind, meta: PackageMeta, jsonFile: string, linesFile: string): Promise<number> {
  // The envelope is the real package with an empty list, split where the list goes.
  const envelope = JSON.stringify(PACKAGERS[kind]([], meta));
  const marker = `"${kind}":[]`;
  const at = envelope.lastIndexOf(marker);
  const json = fs.createWriteStream(jsonFile);
  const lines = fs.createWriteStream(linesFile);
  await write(json, `${envelope.slice(0, at)}"${kind}":[`);
  let written = 0;
  for await (const page of documentTexts(store, sets, kind)) {
    let chunk = '';
    let lineChunk = '';
    for (const text of page) {
      chunk += (written ? ',' : '') + text;
      lineChunk += `${text}\n`;
      written++;
    }
    if (chunk) await Promise.all([write(json, chunk), write(lines, lineChunk)]);
  }
  await write(json, `]${envelope.slice(at + marker.length)}`);
  await Promise.all([finish(json), finish(lines)]);
  return written;
}

/**
 * A spilled value as the cell to write. Calendar dates were spilled as {d: epoch ms} so they come back as real
 * dates. Text goes into typed string cells, which a spreadsheet never runs as a formula whatever they start with
 * (= + - @), so it needs no apostrophe and reads back exactly as published (a CSV has no cell types: the
 * dashboard's CSV keeps the apostrophe, core/format/formula-safety.ts). Text that starts like a formula goes in an
 * inline-string cell (`t="inlineStr"`, what ExcelJS writes for rich text), the plainest "this is text" an .xlsx can say.
 */
function cellValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object') return new Date((v as { d: number }).d);
  return looksLikeFormula(v) ? { richText: [{ text: v }] } : v;
}

/**
 * A flattened value as spilled to its sheet's temporary file: a text as an Excel cell holds it (those cut are counted
 * for «Léame»), a calendar date as {d: epoch ms}, a yes/no as the
 * template's «Sí»/«No» — a TRUE/FALSE cell read VERDADERO/FALSO in a Spanish Excel, not what the template's drop-down
 * offers (write-template.ts), so an official correcting the download typed «Sí» beside a column of VERDADERO.
 */
function spilled(col: ColumnSpec | undefined, v: unknown, notHeld: { cutTexts: number }): unknown {
  if (typeof v === 'string') {
    // As a cell holds it: a text Excel cannot hold made it call the whole download damaged (core/format/excel-text.ts).
    const fit = excelText(v);
    if (fit.cut) notHeld.cutTexts++;
    return fit.text;
  }
  if (v instanceof Date) return { d: v.getTime() };
  if (typeof v === 'boolean' && col?.type === 'boolean') return yesNo(v);
  return v ?? null;
}

/**
 * Cell styles of datos.xlsx, each one object shared by every cell that takes it (ExcelJS keys its styles by the
 * object). A date is always a date cell's format, whatever its column: a style first met on a number would give it
 * the number's.
 */
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
const TITLE_STYLE: Partial<ExcelJS.Style> = Object.freeze({ font: { bold: true } });
const DATE_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: DATE_FORMAT });
const README_STYLE: Partial<ExcelJS.Style> = Object.freeze({ alignment: { wrapText: true, vertical: 'top' as const } });
const README_TITLE_STYLE: Partial<ExcelJS.Style> = Object.freeze({ ...README_STYLE, font: { bold: true } });
const formatStyles = new Map<string, Partial<ExcelJS.Style>>([[DATE_FORMAT, DATE_STYLE]]);
function columnStyle(format: string | undefined): Partial<ExcelJS.Style> {
  if (!format) return PLAIN_STYLE;
  let style = formatStyles.get(format);
  if (!style) formatStyles.set(format, (style = Object.freeze({ numFmt: format })));
  return style;
}

/**
 * The flattened template as .xlsx: each page's rows go to one temporary JSON Lines file per sheet, then the
 * sheets are streamed into the workbook one after another (an .xlsx holds its sheets one after another).
 */
async function writeXlsx(store: Store, sets: BulkSet[], file: string, dir: string): Promise<void> {
  const spec = templateSpec();
  const spills = spec.sheets.map((_, i) => path.join(dir, `hoja-${i}.jsonl`));
  const files = spills.map((f) => fs.createWriteStream(f));
  const notHeld = { ocds: new Map<string, number>(), oc4ids: new Map<string, number>(), packageFields: new Set<string>(), cutTexts: 0 };
  const spill = async (standard: 'ocds' | 'oc4ids', pages: AsyncGenerator<unknown[]>, timeZone: string): Promise<void> => {
    for await (const docs of pages) {
      for (const [i, sheet] of spec.sheets.entries()) {
        if (sheet.standard !== standard) continue;
        let chunk = '';
        for (const row of flattenSheet(sheet, docs, { timeZone }).rows.slice(2)) chunk += `${JSON.stringify(row.map((v, c) => spilled(sheet.columns[c], v, notHeld)))}\n`;
        if (chunk) await write(files[i], chunk);
      }
      // What no column holds, for «Léame» to name (written before the data sheets, after this pass).
      const { dropped, packageFields } = droppedValues(docs, standard, spec);
      for (const [field, n] of dropped) notHeld[standard].set(field, (notHeld[standard].get(field) ?? 0) + n);
      for (const field of packageFields) notHeld.packageFields.add(field);
    }
  };
  // Each publisher's rows with its dates in its own zone: the midnights its official typed as dates are date cells.
  // The rows of each sheet stay in the sets' order, as when every set was read in one pass.
  for (const set of sets) {
    const timeZone = zoneOf(set);
    await spill('ocds', compiledReleases(store, [set]), timeZone);
    await spill('oc4ids', documents(store, [set], 'projects'), timeZone);
  }
  await Promise.all(files.map(finish));
  const zones = dateZones(sets);

  const out = fs.createWriteStream(file);
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useSharedStrings: false, useStyles: true });
  // Each sheet's place in the workbook (a filter's name says its sheet by it), and the filters' names.
  let sheets = 0;
  const filters: FilterName[] = [];
  // First, what the workbook is and which published data it does not hold (the round trip through `convert` lacks it).
  const readme = workbook.addWorksheet(README_SHEET);
  sheets++;
  readme.columns = [{ width: 150 }];
  // Each paragraph wrapped in the column: one line of up to a thousand characters ran off the screen to the right.
  bulkReadmeLines(zones, notHeld).forEach((line, i) => {
    const row = readme.addRow([line]);
    row.getCell(1).style = i === 0 ? README_TITLE_STYLE : README_STYLE;
    row.commit();
  });
  readme.commit();
  // The zone its date cells are in, as the template's Configuración says it (title, value, key): the workbook
  // downloaded, edited and sent again converts them back to the same instants (core/unflatten/settings-reader.ts).
  // A workbook of publishers of different zones has none: no one zone reads its cells back (its Léame says so).
  if ('timeZone' in zones) {
    const settings = workbook.addWorksheet(SETTINGS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheets++;
    settings.columns = [{ width: 32 }, { width: 50 }, { width: 22 }];
    settings.addRow([...SETTINGS_HEADER]).commit();
    const setting = SETTINGS.find((s) => s.key === 'timeZone');
    settings.addRow([setting?.title ?? 'Zona horaria', zones.timeZone, 'timeZone']).commit();
    settings.commit();
  }
  for (const [i, sheet] of spec.sheets.entries()) {
    const header = flattenSheet(sheet, []).rows;
    // Its header rows (titles, then paths) frozen, as in the template: scrolling a sheet of thousands of rows lost
    // which column was which.
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: header.length }] });
    // The template's widths and number formats (core/template/layout.ts): in columns of Excel's default width an
    // amount read 1.28E+09 and a date ########, and amounts had no thousands separator ($1,284,500,000.00 is
    // 1,284,500,000.00 beside its currency). One style object per column: ExcelJS finds it again by identity.
    ws.columns = sheet.columns.map((col) => ({ width: col.width }));
    const styles = sheet.columns.map((col) => columnStyle(numberFormat(col)));
    header.forEach((values, r) => {
      const row = ws.addRow(values);
      row.eachCell((cell) => { cell.style = r === 0 ? TITLE_STYLE : PLAIN_STYLE; });
      row.commit();
    });
    let lastRow = header.length;
    const lines = readline.createInterface({ input: fs.createReadStream(spills[i]), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      lastRow++;
      const row = ws.addRow((JSON.parse(line) as unknown[]).map(cellValue));
      // A date cell with a time shows it (31/03/2024 10:30): in dd/mm/yyyy its time was there and nowhere to be seen.
      row.eachCell((cell, n) => { cell.style = cell.value instanceof Date ? columnStyle(dateCellFormat(cell.value)) : styles[n - 1] ?? PLAIN_STYLE; });
      row.commit();
      // Paced to the zip (xlsx/stream-pace.ts): written faster than compressed, a sheet's XML piled up in memory,
      // about 27 MB per 1,000 releases, 2.8 GB of RSS for 100,000 (bench:api).
      await sheetCaughtUp(ws);
      if (out.writableNeedDrain) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    filters.push(filterOf(ws, sheet.name, sheets++, header.length, sheet.columns.length, lastRow));
    ws.commit();
  }
  nameFilters(workbook, filters);
  await workbook.commit();
  if (!out.writableFinished) await new Promise<void>((resolve, reject) => { out.once('finish', () => resolve()); out.once('error', reject); });
}

/** The hidden name of a sheet's filtered range (`_xlnm._FilterDatabase`, local to the sheet at `localSheetId`). */
interface FilterName { name: string; localSheetId: number; ranges: string[] }

/**
 * Filter buttons on a data sheet, so that a journalist filters the rows at once. They sit on the path row (the
 * second header row, under the titles) and cover the data rows below it: on the title row they made the path row
 * the first row of data, which a filter hid and a sort moved among the data — and a workbook sorted so, sent back,
 * no longer had its paths in row 2. Excel needs only the sheet's <autoFilter>; LibreOffice shows no buttons without
 * the workbook's `_xlnm._FilterDatabase` name for the same range (Excel writes both), hence its name.
 */
function filterOf(ws: ExcelJS.Worksheet, sheetName: string, localSheetId: number, headerRows: number, columns: number, lastRow: number): FilterName {
  const [from, to] = [`A${headerRows}`, `${columnLetter(Math.max(1, columns))}${lastRow}`];
  ws.autoFilter = `${from}:${to}`;
  const absolute = (a1: string): string => a1.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return { name: '_xlnm._FilterDatabase', localSheetId, ranges: [`'${sheetName.replace(/'/g, "''")}'!${absolute(from)}:${absolute(to)}`] };
}

/**
 * The workbook's names of its filters. ExcelJS's streaming writer keeps its names cell by cell (one object per cell
 * of a range: millions for a sheet's filter) and cannot say which sheet a name belongs to, so its list is given as
 * the model it writes into workbook.xml (WorkbookWriter#addWorkbook reads only `_definedNames.model`; exceljs 4.4).
 */
function nameFilters(workbook: ExcelJS.stream.xlsx.WorkbookWriter, filters: FilterName[]): void {
  const writer = workbook as unknown as { _definedNames?: { model: unknown } };
  // exceljs 4's streaming writer keeps its names there (a private field). Another version without it still writes the
  // file, with Excel's buttons and without LibreOffice's: public-routes.test checks the names, and fails there.
  if (!writer._definedNames) return;
  writer._definedNames = { model: filters };
}

const zoneOf = (set: BulkSet): string => set.publication.timeZone ?? DEFAULT_TIME_ZONE;

/**
 * The zone of the workbook's dates: one zone when every set's keeps the same time (Mérida's and Mexico City's do) —
 * Mexico City's if it is one of them, else the first set's —, or each publisher's.
 */
function dateZones(sets: BulkSet[]): BulkDateZones {
  const zones = sets.map(zoneOf);
  const one = zones.find((z) => z === DEFAULT_TIME_ZONE) ?? zones[0] ?? DEFAULT_TIME_ZONE;
  if (zones.every((z) => sameClock(z, one))) return { timeZone: one };
  return {
    others: sets.filter((s) => !sameClock(zoneOf(s), DEFAULT_TIME_ZONE)).map((s) => ({
      name: s.publisher.name ?? s.publisher.id,
      prefixes: [s.publisher.ocidPrefix, s.publisher.projectIdPrefix].filter((p): p is string => !!p),
      timeZone: zoneOf(s),
    })),
  };
}

async function gzipFile(from: string, to: string): Promise<void> {
  await pipeline(fs.createReadStream(from), createGzip({ level: 6 }), fs.createWriteStream(to));
}

/**
 * Writes every bulk file of `sets` under `prefix`. `metaFor(file, kind)` gives each package's metadata (its `uri` is
 * the file's public address). A kind with no documents has no files. The `.json`/`.jsonl` files are put
 * last-but-one and `datos.xlsx` last: a reader that finds `datos.xlsx` finds them all (see `hasBulkFiles`).
 * `publisherId`: the publisher the request named, whose id starts each file's download name (`bulkDownloadName`).
 */
export async function writeBulkFiles(store: Store, blobs: BlobStore, sets: BulkSet[], prefix: string, metaFor: (file: string, kind: BulkKind) => PackageMeta, publisherId?: string): Promise<void> {
  const fingerprints: FileFingerprint[] = [];
  const put = async (file: string, local: string, contentType: string) => {
    // Hashed from the local copy before it is stored: the manifest says what was written, not what a store returns.
    fingerprints.push({ name: file, ...(await fingerprintOf(local)) });
    return blobs.put(`${prefix}${file}`, local, contentType, bulkDownloadName(file, publisherId));
  };
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'infra-bulk-'));
  try {
    for (const kind of ['releases', 'records', 'projects'] as const) {
      const json = path.join(dir, `${kind}.json`);
      const lines = path.join(dir, `${kind}.jsonl`);
      // A package of nothing is invalid against the standard (core/packages/bulk-contents.ts): not written.
      if (!(await writeKind(store, sets, kind, metaFor(`${kind}.json`, kind), json, lines))) continue;
      for (const [file, format] of [[json, 'json'], [lines, 'jsonl']] as const) {
        await gzipFile(file, `${file}.gz`);
        await put(path.basename(file), file, CONTENT_TYPES[format]);
        await put(`${path.basename(file)}.gz`, `${file}.gz`, CONTENT_TYPES.gz);
        await fs.promises.rm(file);
        await fs.promises.rm(`${file}.gz`);
      }
    }
    const xlsx = path.join(dir, 'datos.xlsx');
    await writeXlsx(store, sets, xlsx, dir);
    // The manifest names datos.xlsx's hash, so it is written before it: datos.xlsx stays the last file, and a reader
    // that finds it finds the manifest too.
    const xlsxPrint = await fingerprintOf(xlsx);
    const manifest = path.join(dir, MANIFEST_FILE);
    await fs.promises.writeFile(manifest, `${JSON.stringify(await bulkManifest(store, sets, BULK_FORM, [...fingerprints, { name: 'datos.xlsx', ...xlsxPrint }]), null, 1)}\n`);
    await blobs.put(`${prefix}${MANIFEST_FILE}`, manifest, CONTENT_TYPES.json, bulkDownloadName(MANIFEST_FILE, publisherId));
    await blobs.put(`${prefix}datos.xlsx`, xlsx, CONTENT_TYPES.xlsx, bulkDownloadName('datos.xlsx', publisherId));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Whether the whole set of files under `prefix` is there (datos.xlsx is written last). */
export async function hasBulkFiles(blobs: BlobStore, prefix: string): Promise<boolean> {
  return (await blobs.stat(`${prefix}datos.xlsx`)) !== undefined;
}
