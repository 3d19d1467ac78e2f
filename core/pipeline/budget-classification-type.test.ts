/**
 * «Tipo de clasificación» (a budget classification level's `classification`) is a list of the program: the official
 * picks a Spanish title (or types the code the Secretaría de Hacienda publishes) and the release gets the code; a
 * value off the list is published as typed, with a warning that names the sheet, the row and the column. It was free
 * text: «Económica» was published as it was, and a misspelt code went unnoticed.
 */
import type { Finding } from '../findings/finding';
import { templateSpec } from '../template/template-spec';
import type { CellValue, WorkbookModel } from '../workbook/model';
import { checkWorkbook } from './check-workbook';
import { renderFinding } from '../messages/render';

const OCID = 'ocds-abc123-OP-001-2024';
const BB = 'planning/budget/budgetBreakdown/0';

/** A sheet of the template with one row per `rows` entry, each cell by its column's path. */
function sheet(name: string, rows: Record<string, CellValue>[]): WorkbookModel['sheets'][number] {
  const spec = templateSpec().sheets.find((s) => s.name === name);
  if (!spec) throw new Error(`no ${name} sheet`);
  return { name, rows: [spec.columns.map((c) => c.title), spec.columns.map((c) => c.path), ...rows.map((r) => spec.columns.map((c) => r[c.path] ?? ''))] };
}

function workbook(types: string[]): WorkbookModel {
  return {
    sheets: [
      sheet('Contrataciones', [{ ocid: OCID, 'tender/id': 'OP-001-2024', 'tender/title': 'Pavimentación', 'tender/description': 'Pavimentación de calles', 'tender/status': 'planning' }]),
      sheet('Partidas presupuestales', [{ ocid: OCID, [`${BB}/id`]: 'BB-1', [`${BB}/amount/amount`]: 1000000, [`${BB}/amount/currency`]: 'MXN' }]),
      sheet('Clasificación presupuestal', types.map((type, i) => ({
        ocid: OCID, [`${BB}/id`]: 'BB-1', [`${BB}/budgetClassification/0/id`]: `N${i + 1}`, [`${BB}/budgetClassification/0/levelId`]: i + 1,
        [`${BB}/budgetClassification/0/classification`]: type,
      }))),
    ],
  };
}

const column = (): number => (templateSpec().sheets.find((s) => s.name === 'Clasificación presupuestal')?.columns
  .findIndex((c) => c.path === `${BB}/budgetClassification/0/classification`) ?? -2) + 1;
const onType = (findings: Finding[]): Finding[] => findings.filter((f) => f.cell?.sheet === 'Clasificación presupuestal' && f.cell.column === column());

describe('«Tipo de clasificación» of a budget classification', () => {
  it('takes the Spanish title or the published code, and publishes the code', () => {
    const result = checkWorkbook(workbook(['Fuente de financiamiento', 'Administrative', 'Económica']));
    expect(onType(result.findings)).toEqual([]);
    const planning = result.releases[0].planning as { budget: { budgetBreakdown: { budgetClassification: { classification: string }[] }[] } };
    expect(planning.budget.budgetBreakdown[0].budgetClassification.map((c) => c.classification)).toEqual(['financialSource', 'Administrative', 'Economic']);
  });

  it('warns, in Spanish and at its cell, of a type off the list, and keeps it as typed', () => {
    const result = checkWorkbook(workbook(['Economic', 'Funcional']));
    const found = onType(result.findings);
    expect(found.map((f) => [f.severity, f.cell?.row, f.params.value])).toEqual([['warning', 4, 'Funcional']]);
    const text = renderFinding(found[0]);
    expect(text).toContain('Clasificación presupuestal');
    expect(text).toContain('«Funcional»');
    expect(text).toMatch(/lista/);
  });
});
