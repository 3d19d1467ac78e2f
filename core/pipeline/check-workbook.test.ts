/**
 * One finding per cell and code (issue 13 item 9): a `;` list with unknown codes of an open list used to get the
 * conversion's «no está en la lista sugerida» and then the validation's «no está en el catálogo» once per item —
 * the same warning two or three times for one cell.
 */
import type { Finding } from '../findings/finding';
import { templateSpec } from '../template/template-spec';
import type { WorkbookModel } from '../workbook/model';
import { checkWorkbook } from './check-workbook';

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
