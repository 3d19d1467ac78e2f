/**
 * Merged ranges (sheet.merged-cells): one warning per range, up to MERGES_NAMED per sheet; the last one named counts
 * the rest. A file or a request can declare millions of ranges, and one finding each filled the server's memory
 * (2 million ranges of a 9 MB upload: 1.5 GB, 15 s).
 */
import { flatten } from '../flatten';
import { renderMessage } from '../messages/render';
import { columnLetter, type SheetModel } from '../workbook/model';
import { MERGES_NAMED, unflatten } from './unflatten';

const base = flatten({ releases: [], projects: [{ id: 'oc4ids-abc123-0001', title: 'Parque' }] });
const projects = base.sheets.find((s) => s.name === 'Proyectos') as SheetModel;
const ranges = (n: number) => Array.from({ length: n }, (_v, i) => `C${i + 3}:D${i + 3}`);

function mergedWarnings(sheet: Partial<SheetModel>): string[] {
  const { findings } = unflatten({ sheets: [{ ...projects, ...sheet }] }, { now: '2025-01-01T00:00:00Z' });
  return findings.filter((f) => f.code === 'sheet.merged-cells').map((f) => `${f.cell?.row}: ${renderMessage(f)}`);
}

test('a few merged ranges: one warning each, at the range\'s first cell', () => {
  expect(mergedWarnings({ merges: ranges(2) })).toEqual([
    '3: Hay celdas combinadas (C3:D3): el valor está solo en la primera celda y las demás se leen vacías, aunque lo muestren. Sepárelas y escriba en cada celda su propio valor.',
    '4: Hay celdas combinadas (C4:D4): el valor está solo en la primera celda y las demás se leen vacías, aunque lo muestren. Sepárelas y escriba en cada celda su propio valor.',
  ]);
});

test('more than MERGES_NAMED: that many warnings, the last one counting the rest', () => {
  const shown = mergedWarnings({ merges: ranges(MERGES_NAMED + 5) });
  expect(shown).toHaveLength(MERGES_NAMED);
  expect(shown[MERGES_NAMED - 1]).toBe(`${MERGES_NAMED + 2}: Hay celdas combinadas (C${MERGES_NAMED + 2}:D${MERGES_NAMED + 2}, y 5 rangos combinados más en esta hoja): el valor está solo en la primera celda y las demás se leen vacías, aunque lo muestren. Sepárelas y escriba en cada celda su propio valor.`);
  expect(mergedWarnings({ merges: ranges(MERGES_NAMED + 1) })[MERGES_NAMED - 1]).toContain(', y 1 rango combinado más en esta hoja)');
  expect(mergedWarnings({ merges: ranges(MERGES_NAMED) })[MERGES_NAMED - 1]).toContain(`(C${MERGES_NAMED + 2}:D${MERGES_NAMED + 2})`);
});

test('a sheet whose reader kept only the first ranges (mergeCount) counts them all; millions cost no more than twenty', () => {
  const shown = mergedWarnings({ merges: ranges(1_000), mergeCount: 2_000_000 });
  expect(shown).toHaveLength(MERGES_NAMED);
  expect(shown[MERGES_NAMED - 1]).toContain(', y 1,999,980 rangos combinados más en esta hoja)');
  expect(mergedWarnings({ merges: ranges(300_000) })).toHaveLength(MERGES_NAMED);
});

test('a merge over a column of the official\'s own, which is not read, is not said to lose data', () => {
  // «Obra» added after the template's columns and merged down three rows: its unknown-column warning says it is not published.
  const three = flatten({ releases: [], projects: [1, 2, 3].map((n) => ({ id: `oc4ids-abc123-000${n}`, title: `Obra ${n}` })) }).sheets.find((s) => s.name === 'Proyectos') as SheetModel;
  const own = columnLetter(three.rows[0].length + 1);
  const rows = three.rows.map((row, i) => [...row, ...(i === 0 ? ['Obra'] : i === 2 ? ['Parque del centro'] : [''])]);
  expect(mergedWarnings({ rows, merges: [`${own}3:${own}5`] })).toEqual([]);
  // One that covers a template column too is said as before.
  expect(mergedWarnings({ merges: ['C3:D3'] })).toHaveLength(1);
});

describe('a key merged down the rows of one project or process', () => {
  const project = { id: 'oc4ids-abc123-0001', title: 'Parque', locations: [1, 2, 3].map((n) => ({ id: String(n), description: `Tramo ${n}` })) };
  const book = flatten({ releases: [], projects: [project, { id: 'oc4ids-abc123-0002', title: 'Puente' }] });
  const sheet = (name: string) => book.sheets.find((s) => s.name === name) as SheetModel;
  /** The sheet as Excel leaves it after Combinar celdas over `range` (one column): the value in its first cell only. */
  function merged(model: SheetModel, range: string): SheetModel {
    const [, letter, from, to] = /^([A-Z])(\d+):[A-Z](\d+)$/.exec(range)!;
    const col = letter.charCodeAt(0) - 65;
    return { ...model, merges: [range], rows: model.rows.map((row, i) => (i + 1 > Number(from) && i + 1 <= Number(to) ? row.map((v, j) => (j === col ? null : v)) : row)) };
  }
  const read = (...sheets: SheetModel[]) => unflatten({ sheets: ['Proyectos', 'Ubicaciones'].map((name) => sheets.find((x) => x.name === name) ?? sheet(name)) }, { now: '2025-01-01T00:00:00Z' });

  test('each row of the merge is the project\'s, as the sheet shows it, and an info finding says so (it was three errors, or the rows lost)', () => {
    const locations = sheet('Ubicaciones');
    const result = read(merged(locations, 'A3:A5'));
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect((result.projects[0] as { locations: unknown[] }).locations).toHaveLength(3);
    const info = result.findings.filter((f) => f.code === 'sheet.merged-key-filled');
    expect(info.map((f) => [f.cell, renderMessage(f)])).toEqual([[{ sheet: 'Ubicaciones', row: 3, column: 1, header: expect.any(String) }, `Las celdas A3:A5 de la columna «${String(info[0].cell?.header)}» están combinadas: se tomó «oc4ids-abc123-0001» también para las filas 4 y 5, como se ve en la hoja. No necesita separarlas.`]]);
    // The caller's rows are left as they were.
    expect(merged(locations, 'A3:A5').rows[3][0]).toBeNull();
  });

  test('a value merged over the rows of different items still warns, naming the rows that lose it; over one item, nothing is lost', () => {
    const locations = sheet('Ubicaciones');
    const description = locations.rows[1].indexOf('locations/0/description');
    const letter = String.fromCharCode(65 + description);
    const warnings = read(merged(locations, `${letter}3:${letter}5`)).findings.filter((f) => f.code === 'sheet.merged-cells').map(renderMessage);
    expect(warnings).toEqual([`Hay celdas combinadas (${letter}3:${letter}5): el valor está solo en la primera celda y las demás se leen vacías, aunque lo muestren, así que las filas 4 y 5 se publicarían sin él. Sepárelas y escriba en cada celda su propio valor.`]);
    // Over two rows of one same location (its id repeated, another value on the second row): read once for it.
    const id = locations.rows[1].indexOf('locations/0/id');
    const latitude = locations.rows[1].indexOf('locations/0/geometry/coordinates/1');
    const sameItem = merged({ ...locations, rows: [...locations.rows.slice(0, 3), locations.rows[2].map((v, j) => (j === 0 || j === id ? v : j === latitude ? 20.97 : null))] }, `${letter}3:${letter}4`);
    const once = read(sameItem);
    expect(once.findings.filter((f) => f.code.startsWith('sheet.merged'))).toEqual([]);
    expect((once.projects[0] as { locations: unknown[] }).locations).toEqual([expect.objectContaining({ id: '1', description: 'Tramo 1' })]);
    // The project's title over its row and a blank row below: nothing lost, nothing said.
    const projects = sheet('Proyectos');
    expect(read({ ...projects, rows: [...projects.rows.slice(0, 3), [], ...projects.rows.slice(3)], merges: ['B3:B4'] }).findings.filter((f) => f.code.startsWith('sheet.merged'))).toEqual([]);
  });
});
