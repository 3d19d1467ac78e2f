/**
 * A totals row under the data (totals-row.ts): left out with a warning, not an error for its missing key, nor a
 * project named «TOTAL»; a row with its key is read whatever its texts say.
 */
import { flatten } from '../flatten';
import { renderMessage } from '../messages/render';
import type { CellValue, SheetModel } from '../workbook/model';
import { unflatten } from './unflatten';

const book = flatten({ releases: [], projects: [1, 2].map((n) => ({ id: `oc4ids-abc123-000${n}`, title: `Obra ${n}`, budget: { amount: { amount: n * 1000, currency: 'MXN' } } })) });
const projects = book.sheets.find((s) => s.name === 'Proyectos') as SheetModel;
const at = (field: string) => projects.rows[1].indexOf(field);

function withRow(cells: Record<string, CellValue>) {
  const row: CellValue[] = [];
  for (const [field, v] of Object.entries(cells)) row[at(field)] = v;
  // A blank row between the data and the totals, as they are usually laid out.
  const sheet = { ...projects, rows: [...projects.rows, [], row] };
  return unflatten({ sheets: [sheet] }, { now: '2025-01-01T00:00:00Z' });
}

test('«TOTAL» beside a sum is left out with a warning on its row (it was an error for its missing key)', () => {
  const result = withRow({ title: 'TOTAL', 'budget/amount/amount': 3000 });
  expect(result.findings.filter((f) => f.cell?.row === 6).map((f) => [f.code, f.severity, f.cell?.column, renderMessage(f)])).toEqual([
    ['row.totals', 'warning', at('title') + 1, 'Esta fila parece de totales («TOTAL» y solo cifras, sin clave): no se lee ni se publica, porque los totales se calculan con los datos de las demás filas. Puede dejarla o borrarla. Si no es una fila de totales, escriba su clave para que se lea.'],
  ]);
  expect(result.projects).toHaveLength(2);
});

test('«Total:» in the key column, a sum typed with its sign: no project «Total:»', () => {
  const result = withRow({ id: 'Total:', 'budget/amount/amount': '$3,000.00' });
  expect(result.findings.filter((f) => f.cell?.row === 6).map((f) => f.code)).toEqual(['row.totals']);
  expect(result.projects.map((p) => p.id)).toEqual(['oc4ids-abc123-0001', 'oc4ids-abc123-0002']);
});

test('a row with its key is read whatever its title says, and a «Total» beside a text is no totals row', () => {
  expect(withRow({ id: 'oc4ids-abc123-0003', title: 'Total', 'budget/amount/amount': 5 }).projects).toHaveLength(3);
  expect(withRow({ title: 'Total', description: 'Suma de las obras' }).findings.filter((f) => f.cell?.row === 6).map((f) => f.code)).toEqual(['row.missing-key']);
});

test('a note under the data («Fuente: …», the signatures), merged across its row, is left out with one warning, not read as a project', () => {
  // It was a project «Fuente: …» with ten errors: «no es un identificador válido», «Falta este dato» in each required column.
  const note = 'Fuente: Dirección de Obras Públicas, con datos al 31/03/2024.';
  const sheet = { ...projects, rows: [...projects.rows, [], [note]], merges: ['A6:J6'] };
  const result = unflatten({ sheets: [sheet] }, { now: '2025-01-01T00:00:00Z' });
  expect(result.findings.filter((f) => f.cell?.row === 6).map((f) => [f.code, f.severity, f.cell?.column, renderMessage(f)])).toEqual([
    ['row.note', 'warning', at('id') + 1, `Esta fila solo tiene un texto en la columna «Identificador del proyecto» («${note}»), como una nota, la fuente o las firmas al pie de la tabla: no se lee ni se publica. Puede dejarla o borrarla. Si es un proceso o un proyecto, escriba ahí su identificador, sin espacios, y sus datos en esta fila.`],
  ]);
  expect(result.projects).toHaveLength(2);
  // A row with anything else beside its key is data, whatever its key says.
  expect(withRow({ id: 'Obra del mercado', title: 'Mercado' }).projects).toHaveLength(3);
});

test('a label typed with accents, hard spaces, a colon or a star is one; a text with a digit or a dash is none', () => {
  // isLabel turns down at once a text with a character no label holds (every row's key is looked at): these pin
  // that it turns down nothing normalizeLabel would have read as a label.
  for (const label of ['Gran\u00a0TOTAL: *', 'Súma total.', 'totales  generales', 'SUBTOTAL\t']) {
    expect(withRow({ title: label, 'budget/amount/amount': 3000 }).findings.filter((f) => f.cell?.row === 6).map((f) => f.code)).toEqual(['row.totals']);
  }
  for (const text of ['Total 2024', 'Sub-total', 'total_general']) {
    expect(withRow({ title: text, 'budget/amount/amount': 3000 }).findings.filter((f) => f.cell?.row === 6).map((f) => f.code)).toEqual(['row.missing-key']);
  }
});
