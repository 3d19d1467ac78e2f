/**
 * A child-sheet row repeating the id of an earlier row's item under the same parent (two «Artículos» rows of one
 * process with id 1): OCDS and OC4IDS join the objects of an array by their id, so the rows are one item and the
 * second row's differing values were dropped with only a warning. Now an error on its id cell, as row.repeated-key is
 * on a root sheet. Golden fixtures: test/fixtures/engine/repeated-id-differing-values, repeated-parent-merge.
 */
import { templateSpec } from '../template/template-spec';
import type { WorkbookModel } from '../workbook/model';
import { columnLetter } from '../workbook/model';
import { renderMessage } from '../messages/render';
import { unflatten } from './index';
import { templateSheet } from '../../test/template-sheets';

const spec = templateSpec();


const convert = (...sheets: WorkbookModel['sheets']) => unflatten({ sheets }, { now: '2024-06-01T12:00:00-06:00' });
const column = (sheetName: string, field: string): { title: string; letter: string; index: number } => {
  const columns = spec.sheets.find((s) => s.name === sheetName)?.columns ?? [];
  const i = columns.findIndex((c) => c.field === field);
  if (i < 0) throw new Error(`no column ${field} in ${sheetName}`);
  return { title: columns[i].title, letter: columnLetter(i + 1), index: i + 1 };
};
const escape = (s: string): string => s.replace(/[()[\]]/g, '\\$&');

const processes = templateSheet('Contrataciones', [
  { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/title': 'Pavimentación' },
  { ocid: 'ocds-abc123-0002', 'tender/id': 'T2', 'tender/title': 'Alumbrado' },
]);

test('an item copied to another row with its id unchanged: an error on the copy\'s id naming both rows, the process, the columns that differ and what to do', () => {
  const out = convert(processes, templateSheet('Artículos', [
    { ocid: 'ocds-abc123-0001', 'tender/items/id': '1', 'tender/items/description': 'Cemento gris', 'tender/items/quantity': 10 },
    { ocid: 'ocds-abc123-0001', 'tender/items/id': '2', 'tender/items/description': 'Varilla' },
    { ocid: 'ocds-abc123-0001', 'tender/items/id': '1', 'tender/items/description': 'Grava', 'tender/items/quantity': 5 },
  ]));
  const errors = out.findings.filter((f) => f.severity === 'error');
  const id = column('Artículos', 'tender/items/id');
  expect(errors.map((f) => [f.code, f.cell?.sheet, f.cell?.row, f.cell?.column])).toEqual([['row.repeated-id', 'Artículos', 5, 2]]);
  const ocid = column('Artículos', 'ocid');
  const description = column('Artículos', 'tender/items/description');
  const quantity = column('Artículos', 'tender/items/quantity');
  expect(renderMessage(errors[0])).toBe(`Las filas 3 y 5 de la hoja «Artículos» son del mismo «${ocid.title}» («ocds-abc123-0001») y tienen el mismo «${id.title}» («1»), pero datos distintos en las columnas «${description.title}» (${description.letter}) y «${quantity.title}» (${quantity.letter}). Con el mismo «${id.title}» las dos filas se unen en una sola, y lo que la fila 5 tiene distinto se perdería: por eso no se puede publicar así. Si cada fila describe algo distinto, dé a cada una su propio «${id.title}»; si las dos describen lo mismo, junte sus datos en una sola fila y borre la otra.`);
  // The first row's values are what the item holds; each differing cell still says so at its own cell.
  expect(out.releases[0].tender).toMatchObject({ items: [{ id: '1', description: 'Cemento gris', quantity: 10 }, { id: '2', description: 'Varilla' }] });
  expect(out.findings.filter((f) => f.code === 'cell.conflicting-value').map((f) => [f.severity, f.cell?.row])).toEqual([['warning', 5], ['warning', 5]]);
});

test('the same id under another parent is another item: item 1 of two processes, document 1 of the tender and of two awards; only a repeat under one award is the error', () => {
  const out = convert(
    processes,
    templateSheet('Adjudicaciones', [{ ocid: 'ocds-abc123-0001', 'awards/id': 'A1' }, { ocid: 'ocds-abc123-0001', 'awards/id': 'A2' }]),
    templateSheet('Artículos', [
      { ocid: 'ocds-abc123-0001', 'tender/items/id': '1', 'tender/items/description': 'Cemento' },
      { ocid: 'ocds-abc123-0002', 'tender/items/id': '1', 'tender/items/description': 'Luminarias' },
    ]),
    templateSheet('Documentos de licitación', [{ ocid: 'ocds-abc123-0001', 'tender/documents/id': '1', 'tender/documents/title': 'Convocatoria' }]),
    templateSheet('Documentos de adjudicación', [
      { ocid: 'ocds-abc123-0001', 'awards/id': 'A1', 'awards/documents/id': '1', 'awards/documents/title': 'Fallo de la partida 1' },
      { ocid: 'ocds-abc123-0001', 'awards/id': 'A2', 'awards/documents/id': '1', 'awards/documents/title': 'Fallo de la partida 2' },
      { ocid: 'ocds-abc123-0001', 'awards/id': 'A1', 'awards/documents/id': '1', 'awards/documents/title': 'Acta de fallo' },
    ]),
  );
  expect(out.findings.filter((f) => f.code === 'row.repeated-id' || f.code === 'cell.conflicting-value').map((f) => [f.code, f.cell?.sheet, f.cell?.row])).toEqual([
    ['row.repeated-id', 'Documentos de adjudicación', 5],
    ['cell.conflicting-value', 'Documentos de adjudicación', 5],
  ]);
  expect(out.releases[0].awards).toMatchObject([{ id: 'A1', documents: [{ id: '1', title: 'Fallo de la partida 1' }] }, { id: 'A2', documents: [{ id: '1', title: 'Fallo de la partida 2' }] }]);
});

test('a row that repeats an item exactly, or only fills what it left blank, joins it with no finding; one role more on another row is a value that differs', () => {
  const out = convert(processes, templateSheet('Actores', [
    { ocid: 'ocds-abc123-0001', 'parties/id': 'P1', 'parties/name': 'Municipio de Monterrey', 'parties/roles': 'buyer' },
    { ocid: 'ocds-abc123-0001', 'parties/id': 'P1', 'parties/contactPoint/email': 'compras@monterrey.gob.mx' },
    { ocid: 'ocds-abc123-0001', 'parties/id': 'P1', 'parties/name': 'Municipio de Monterrey', 'parties/roles': 'buyer' },
    { ocid: 'ocds-abc123-0001', 'parties/id': 'P2', 'parties/name': 'Constructora del Norte', 'parties/roles': 'tenderer' },
    { ocid: 'ocds-abc123-0001', 'parties/id': 'P2', 'parties/name': 'Constructora del Norte', 'parties/roles': 'supplier' },
  ]));
  // P2's «supplier» would be lost: a party's roles go in one cell («Licitante; Proveedor»).
  expect(out.findings.filter((f) => f.code === 'row.repeated-id' || f.code === 'cell.conflicting-value').map((f) => [f.code, f.cell?.row])).toEqual([
    ['row.repeated-id', 7],
    ['cell.conflicting-value', 7],
  ]);
  const [error] = out.findings.filter((f) => f.code === 'row.repeated-id');
  expect(renderMessage(error)).toMatch(new RegExp(`junte sus datos en una sola fila y borre la otra\\. La columna «${column('Actores', 'parties/roles').title}» admite varios valores en una celda, separados por punto y coma: al juntar las filas, escríbalos todos ahí\\.$`));
  expect((out.releases[0].parties as unknown[])[0]).toEqual({ id: 'P1', name: 'Municipio de Monterrey', roles: ['buyer'], contactPoint: { email: 'compras@monterrey.gob.mx' } });
});

test('a nested sheet names the parent item the rows share (the award), and a project\'s sheet the project', () => {
  const out = convert(
    processes,
    templateSheet('Adjudicaciones', [{ ocid: 'ocds-abc123-0001', 'awards/id': 'A1' }]),
    templateSheet('Documentos de adjudicación', [
      { ocid: 'ocds-abc123-0001', 'awards/id': 'A1', 'awards/documents/id': 'D1', 'awards/documents/title': 'Fallo' },
      { ocid: 'ocds-abc123-0001', 'awards/id': 'A1', 'awards/documents/id': 'D1', 'awards/documents/title': 'Acta de fallo' },
    ]),
    templateSheet('Proyectos', [{ id: 'oc4ids-abc123-0001', title: 'Parque' }]),
    templateSheet('Documentos del proyecto', [
      { id: 'oc4ids-abc123-0001', 'documents/id': 'D1', 'documents/title': 'Proyecto ejecutivo' },
      { id: 'oc4ids-abc123-0001', 'documents/id': 'D1', 'documents/title': 'Estudio de impacto ambiental' },
    ]),
  );
  const repeated = out.findings.filter((f) => f.code === 'row.repeated-id');
  const award = repeated.find((f) => f.cell?.sheet === 'Documentos de adjudicación');
  const project = repeated.find((f) => f.cell?.sheet === 'Documentos del proyecto');
  if (!award || !project) throw new Error(`expected both errors, got ${JSON.stringify(repeated)}`);
  expect(repeated).toHaveLength(2);
  const awardId = column('Documentos de adjudicación', 'awards/id');
  const documentId = column('Documentos de adjudicación', 'awards/documents/id');
  expect(award).toMatchObject({ severity: 'error', cell: { sheet: 'Documentos de adjudicación', row: 4, column: 3 } });
  expect(renderMessage(award)).toMatch(new RegExp(`^Las filas 3 y 4 de la hoja «Documentos de adjudicación» son del mismo «${escape(awardId.title)}» \\(«A1»\\) y tienen el mismo «${escape(documentId.title)}» \\(«D1»\\), pero datos distintos en la columna «${escape(column('Documentos de adjudicación', 'awards/documents/title').title)}» \\(${column('Documentos de adjudicación', 'awards/documents/title').letter}\\)\\.`));
  expect(project).toMatchObject({ severity: 'error', cell: { sheet: 'Documentos del proyecto', row: 4, column: 2 } });
  expect(renderMessage(project)).toMatch(new RegExp(`^Las filas 3 y 4 de la hoja «Documentos del proyecto» son del mismo «${escape(column('Documentos del proyecto', 'id').title)}» \\(«oc4ids-abc123-0001»\\) y tienen el mismo «${escape(column('Documentos del proyecto', 'documents/id').title)}» \\(«D1»\\)`));
});

test('a party named by its RFC alone: the error is on the RFC cell and shows the RFC as typed', () => {
  const out = convert(processes, templateSheet('Actores', [
    { ocid: 'ocds-abc123-0001', 'parties/identifier/id': 'CNO010101AB1', 'parties/name': 'Constructora del Norte', 'parties/roles': 'supplier' },
    { ocid: 'ocds-abc123-0001', 'parties/identifier/id': 'CNO010101AB1', 'parties/name': 'Constructora Norteña', 'parties/roles': 'supplier' },
  ]));
  const [error] = out.findings.filter((f) => f.code === 'row.repeated-id');
  const rfc = column('Actores', 'parties/identifier/id');
  expect(error).toMatchObject({ severity: 'error', cell: { sheet: 'Actores', row: 4, column: rfc.index } });
  expect(renderMessage(error)).toContain(`tienen el mismo «${rfc.title}» («CNO010101AB1»), pero datos distintos en la columna «${column('Actores', 'parties/name').title}»`);
});

test('a kept copy of a child sheet with an older value: the error names both sheets and rows and what to do with a copy', () => {
  const rows = (description: string) => [{ ocid: 'ocds-abc123-0001', 'tender/items/id': '1', 'tender/items/description': description }];
  const copy = { ...templateSheet('Artículos', rows('Cemento')), name: 'Copia de Artículos' };
  const out = convert(processes, templateSheet('Artículos', rows('Cemento gris')), copy);
  const [error] = out.findings.filter((f) => f.severity === 'error');
  const id = column('Artículos', 'tender/items/id');
  expect(error).toMatchObject({ code: 'row.repeated-id-other-sheet', cell: { sheet: 'Copia de Artículos', row: 3, column: 2 }, params: { firstSheet: 'Artículos', firstRow: 3 } });
  expect(renderMessage(error)).toMatch(new RegExp(`^La fila 3 de la hoja «Copia de Artículos» es del mismo «${escape(column('Artículos', 'ocid').title)}» \\(«ocds-abc123-0001»\\) y tiene el mismo «${escape(id.title)}» \\(«1»\\) que la fila 3 de la hoja «Artículos», pero datos distintos en la columna «${escape(column('Artículos', 'tender/items/description').title)}» \\(C\\)\\. .* Si una de las dos hojas es una copia de la otra \\(de respaldo o de otra versión\\), borre la copia o guárdela en otro libro; `));
});

test('on a flatten-tool sheet rows repeating an id keep flatten-tool\'s rule: the first value kept, a warning', () => {
  const out = convert(
    { name: 'releases', rows: [['ocid', 'tender/id'], ['ocds-abc123-0001', 'T1']] },
    { name: 'items', rows: [['ocid', 'tender/items/0/id', 'tender/items/0/description'], ['ocds-abc123-0001', '1', 'Cemento'], ['ocds-abc123-0001', '1', 'Grava']] },
  );
  expect(out.findings.map((f) => [f.code, f.severity])).toEqual([['cell.conflicting-value', 'warning']]);
});

test('a budget line\'s accounting moment, measured again each quarter, is no repeated id: rows by a coded id never join', () => {
  const out = convert(
    processes,
    templateSheet('Partidas presupuestales', [{ ocid: 'ocds-abc123-0001', 'planning/budget/budgetBreakdown/id': 'P1' }]),
    templateSheet('Líneas presupuestarias', [{ ocid: 'ocds-abc123-0001', 'planning/budget/budgetBreakdown/id': 'P1', 'planning/budget/budgetBreakdown/budgetLines/id': 'L1' }]),
    templateSheet('Momentos contables', [
      { ocid: 'ocds-abc123-0001', 'planning/budget/budgetBreakdown/id': 'P1', 'planning/budget/budgetBreakdown/budgetLines/id': 'L1', 'planning/budget/budgetBreakdown/budgetLines/measures/id': 'accrued', 'planning/budget/budgetBreakdown/budgetLines/measures/value/amount': 100 },
      { ocid: 'ocds-abc123-0001', 'planning/budget/budgetBreakdown/id': 'P1', 'planning/budget/budgetBreakdown/budgetLines/id': 'L1', 'planning/budget/budgetBreakdown/budgetLines/measures/id': 'accrued', 'planning/budget/budgetBreakdown/budgetLines/measures/value/amount': 250 },
    ]),
  );
  expect(out.findings.filter((f) => f.code === 'row.repeated-id' || f.code === 'cell.conflicting-value')).toEqual([]);
});
