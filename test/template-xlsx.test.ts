/**
 * The generated blank template, read back with exceljs as Excel or Google Sheets would read it:
 * drop-downs on every codelist column, frozen and protected headers with help notes, and byte-identical regeneration.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { templateSpec } from '../core/template/template-spec';
import { buildTemplateFiles, TEMPLATE_FILE } from '../scripts/generate-templates';
import { HEADER_ROWS } from '../functions/src/xlsx/write-template';
import { ROOT } from './standards';

interface Validation { type: string; formulae: string[] }
type WithValidations = ExcelJS.Worksheet & { dataValidations: { model: Record<string, Validation> }; sheetProtection?: { sheet?: boolean } };

let wb: ExcelJS.Workbook;
beforeAll(async () => {
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(ROOT, TEMPLATE_FILE));
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
    const ws = wb.getWorksheet(name) as WithValidations;
    expect(ws).toBeDefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROWS });
    expect(ws.sheetProtection?.sheet).toBe(true);
    sheet.columns.forEach((col, i) => {
      const title = ws.getCell(1, i + 1);
      expect(String(title.value).replace(/ \*$/, '')).toBe(col.title);
      expect(String(title.value).endsWith(' *')).toBe(col.required);
      expect(typeof title.note === 'string' ? title.note : '').toContain(col.help);
      expect(ws.getCell(2, i + 1).value).toBe(col.path);
      // Data cells stay editable under the sheet protection.
      expect(ws.getCell(HEADER_ROWS + 1, i + 1).protection?.locked).toBe(false);
    });
  });

  it('offers a drop-down with exactly the Spanish titles of the codelist on every codelist column', () => {
    let checked = 0;
    for (const sheet of spec.sheets) {
      const ws = wb.getWorksheet(sheet.name) as WithValidations;
      sheet.columns.forEach((col, i) => {
        if (!col.options) return;
        const letter = ws.getColumn(i + 1).letter;
        const validation = ws.dataValidations.model[`${letter}${HEADER_ROWS + 1}`];
        expect({ cell: `${sheet.name}!${letter}3`, type: validation?.type }).toEqual({ cell: `${sheet.name}!${letter}3`, type: 'list' });
        expect(rangeValues(validation.formulae[0])).toEqual(col.options.map((o) => o.title));
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('has the instructions and settings sheets, and hides the catalogue', () => {
    expect(wb.worksheets[0].name).toBe('Instrucciones');
    expect(wb.getWorksheet('Configuración')?.getCell('C4').value).toBe('ocidPrefix');
    expect(wb.getWorksheet('Catálogos')?.state).toBe('hidden');
  });
});
