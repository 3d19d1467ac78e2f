/** The JSON of a list's table: the CSV's columns and values, one object per row (dashboard/src/data/table-json.ts). */
import { tableJson } from '../../dashboard/src/data/table-json';

describe('tableJson', () => {
  it('keys each row by the Spanish column names, in their order, with the values as the CSV has them', () => {
    const rows = tableJson(['id', 'titulo', 'inicio', 'presupuesto_mxn'], [['p-1', '=Puente', '2024-09-02', -1500.5]]);
    expect(rows).toEqual([{ id: 'p-1', titulo: '=Puente', inicio: '2024-09-02', presupuesto_mxn: -1500.5 }]);
    expect(Object.keys(rows[0])).toEqual(['id', 'titulo', 'inicio', 'presupuesto_mxn']);
  });
  it('writes a missing value (the CSV\'s empty cell) as null, never leaving the column out', () => {
    expect(tableJson(['a', 'b', 'c'], [[undefined, null, Number.NaN]])).toEqual([{ a: null, b: null, c: null }]);
    expect(JSON.stringify(tableJson(['a', 'b'], [['x']]))).toBe('[{"a":"x","b":null}]');
  });
});
