/**
 * The layouts flatten-tool reads (its docs/unflatten.rst) as OCP's Data Review Tool reads them: indexed array columns
 * on any sheet, headers written as the schema's English titles, child sheets keyed by their parents' ids only,
 * the `#` configuration row and `#` comment columns. The template's own layout keeps its stricter rules.
 */
import type { Finding } from '../findings/finding';
import type { CellValue, WorkbookModel } from '../workbook/model';
import { unflatten } from './index';
import { renderMessage } from '../messages/render';

const NOW = '2026-01-15T12:00:00Z';
type Obj = Record<string, unknown>;

function convert(...sheets: { name: string; rows: CellValue[][] }[]) {
  return unflatten({ sheets } as WorkbookModel, { now: NOW });
}

const codes = (findings: Finding[]) => findings.map((f) => `${f.code}@${f.cell?.sheet}!${f.cell?.row}:${f.cell?.column}`);

test('release fields and indexed array columns on one sheet: one row = one release, every index kept, nested indexes too', () => {
  const r = convert({
    name: 'releases',
    rows: [
      ['ocid', 'tender/title', 'tender/items/0/id', 'tender/items/0/quantity', 'tender/items/1/id', 'tender/items/1/quantity', 'awards/0/id', 'awards/0/items/2/id', 'awards/0/items/2/unit/value/amount', 'awards/0/items/0/id'],
      ['ocds-abc123-1', 'Pavimentación', 'A', 5, 'B', 7, 'F1', 'I3', 1500, 'I1'],
      ['ocds-abc123-2', 'Alumbrado', 'A', 1, '', '', '', '', '', ''],
    ],
  });
  expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  expect(r.releases).toHaveLength(2);
  const [first, second] = r.releases as Obj[];
  expect(first.tender).toEqual({ title: 'Pavimentación', items: [{ id: 'A', quantity: 5 }, { id: 'B', quantity: 7 }] });
  // Items in index order (0 before 2), whatever the column order.
  expect(first.awards).toEqual([{ id: 'F1', items: [{ id: 'I1' }, { id: 'I3', unit: { value: { amount: 1500, currency: 'MXN' } } }] }]);
  expect(second.tender).toEqual({ title: 'Alumbrado', items: [{ id: 'A', quantity: 1 }] });
  // The cell of a value written through an index other than 0.
  expect(r.sourceMap.get('/releases/0/tender/items/1/quantity')).toMatchObject({ sheet: 'releases', row: 2, column: 6 });
});

test('rows with the same ocid and item id merge across sheets; a child sheet without its own ids appends items', () => {
  const r = convert(
    { name: 'releases', rows: [['ocid', 'awards/0/id', 'awards/0/title'], ['ocds-abc123-1', 'F1', 'Fallo']] },
    { name: 'awa_suppliers', rows: [['ocid', 'awards/0/id', 'awards/0/suppliers/0/name'], ['ocds-abc123-1', 'F1', 'Constructora'], ['ocds-abc123-1', 'F1', 'Supervisora']] },
    // Keyed by the parent's id only (flatten-tool): an award the releases sheet did not name is made here.
    { name: 'awa_items', rows: [['ocid', 'awards/0/id', 'awards/0/items/0/quantity'], ['ocds-abc123-1', 'F2', 3]] },
  );
  expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  expect((r.releases[0] as Obj).awards).toEqual([
    { id: 'F1', title: 'Fallo', suppliers: [{ name: 'Constructora' }, { name: 'Supervisora' }] },
    { id: 'F2', items: [{ quantity: 3 }] },
  ]);
});

test("headers as the schema's English titles joined by ':' (with or without indexes, field names allowed)", () => {
  const r = convert({
    name: 'Sheet with titles',
    rows: [
      ['Open Contracting ID', 'Tender:Tender title', 'Tender: Items to be procured: 0: ID', 'Tender:Items to be procured:1:Quantity', 'tender:Items to be procured:1:id', 'Parties:Common name'],
      ['ocds-abc123-1', 'Pavimentación', 'A', 7, 'B', 'Municipio de Mérida'],
    ],
  });
  expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  const release = r.releases[0] as Obj;
  expect(release.tender).toEqual({ title: 'Pavimentación', items: [{ id: 'A' }, { id: 'B', quantity: 7 }] });
  expect(release.parties).toEqual([{ name: 'Municipio de Mérida' }]);
});

test("the '#' configuration row: skiprows, headerrows (both of flatten-tool's spellings) and ignore", () => {
  const r = convert(
    { name: 'a', rows: [['#', 'skiprows 1', 'headerrows 2'], ['notas de procedencia'], ['ocid', 'tender/title'], ['Proceso', 'Título'], ['ocds-abc123-1', 'Uno']] },
    { name: 'b', rows: [['#set', 'headerrows', 3], ['ocid', 'tender/description'], ['explicación'], ['más explicación'], ['ocds-abc123-1', 'Descripción']] },
    { name: 'c', rows: [['#', 'ignore'], ['ocid', 'tender/title'], ['ocds-abc123-9', 'Ignorada']] },
  );
  expect(r.releases.map((x) => (x as Obj).tender)).toEqual([{ title: 'Uno', description: 'Descripción' }]);
  expect(codes(r.findings)).toEqual(['sheet.not-a-template@c!undefined:undefined']);
});

test("'#' comment columns are skipped; an unknown column still gets its Spanish warning naming sheet, row and column", () => {
  const r = convert({ name: 'releases', rows: [['#', 'skiprows 1'], ['comentario'], ['ocid', '# notas', 'tender/colour'], ['ocds-abc123-1', 'revisar', 'rojo']] });
  expect(codes(r.findings)).toEqual(['sheet.unknown-column@releases!3:3']);
  expect(r.findings[0].params).toEqual({ header: 'tender/colour' });
});

test('a row naming a process no sheet defines creates it on a flatten-tool sheet, and is an error on a template sheet', () => {
  const plain = convert({ name: 'ten_items', rows: [['ocid', 'tender/items/0/id'], ['ocds-abc123-1', 'A']] });
  expect(plain.releases).toHaveLength(1);
  expect(codes(plain.findings)).toEqual([]);
  const template = convert({ name: 'Partidas', rows: [['Proceso', 'Partida'], ['ocid', 'tender/items/0/id'], ['ocds-abc123-1', 'A']] });
  expect(template.releases).toHaveLength(0);
  expect(template.findings.map((f) => f.code)).toContain('row.parent-sheet-missing');
  // The message names the sheet to look in, the template's, and says this workbook has none: «no existe en la hoja
  // «Contrataciones»» and «revise que esté escrito igual» sent the official looking for a sheet that is not there.
  const missing = template.findings.find((f) => f.code === 'row.parent-sheet-missing');
  expect(missing && renderMessage(missing)).toBe('La columna «Proceso» dice «ocds-abc123-1», pero este libro no tiene la hoja «Contrataciones», donde se escribe. Copie esa hoja de la plantilla a este libro y escriba en ella su fila.');
  // With the processes on a sheet of its own name, that is the name given.
  const named = convert({ name: 'procesos', rows: [['ocid', 'tender/title'], ['ocds-abc123-2', 'Otro']] }, { name: 'Partidas', rows: [['Proceso', 'Partida'], ['ocid', 'tender/items/0/id'], ['ocds-abc123-1', 'A']] });
  expect(named.findings.find((f) => f.code === 'row.parent-not-found')?.params.parent).toBe('la hoja «procesos»');
});

test("a column is named without the template's required mark («Proceso *» is «Proceso»)", () => {
  const r = convert({ name: 'Partidas', rows: [['Proceso *', 'Partida *'], ['ocid', 'tender/items/0/id'], ['ocds-abc123-1', 'A']] });
  const missing = r.findings.find((f) => f.code === 'row.parent-sheet-missing');
  expect(missing && renderMessage(missing)).toMatch(/^La columna «Proceso» dice «ocds-abc123-1»/);
  expect(missing?.cell?.header).toBe('Proceso');
});

test('a sheet whose formulas were saved without results says so, naming the first cells', () => {
  const sheet = { name: 'Contrataciones', rows: [['Proceso', 'Título'], ['ocid', 'tender/title'], ['ocds-abc123-1', '']], formulasWithoutResult: { count: 4, cells: ['B3', 'B4', 'B5'] } };
  const r = convert(sheet);
  const found = r.findings.find((f) => f.code === 'sheet.formulas-without-result');
  expect(found && { cell: found.cell, message: renderMessage(found) }).toEqual({
    cell: { sheet: 'Contrataciones', row: 3, column: 2 },
    message: '4 celdas tienen una fórmula sin resultado guardado (B3, B4, B5…) y se leen vacías: el archivo lo guardó un programa que no calcula fórmulas. Ábralo en Excel, LibreOffice o Google Sheets y guárdelo de nuevo para que se calculen, o escriba los valores.',
  });
});

test('the template layout keeps one item per row: an index other than 0 there is an unknown column, as before', () => {
  const r = convert({ name: 'Partidas', rows: [['Proceso', 'Partida', 'Otra'], ['ocid', 'tender/items/0/id', 'tender/items/1/id'], ['ocds-abc123-1', 'A', 'B']] });
  expect(r.findings.map((f) => f.code)).toContain('sheet.unknown-column');
});

test("a row with values only in another item of the sheet's own item makes that item too (nothing is dropped)", () => {
  const r = convert({
    name: 'awa_items',
    rows: [['ocid', 'awards/0/id', 'awards/0/items/0/id', 'awards/0/items/2/id', 'tender/items/3/id'], ['ocds-abc123-1', '', '', 'I3', 'T4']],
  });
  expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  expect(r.releases[0]).toMatchObject({ awards: [{ items: [{ id: 'I3' }] }], tender: { items: [{ id: 'T4' }] } });
});

test('on a flatten-tool sheet a header may also be one of our Spanish column titles, when only one field has it', () => {
  const r = convert({ name: 'releases', rows: [['ocid', 'Título de la licitación', 'Cantidad'], ['ocds-abc123-1', 'Pavimentación', 3]] });
  expect((r.releases[0] as Obj).tender).toEqual({ title: 'Pavimentación' });
  // «Cantidad» is the quantity of several item arrays: ambiguous, so reported, never guessed.
  expect(codes(r.findings)).toEqual(['sheet.unknown-column@releases!1:3']);
});

test("a first column headed '#' (row numbers) is not a configuration row", () => {
  const r = convert({ name: 'releases', rows: [['#', 'ocid', 'tender/title'], [1, 'ocds-abc123-1', 'Uno']] });
  expect(r.releases.map((x) => (x as Obj).tender)).toEqual([{ title: 'Uno' }]);
  expect(codes(r.findings)).toEqual([]);
});
