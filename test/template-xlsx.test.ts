/**
 * The generated blank template, read back with exceljs as Excel or Google Sheets would read it:
 * drop-downs on every codelist column down to the last row they cover (LAST_ROW), frozen and protected headers with
 * help notes, frozen key columns, the minimum sheets' tab colour and list, and byte-identical regeneration.
 * The drop-downs, and how far the unlocked columns reach, are checked in the sheet XML as written; the in-memory reader (which expands a range validation
 * into one entry per cell) opening the file as it is is checked on its own, at the end.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { execFile } from 'child_process';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { templateSpec } from '../core/template/template-spec';
import { buildTemplateFiles, TEMPLATE_FILE } from '../scripts/generate-templates';
import { HEADER_ROWS, LAST_ROW } from '../functions/src/xlsx/write-template';
import { DERIVED_NOTE, frozenColumns, HEADER_COLORS, MINIMUM_TAB_COLOR } from '../core/template/layout';
import { MINIMUM_HEADING } from '../core/template/instructions';
import { SETTINGS_SHEET } from '../core/template/settings';
import { ROOT } from './standards';
import { columnLetter } from '../core/workbook/model';
import { xlsxCells } from './support/xlsx-cells';

const execFileAsync = promisify(execFile);

interface Validation { type: string; sqref: string; formula: string }
type Protected = ExcelJS.Worksheet & { sheetProtection?: Record<string, boolean> };

let wb: ExcelJS.Workbook;
/** Data validations of each sheet, by sheet name, as written in its XML. */
const validations = new Map<string, Validation[]>();
/** The first column of the `<col>` range that runs to the last column (16,384) of each sheet, by sheet name, as written. */
const toLastColumn = new Map<string, number>();

const unescape = (s: string): string => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

beforeAll(async () => {
  const files = unzipSync(new Uint8Array(fs.readFileSync(path.join(ROOT, TEMPLATE_FILE))));
  const rels = new Map([...strFromU8(files['xl/_rels/workbook.xml.rels']).matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  for (const m of strFromU8(files['xl/workbook.xml']).matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const file = `xl/${(rels.get(m[2]) ?? '').replace(/^\/?xl\//, '')}`;
    const xml = strFromU8(files[file]);
    validations.set(unescape(m[1]), [...xml.matchAll(/<dataValidation [^>]*type="([^"]+)"[^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([^<]*)<\/formula1>/g)]
      .map((v) => ({ type: v[1], sqref: v[2], formula: unescape(v[3]) })));
    // The `<col>` range that reaches Excel's last column (XFD), kept here and cut to its first column for ExcelJS,
    // which makes a Column object for each of its 16,384 (about a second of CPU): one element, one style for all.
    const last = /<col min="(\d+)" max="16384"/.exec(xml);
    if (last) toLastColumn.set(unescape(m[1]), Number(last[1]));
    files[file] = strToU8(xml.replace(/<dataValidations[\s\S]*?<\/dataValidations>/, '').replace(/(<col min="(\d+)" max=")16384"/g, (_c, head: string, min: string) => `${head}${min}"`));
  }
  wb = new ExcelJS.Workbook();
  // Stored, not compressed again: ExcelJS only unzips it.
  const zipped = zipSync(files, { level: 0 });
  await wb.xlsx.load(zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength) as ArrayBuffer);
});

/** `'Catálogos'!$C$2:$C$9` → the values of those cells. */
function rangeValues(formula: string): string[] {
  const m = /^'([^']+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!m) throw new Error(`unexpected list formula ${formula}`);
  const sheet = wb.getWorksheet(m[1]);
  if (!sheet) throw new Error(`no sheet ${m[1]}`);
  const values: string[] = [];
  for (let r = Number(m[3]); r <= Number(m[5]); r++) values.push(String(sheet.getCell(`${m[2]}${r}`).value));
  return values;
}

describe('blank template', () => {
  const spec = templateSpec();

  it('regenerates byte for byte', async () => {
    const files = await buildTemplateFiles();
    for (const [rel, content] of Object.entries(files)) {
      expect(content.equals(fs.readFileSync(path.join(ROOT, rel)))).toBe(true);
    }
  });

  it.each(spec.sheets.map((s) => [s.name, s] as const))('%s: frozen, protected header with a note and path on every column', (name, sheet) => {
    const ws = wb.getWorksheet(name) as Protected;
    expect(ws).toBeDefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROWS, xSplit: frozenColumns(sheet) });
    // The frozen columns are the row's keys (its project or process, its parent item).
    expect(frozenColumns(sheet)).toBeGreaterThanOrEqual(1);
    expect(sheet.columns.slice(0, frozenColumns(sheet)).every((c) => c.key)).toBe(true);
    expect(ws.sheetProtection?.sheet).toBe(true);
    sheet.columns.forEach((col, i) => {
      const title = ws.getCell(1, i + 1);
      expect(String(title.value).replace(/ \*$/, '')).toBe(col.title);
      // Required columns are starred, except those the converter computes when blank (grey, «Se calcula…»).
      expect(String(title.value).endsWith(' *')).toBe(col.required && !col.derived);
      expect(typeof title.note === 'string' ? title.note : '').toContain(col.help);
      expect(ws.getCell(2, i + 1).value).toBe(col.path);
      // Data cells stay editable under the sheet protection.
      expect(ws.getCell(HEADER_ROWS + 1, i + 1).protection?.locked).toBe(false);
    });
  });

  it('marks the columns computed when blank (tag, method, category, tenderers, party ids and schemes): grey header, no star, a note', () => {
    const derived = spec.sheets.flatMap((sheet) => sheet.columns.filter((c) => c.derived).map((c) => ({ sheet, c })));
    expect(derived.map(({ sheet, c }) => `${sheet.name}:${c.field}`).sort()).toEqual([
      'Actores del proyecto:parties/id', 'Actores del proyecto:parties/identifier/scheme', 'Actores:parties/id', 'Actores:parties/identifier/scheme', 'Contrataciones:tag',
      'Contrataciones:tender/mainProcurementCategory', 'Contrataciones:tender/numberOfTenderers', 'Contrataciones:tender/procurementMethod',
    ]);
    for (const { sheet, c } of derived) {
      const cell = wb.getWorksheet(sheet.name)!.getCell(1, sheet.columns.indexOf(c) + 1);
      const fill = cell.fill as ExcelJS.FillPattern;
      expect({ field: c.field, fill: String(fill.fgColor?.argb).slice(-6).toLowerCase(), title: cell.value }).toEqual({ field: c.field, fill: HEADER_COLORS.derived.slice(1), title: c.title });
      expect(String(cell.note)).toContain(DERIVED_NOTE);
    }
  });

  it('offers a drop-down with exactly the Spanish titles of the codelist on every codelist column, down to the last row', () => {
    let checked = 0;
    for (const sheet of spec.sheets) {
      const ws = wb.getWorksheet(sheet.name) as ExcelJS.Worksheet;
      sheet.columns.forEach((col, i) => {
        if (!col.options) return;
        const letter = ws.getColumn(i + 1).letter;
        const validation = validations.get(sheet.name)?.find((v) => v.sqref.startsWith(`${letter}${HEADER_ROWS + 1}:`));
        expect({ cell: `${sheet.name}!${letter}3`, type: validation?.type, sqref: validation?.sqref })
          .toEqual({ cell: `${sheet.name}!${letter}3`, type: 'list', sqref: `${letter}${HEADER_ROWS + 1}:${letter}${LAST_ROW}` });
        expect(rangeValues(validation!.formula)).toEqual(col.options.map((o) => o.title));
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('keeps every postal code column as text, so «06720» keeps its 0 (a number column stored 6720)', () => {
    const columns = spec.sheets.flatMap((sheet) => sheet.columns.filter((c) => c.field.endsWith('postalCode')).map((c) => ({ sheet, c })));
    expect(columns.length).toBeGreaterThanOrEqual(3);
    for (const { sheet, c } of columns) {
      const column = (wb.getWorksheet(sheet.name) as ExcelJS.Worksheet).getColumn(sheet.columns.indexOf(c) + 1);
      expect({ field: `${sheet.name}:${c.field}`, numFmt: column.numFmt }).toEqual({ field: `${sheet.name}:${c.field}`, numFmt: '@' });
    }
  });

  it('shows a count as a whole number and an exchange rate with its four decimals, not as money', () => {
    const formatOf = (sheetName: string, field: string): unknown => {
      const sheet = spec.sheets.find((x) => x.name === sheetName);
      const index = sheet?.columns.findIndex((c) => c.field === field) ?? -1;
      if (!sheet || index < 0) throw new Error(`${sheetName}:${field}`);
      return (wb.getWorksheet(sheetName) as ExcelJS.Worksheet).getColumn(index + 1).numFmt;
    };
    // OC4IDS types it `number`: it showed «3.00» licitantes, while the OCDS sheet's (an integer) showed 3.
    expect(formatOf('Procesos del proyecto', 'contractingProcesses/summary/tender/numberOfTenderers')).toBe('0');
    expect(formatOf('Contrataciones', 'tender/numberOfTenderers')).toBe('0');
    // A DOF exchange rate, 17.2345, showed 17.23.
    expect(formatOf('Tipos de cambio', 'contracts/value/exchangeRates/rate')).toBe('#,##0.0000');
    expect(formatOf('Contratos', 'contracts/value/amount')).toBe('#,##0.00');
  });

  it('offers MXN first wherever a currency is chosen', () => {
    const currencies = spec.sheets.flatMap((sheet) => sheet.columns.filter((c) => c.codelist === 'currency').map((col) => ({ sheet, col })));
    expect(currencies.length).toBeGreaterThan(10);
    for (const { sheet, col } of currencies) {
      const letter = (wb.getWorksheet(sheet.name) as ExcelJS.Worksheet).getColumn(sheet.columns.indexOf(col) + 1).letter;
      const validation = validations.get(sheet.name)?.find((v) => v.sqref.startsWith(`${letter}${HEADER_ROWS + 1}:`));
      const offered = rangeValues(validation!.formula);
      expect(offered[0]).toBe('MXN');
      expect(offered).toContain('USD');
    }
  });

  it('colours the tabs of the minimum sheets and lists them, with their required columns, under «Mínimo para publicar»', () => {
    const coloured = wb.worksheets.filter((ws) => ws.properties.tabColor?.argb === `FF${MINIMUM_TAB_COLOR.slice(1).toUpperCase()}`).map((ws) => ws.name);
    expect(coloured).toEqual([SETTINGS_SHEET, 'Proyectos', 'Contrataciones']);

    const instructions = wb.getWorksheet('Instrucciones') as ExcelJS.Worksheet;
    const lines: string[] = [];
    instructions.getColumn(1).eachCell((cell) => { lines[Number(cell.row) - 1] = String(cell.value ?? ''); });
    const at = lines.indexOf(MINIMUM_HEADING);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(5);
    expect(instructions.getCell(at + 1, 1).font?.bold).toBe(true);
    const items = lines.slice(at + 1).filter((l, i, all) => all.slice(0, i + 1).every((x) => x?.startsWith('• ')));
    expect(items.map((l) => l.slice(2, l.indexOf(':')))).toEqual(coloured);
    for (const name of ['Proyectos', 'Contrataciones']) {
      const line = items.find((l) => l.startsWith(`• ${name}:`)) ?? '';
      for (const col of spec.sheets.find((s) => s.name === name)!.columns) expect({ col: col.title, listed: line.includes(col.title) }).toEqual({ col: col.title, listed: col.required });
    }
  });

  it('says only what the sheet protection allows', () => {
    const ws = wb.getWorksheet('Proyectos') as Protected;
    const text = (wb.getWorksheet('Instrucciones') as ExcelJS.Worksheet).getColumn(1).values.join('\n');
    // Rows may be inserted and deleted, columns resized and hidden; columns cannot be inserted or deleted.
    expect(ws.sheetProtection).toMatchObject({ sheet: true, insertRows: true, deleteRows: true, formatColumns: true });
    expect(ws.sheetProtection?.insertColumns).toBeFalsy();
    expect(ws.sheetProtection?.deleteColumns).toBeFalsy();
    expect(text).toContain('Puede insertar y borrar filas de datos, cambiar el ancho de las columnas y ocultar las que no use');
    // A row of a protected sheet can be deleted (LibreOffice Calc, Excel) only when none of its cells is locked: every
    // column past the template's is unlocked, to the last one (XFD), or «Eliminar filas» did nothing in LibreOffice.
    for (const sheet of spec.sheets) {
      const data = wb.getWorksheet(sheet.name) as ExcelJS.Worksheet;
      // From the column after the sheet's own to the last, one `<col>` range (its XML), so one style: its first column's.
      expect({ sheet: sheet.name, from: toLastColumn.get(sheet.name), locked: data.getColumn(sheet.columns.length + 1).protection?.locked }).toEqual({ sheet: sheet.name, from: sheet.columns.length + 1, locked: false });
    }
    expect(text).toContain('No inserte, mueva ni borre columnas');
    expect(text).not.toMatch(/puede mover|agregar columnas/i);
  });

  it('has the instructions and settings sheets, and hides the catalogue', () => {
    expect(wb.worksheets[0].name).toBe('Instrucciones');
    expect(wb.getWorksheet('Configuración')?.getCell('C4').value).toBe('ocidPrefix');
    expect(wb.getWorksheet('Catálogos')?.state).toBe('hidden');
  });

  it('says in the publisher name\'s note that publishing on the platform uses the registered name, not this cell', () => {
    const settings = wb.getWorksheet('Configuración')!;
    expect(settings.getCell('C2').value).toBe('publisherName');
    // Its note said only «Nombre oficial de la institución que publica los datos»: an official corrected it, or kept an
    // import's «CDMX-SEFIN», believing it would be published.
    expect(String(settings.getCell('A2').note)).toContain('los datos se publican con el nombre registrado de su institución, no con el de esta celda');
  });
});

describe('blank template in exceljs\'s in-memory reader', () => {
  // What a data user's program does with the file: `new ExcelJS.Workbook().xlsx.readFile(…)`. That reader expands
  // each range validation into one entry per cell; with drop-downs down to Excel's last row it ran out of memory.
  // In a child process with a memory cap and a time limit, so a regression fails here instead of taking jest down.
  const LIMIT_MS = 20_000;

  it('opens within the time limit and keeps a drop-down on a far row (2,000)', async () => {
    const spec = templateSpec();
    const sheet = spec.sheets.find((s) => s.columns.some((c) => c.options && c.codelist));
    if (!sheet) throw new Error('no codelist column');
    const letter = columnLetter(sheet.columns.findIndex((c) => c.options && c.codelist) + 1);
    const script = `
      const ExcelJS = require('exceljs');
      new ExcelJS.Workbook().xlsx.readFile(process.argv[1]).then((wb) => {
        const v = wb.getWorksheet(process.argv[2]).getCell(process.argv[3]).dataValidation;
        process.stdout.write(JSON.stringify({ type: v && v.type, formula: v && v.formulae && v.formulae[0] }));
      });`;
    const started = Date.now();
    const { stdout } = await execFileAsync(process.execPath, ['--max-old-space-size=512', '-e', script, path.join(ROOT, TEMPLATE_FILE), sheet.name, `${letter}2000`],
      { cwd: ROOT, timeout: LIMIT_MS, killSignal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(LIMIT_MS);
    expect(JSON.parse(stdout)).toEqual({ type: 'list', formula: expect.stringMatching(/^'[^']+'!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/) });
  });
});

// An imported workbook (or an example) answers a yes/no column as its drop-down offers, «Sí»/«No»: a TRUE/FALSE cell
// read VERDADERO/FALSO in a Spanish spreadsheet beside a list of «Sí» and «No». The reader takes «Sí» back as true.
test('a yes/no value is written as the drop-down\'s «Sí»/«No», by both writers', async () => {
  const { buildTemplateWorkbook, writeTemplateFile } = await import('../functions/src/xlsx/write-template');
  const spec = templateSpec();
  const sheet = spec.sheets.find((s) => s.columns.some((c) => c.path === 'tender/hasEnquiries'))!;
  const at = sheet.columns.findIndex((c) => c.path === 'tender/hasEnquiries');
  const row = (value: boolean): unknown[] => sheet.columns.map((c, i) => (i === at ? value : c === sheet.columns[0] ? `ocds-abc123-${String(value)}` : ''));
  const rows = [row(true), row(false)];
  const built = buildTemplateWorkbook(spec, { rows: { [sheet.name]: rows } });
  const inMemory = built.getWorksheet(sheet.name)!;
  expect([inMemory.getCell(HEADER_ROWS + 1, at + 1).value, inMemory.getCell(HEADER_ROWS + 2, at + 1).value]).toEqual(['Sí', 'No']);
  // Header cells alike share one style object across the workbook (exceljs renders each object it has not seen to
  // XML to find its style: one per cell was a third of writing a template); the bytes are the test above's.
  const [a, b] = spec.sheets.filter((s) => s !== sheet).slice(0, 2).map((s) => built.getWorksheet(s.name)!);
  expect(b.getCell(2, 1).style).toBe(a.getCell(2, 1).style);
  const styles = new Set(spec.sheets.flatMap((s) => [1, 2].flatMap((row) => s.columns.map((_c, i) => built.getWorksheet(s.name)!.getCell(row, i + 1).style))));
  expect(styles.size).toBeLessThan(30);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'si-no-')), 'libro.xlsx');
  try {
    await writeTemplateFile(file, spec, { rowsOf: (s) => (s.name === sheet.name ? rows : []) });
    // Read for its cells (test/support/xlsx-cells.ts): the drop-downs and unlocked columns are the tests' above.
    const ws = (await xlsxCells(file)).getWorksheet(sheet.name)!;
    expect([ws.getCell(HEADER_ROWS + 1, at + 1).value, ws.getCell(HEADER_ROWS + 2, at + 1).value]).toEqual(['Sí', 'No']);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});
