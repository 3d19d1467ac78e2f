/**
 * Test helper: the least an official types before an imported workbook publishes, to publish it for real in a test
 * that must change nothing the publisher published (test/cli/migration-fidelity.test.ts). Blank cells that errors point
 * at get a value their column accepts, and a party a cell names but no parties sheet lists is added (as the error asks);
 * any other error is on a value the publisher published, for an official to correct, and is returned.
 */
import type { Finding } from '../../core/findings/finding';
import { checkWorkbook } from '../../core/pipeline/check-workbook';
import type { ColumnSpec, TemplateSpec } from '../../core/template/spec';
import { templateSpec } from '../../core/template/template-spec';
import { unflatten } from '../../core/unflatten/unflatten';
import type { CellValue, WorkbookModel } from '../../core/workbook/model';

/** Values a column accepts, most likely first: its codes, a party of the workbook for a party reference, a sample. */
function candidates(column: ColumnSpec | undefined, partyIds: string[]): (string | number)[] {
  if (column?.options?.length) return column.options.map((o) => o.code);
  if (column && /\/id$/.test(column.field) && /(Party|payer|payee|Entity|buyer|suppliers|tenderers)\/id$/.test(column.field)) return partyIds;
  // SAT's generic RFC (público en general): a valid RFC that names nobody.
  if (column?.field === 'parties/identifier/id') return ['XAXX010101000'];
  switch (column?.type) {
    case 'number': case 'integer': return [1];
    case 'date': return ['2020-01-01'];
    case 'url': return ['https://example.invalid/'];
    default: return ['Dato agregado en la prueba'];
  }
}

/** The party a cell names added to its standard's parties sheet (its process or project key, id and name). */
function addParty(workbook: WorkbookModel, spec: TemplateSpec, f: Finding): boolean {
  const from = workbook.sheets.find((x) => x.name === f.cell?.sheet);
  const standard = spec.sheets.find((x) => x.name === from?.name)?.standard;
  const partiesSpec = spec.sheets.find((x) => x.standard === standard && x.array === 'parties');
  const parties = workbook.sheets.find((x) => x.name === partiesSpec?.name);
  const row = from?.rows[(f.cell?.row ?? 0) - 1];
  if (!from || !parties || !row) return false;
  const cellOf = (rows: CellValue[][], path: string): number => rows[1].indexOf(path);
  const refPath = String(from.rows[1][(f.cell?.column ?? 0) - 1]);
  const added: CellValue[] = parties.rows[1].map(() => '');
  const key = standard === 'ocds' ? 'ocid' : 'id';
  added[cellOf(parties.rows, key)] = row[cellOf(from.rows, key)];
  added[cellOf(parties.rows, 'parties/0/id')] = row[(f.cell?.column ?? 0) - 1];
  added[cellOf(parties.rows, 'parties/0/name')] = row[cellOf(from.rows, refPath.replace(/id$/, 'name'))] || row[(f.cell?.column ?? 0) - 1];
  parties.rows.push(added);
  return true;
}

/**
 * The least an official must type before the workbook publishes: every blank cell an error points at gets the first
 * value its column accepts that leaves no error there; nothing already in the workbook is changed. Returns how many
 * cells were filled and the errors left (on values the workbook holds: those an official must correct).
 */
export function fillBlankCells(workbook: WorkbookModel): { filled: number; left: string[] } {
  const spec = templateSpec();
  const at = (f: { cell?: { sheet: string; row?: number; column?: number } }): string => `${f.cell?.sheet ?? ''}!${f.cell?.row ?? ''}:${f.cell?.column ?? ''}`;
  const errorsAt = (): Map<string, string> => new Map(checkWorkbook(workbook).findings.filter((f) => f.severity === 'error').map((f) => [at(f), f.code]));
  let filled = 0;
  // A reference to a party the publisher never listed gets the party, as the error asks («Agréguelo allí»): a row added,
  // nothing changed. Any other error on a value the publisher published is for an official to correct: refused.
  const valueOf = (f: Finding): CellValue => workbook.sheets.find((x) => x.name === f.cell?.sheet)?.rows[(f.cell?.row ?? 0) - 1]?.[(f.cell?.column ?? 0) - 1];
  const onValues = checkWorkbook(workbook).findings.filter((f) => f.severity === 'error' && (valueOf(f) ?? '') !== '');
  for (const f of onValues.filter((x) => x.code === 'reference.unknownParty')) filled += addParty(workbook, spec, f) ? 1 : 0;
  const left = onValues.filter((f) => f.code !== 'reference.unknownParty');
  if (left.length) return { filled, left: left.map((f) => `${f.code} ${at(f)}`) };
  for (let round = 0; round < 4; round++) {
    const errors = checkWorkbook(workbook).findings.filter((f) => f.severity === 'error');
    const partyIds = [...new Set(unflatten(workbook).releases.flatMap((r) => ((r.parties ?? []) as Record<string, unknown>[]).map((p) => String(p.id))))];
    let changed = false;
    for (const f of errors) {
      const sheet = workbook.sheets.find((x) => x.name === f.cell?.sheet);
      const [row, col] = [f.cell?.row, f.cell?.column];
      if (!sheet || !row || !col || (sheet.rows[row - 1]?.[col - 1] ?? '') !== '') continue;
      const column = spec.sheets.find((x) => x.name === sheet.name)?.columns.find((c) => c.path === sheet.rows[1]?.[col - 1]);
      const options = candidates(column, partyIds);
      for (const value of options) {
        sheet.rows[row - 1][col - 1] = value;
        if (options.length === 1 || !errorsAt().has(at(f))) break;
      }
      filled++;
      changed = true;
    }
    if (!changed) break;
  }
  return { filled, left: [...errorsAt()].map(([cell, code]) => `${code} ${cell}`) };
}
