/**
 * One finding per cell and code (issue 13 item 9): a `;` list with unknown codes of an open list used to get the
 * conversion's «no está en la lista sugerida» and then the validation's «no está en el catálogo» once per item —
 * the same warning two or three times for one cell.
 */
import type { Finding } from '../findings/finding';
import { templateSpec } from '../template/template-spec';
import type { WorkbookModel } from '../workbook/model';
import { checkWorkbook } from './check-workbook';
import { renderFinding, renderReport } from '../messages/render';

function proyectos(values: Record<string, string>): WorkbookModel {
  const sheet = templateSpec().sheets.find((s) => s.name === 'Proyectos');
  if (!sheet) throw new Error('no Proyectos sheet');
  return { sheets: [{ name: sheet.name, rows: [sheet.columns.map((c) => c.title), sheet.columns.map((c) => c.path), sheet.columns.map((c) => values[c.path] ?? '')] }] };
}

const sectorColumn = (): number => (templateSpec().sheets.find((s) => s.name === 'Proyectos')?.columns.findIndex((c) => c.path === 'sector') ?? -2) + 1;
const onSector = (findings: Finding[]): Finding[] => findings.filter((f) => f.cell?.sheet === 'Proyectos' && f.cell.row === 3 && f.cell.column === sectorColumn());
const key = (f: Finding): string => `${f.cell?.sheet}|${f.cell?.row}|${f.cell?.column}|${f.code}`;
const NOW = { now: '2025-07-01T10:00:00-06:00' };

describe('one finding per cell and code', () => {
  test('an unknown code of an open list: one warning, not one from conversion and another from validation', () => {
    const findings = checkWorkbook(proyectos({ id: 'oc4ids-abc123-1', title: 'Parque', sector: 'parques urbanos' }), NOW).findings;
    expect(onSector(findings).map((f) => [f.code, f.severity, f.params.value])).toEqual([['cell.code-not-in-list', 'warning', 'parques urbanos']]);
  });

  test('a list with two unknown codes: one warning naming both', () => {
    const findings = checkWorkbook(proyectos({ id: 'oc4ids-abc123-1', title: 'Parque', sector: 'parques urbanos; ciclovías' }), NOW).findings;
    expect(onSector(findings).map((f) => [f.code, f.params.value])).toEqual([['cell.code-not-in-list', 'parques urbanos; ciclovías']]);
    const keys = findings.filter((f) => f.cell?.column !== undefined).map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('known codes in the list are not named; a repeated unknown one is named once', () => {
    const findings = checkWorkbook(proyectos({ id: 'oc4ids-abc123-1', title: 'Parque', sector: 'education; ciclovías; ciclovías' }), NOW).findings;
    const codeWarnings = onSector(findings).filter((f) => f.code === 'cell.code-not-in-list' || f.code === 'codelist.unknownOpen');
    expect(codeWarnings.map((f) => f.params.value)).toEqual(['ciclovías']);
  });
});

/**
 * A required field whose cell is empty is found at its cell; one whose column the sheet lacks altogether is named by
 * its title, «no está en la hoja» — the message used to end «escríbalo en la columna indicada» with no column named.
 * The same for another layout (flatten-tool's field-path headers): its columns are found by field.
 */
describe('a required field: its cell, or its column named when the sheet lacks it', () => {
  const spec = templateSpec().sheets.find((s) => s.name === 'Proyectos');
  const required = spec?.columns.find((c) => c.required && !c.key && c.path !== 'id' && c.path !== 'title');
  if (!spec || !required) throw new Error('no required column in Proyectos');
  const requiredFinding = (findings: Finding[]): Finding | undefined => findings.find((f) => f.code === 'program.required' && f.pointer === `/projects/0/${required.path}`);

  test('template layout, column removed: the finding names the column by its title', () => {
    const model = proyectos({ id: 'oc4ids-abc123-1', title: 'Parque' });
    const at = spec.columns.indexOf(required);
    for (const row of model.sheets[0].rows) row.splice(at, 1);
    const f = requiredFinding(checkWorkbook(model, NOW).findings);
    expect(f?.cell).toEqual({ sheet: 'Proyectos', row: 3, header: required.title });
    expect(renderFinding(f as Finding)).toContain(`Hoja «Proyectos», fila 3, columna «${required.title}» (no está en la hoja): `);
    // And in the report of `validate`, `convert` and `publish`, one line a finding under its sheet.
    expect(renderReport([f as Finding])[1]).toMatch(new RegExp(`^  fila 3, columna «${required.title}» \\(no está en la hoja\\): Error — `));
  });

  test('flatten-tool layout: an empty cell of its column is that cell; a missing column is named', () => {
    const rows = (withColumn: boolean): WorkbookModel => ({ sheets: [{ name: 'projects', rows: [['id', 'title', ...(withColumn ? [required.path] : [])], ['oc4ids-abc123-1', 'Parque', ...(withColumn ? [''] : [])]] }] });
    expect(requiredFinding(checkWorkbook(rows(true), NOW).findings)?.cell).toEqual({ sheet: 'projects', row: 2, column: 3, header: required.path });
    const missing = requiredFinding(checkWorkbook(rows(false), NOW).findings);
    expect(missing?.cell).toEqual({ sheet: 'projects', row: 2, header: required.title });
    expect(renderFinding(missing as Finding)).toContain(`columna «${required.title}» (no está en la hoja)`);
  });
});

describe("a project id outside the institution's prefix", () => {
  test('points at the Configuración sheet when the prefix is the workbook\'s, and only at the cell when it is the registered one', () => {
    const workbook = proyectos({ id: 'oc4ids-zzz999-1', title: 'Parque' });
    const sheet = checkWorkbook({ sheets: [...workbook.sheets, { name: 'Configuración', rows: [['Parámetro', 'Valor', 'clave'], ['', 'oc4ids-abc123', 'projectIdPrefix']] }] }, NOW).findings.find((f) => f.code.startsWith('projectId.'));
    expect(sheet?.code).toBe('projectId.prefix');
    expect(renderFinding(sheet as Finding)).toContain('revise el prefijo en la hoja «Configuración»');
    const registered = checkWorkbook(workbook, { ...NOW, projectIdPrefix: 'oc4ids-abc123' }).findings.find((f) => f.code.startsWith('projectId.'));
    expect(registered?.code).toBe('projectId.prefixRegistered');
    expect(renderFinding(registered as Finding)).toContain('no usa el prefijo registrado de su institución en la plataforma: debe empezar con «oc4ids-abc123-»');
  });
});

describe('a file made from an earlier template', () => {
  test('is told, as notices, the sheets and columns the current template has that it lacks; a workbook of no template file is not', () => {
    const workbook = proyectos({ id: 'oc4ids-abc123-1', title: 'Parque' });
    const [sheet] = workbook.sheets;
    const lastColumn = sheet.rows[0].length - 1;
    sheet.rows = sheet.rows.map((row) => row.slice(0, lastColumn));
    const behind = (f: Finding): boolean => f.code.startsWith('template.');
    // Without the template's «Catálogos» it is someone's own workbook (or a test's few columns): nothing said.
    expect(checkWorkbook(workbook, NOW).findings.filter(behind)).toEqual([]);
    workbook.sheets.push({ name: 'Catálogos', rows: [] });
    const said = checkWorkbook(workbook, NOW).findings.filter(behind);
    expect(said.map((f) => [f.code, f.severity, f.cell?.sheet, f.cell?.row])).toEqual([['template.behind', 'info', undefined, undefined], ['template.columns-missing', 'info', 'Proyectos', 2]]);
    const column = templateSpec().sheets.find((s) => s.name === 'Proyectos')!.columns[lastColumn].title;
    expect(renderFinding(said[1])).toContain(`le falta la columna «${column}»`);
  });
});
