/**
 * `import` writes its workbook with exceljs's streaming writer (writeTemplateFile, row by row); the committed
 * example workbooks come from the in-memory writer (templateBuffer). Written from the same rows and settings, the
 * two are the same workbook, part for part: what the streaming writer could lose without an error (drop-downs,
 * help notes, protection in the place Excel requires) is checked here, from the XML of the parts.
 * Whole-column validation ranges make exceljs's own reader expand a million entries per column, so nothing here
 * loads the workbook with it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { flattenSheet } from '../core/flatten';
import { templateSpec } from '../core/template/template-spec';
import { noteText } from '../core/template/layout';
import { buildTemplateWorkbook, HEADER_ROWS, LAST_ROW, writeTemplateFile } from '../functions/src/xlsx/write-template';
import { EXAMPLES_DIR } from '../scripts/generate-templates';
import { buildExamples } from '../scripts/examples';
import { columnLetter } from '../core/workbook/model';
import { ROOT } from './standards';

type Parts = Record<string, string>;

const unescape = (s: string): string => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function partsOf(file: string): Parts {
  const files = unzipSync(new Uint8Array(fs.readFileSync(file)));
  return Object.fromEntries(Object.entries(files).filter(([name]) => !name.endsWith('/')).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/**
 * What the two writers spell differently without meaning anything different: the streaming writer leaves out the
 * optional <dimension>, breaks no line after the XML declaration, declares the VML namespaces in another order (closing some empty elements with a space) and
 * counts shared strings by distinct text; the document properties name the writer.
 */
function comparable(name: string, xml: string): string {
  let s = xml.replace(/<dimension ref="[^"]*"\/>/, '').replace(/>\s+</g, '><').replace(/\s+\/>/g, '/>').trim();
  if (name.endsWith('.vml')) s = s.replace(/^<\?xml[^>]*\?><xml [^>]*>/, '<xml>');
  if (name === 'xl/sharedStrings.xml') s = s.replace(/ count="\d+"/, '');
  return s;
}

/** Sheet name → its part, through workbook.xml and its relationships. */
function sheetParts(parts: Parts): Map<string, string> {
  const rels = new Map([...parts['xl/_rels/workbook.xml.rels'].matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  return new Map([...parts['xl/workbook.xml'].matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)]
    .map((m) => [unescape(m[1]), `xl/${(rels.get(m[2]) ?? '').replace(/^\/?xl\//, '')}`]));
}

/** The notes of a sheet part, by cell: its comments part is named in the sheet's relationships. */
function notesOf(parts: Parts, sheetPart: string): Map<string, string> {
  const rels = parts[sheetPart.replace(/([^/]+)$/, '_rels/$1.rels')] ?? '';
  const target = /Target="\.\.\/(comments\d+\.xml)"/.exec(rels)?.[1];
  const xml = target ? parts[`xl/${target}`] : '';
  return new Map([...xml.matchAll(/<comment ref="([A-Z]+\d+)"[^>]*>([\s\S]*?)<\/comment>/g)]
    .map((m) => [m[1], unescape([...m[2].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''))]));
}

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamed-template-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('workbook written by import (streaming writer)', () => {
  const spec = templateSpec();

  test.each(buildExamples().map((e) => [e.key, e] as const))('%s: the same parts as the committed example from the in-memory writer, with every drop-down, help note and protected header', async (key, example) => {
    const file = path.join(dir, `${key}.xlsx`);
    await writeTemplateFile(file, spec, {
      settings: { ...example.settings, state: example.state },
      rowsOf: (sheet) => flattenSheet(sheet, sheet.standard === 'ocds' ? example.releases : example.projects).rows.slice(HEADER_ROWS),
    });
    const streamed = partsOf(file);
    const inMemory = partsOf(path.join(ROOT, EXAMPLES_DIR, `${key}.xlsx`));

    const names = (parts: Parts): string[] => Object.keys(parts).filter((n) => !n.startsWith('docProps/')).sort();
    expect(names(streamed)).toEqual(names(inMemory));
    for (const name of names(inMemory)) expect({ name, xml: comparable(name, streamed[name]) }).toEqual({ name, xml: comparable(name, inMemory[name]) });

    // Spelt out, so that both writers losing the same thing would still fail here.
    const sheets = sheetParts(streamed);
    let dropDowns = 0;
    for (const sheet of spec.sheets) {
      const part = sheets.get(sheet.name) as string;
      const xml = streamed[part];
      const lists = new Set([...xml.matchAll(/<dataValidation type="list"[^>]*sqref="([^"]+)"/g)].map((m) => m[1]));
      const notes = notesOf(streamed, part);
      sheet.columns.forEach((col, i) => {
        const letter = columnLetter(i + 1);
        const wanted = col.type === 'boolean' || Boolean(col.options && col.codelist);
        expect({ cell: `${sheet.name}!${letter}`, dropDown: lists.has(`${letter}${HEADER_ROWS + 1}:${letter}${LAST_ROW}`) }).toEqual({ cell: `${sheet.name}!${letter}`, dropDown: wanted });
        if (wanted) dropDowns++;
        expect({ cell: `${sheet.name}!${letter}1`, note: notes.get(`${letter}1`) }).toEqual({ cell: `${sheet.name}!${letter}1`, note: noteText(col) });
      });
      // CT_Worksheet is a sequence: <sheetProtection> right after <sheetData>, before the drop-downs.
      expect(xml).toMatch(/<\/sheetData><sheetProtection [^>]*\/>(<dataValidations|<pageMargins)/);
    }
    expect(dropDowns).toBeGreaterThan(40);
  });
});

describe('a sheet with more rows than the blank template\'s drop-downs cover (a large state\'s child sheet)', () => {
  // 6,000 parties: a fixed bound (row 10,002) left the rows a state adds after them without lists; twice the rows
  // written leaves room for as many again. Other sheets keep the blank template's bound.
  const spec = templateSpec();
  const big = spec.sheets.find((s) => s.name === 'Actores');
  if (!big) throw new Error('no Actores sheet');
  const rows = Array.from({ length: 6000 }, (_r, i) => big.columns.map((_c, c) => (c < 3 ? `v${i}-${c}` : '')));
  const rowsOf = (sheet: typeof big): unknown[][] => (sheet.name === big.name ? rows : []);
  const listColumns = big.columns.map((c, i) => (c.type === 'boolean' || (c.options && c.codelist) ? columnLetter(i + 1) : '')).filter(Boolean);

  test('import (streaming writer): its drop-downs reach row 12,002, the others 10,002', async () => {
    expect(listColumns.length).toBeGreaterThan(0);
    const file = path.join(dir, 'large.xlsx');
    await writeTemplateFile(file, spec, { rowsOf });
    const parts = partsOf(file);
    const sheets = sheetParts(parts);
    const sqrefs = (name: string): string[] => [...parts[sheets.get(name) as string].matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(sqrefs(big.name)).toEqual(listColumns.map((l) => `${l}3:${l}12002`).sort());
    expect(sqrefs('Contrataciones').every((r) => r.endsWith(`:${/^[A-Z]+/.exec(r)?.[0]}${LAST_ROW}`))).toBe(true);
  });

  test('the in-memory writer the same, and --filas raises every sheet\'s bound', () => {
    const ranges = (wb: ReturnType<typeof buildTemplateWorkbook>, name: string): string[] => Object.keys((wb.getWorksheet(name) as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model).sort();
    const filled = buildTemplateWorkbook(spec, { rows: { [big.name]: rows } });
    expect(ranges(filled, big.name)).toEqual(listColumns.map((l) => `${l}3:${l}12002`).sort());
    const asked = buildTemplateWorkbook(spec, { rows: { [big.name]: rows }, dropDownRows: 50_000 });
    expect(ranges(asked, big.name)).toEqual(listColumns.map((l) => `${l}3:${l}50002`).sort());
    expect(ranges(asked, 'Contrataciones').every((r) => r.endsWith('50002'))).toBe(true);
  });
});
