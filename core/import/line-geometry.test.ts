/**
 * A published location drawn as a line (a road's stretch: `LineString`, a list of positions). The template's latitude
 * and longitude hold one Point; the import wrote each position into them («-96.7005; 17.0712»), and the workbook
 * failed validation with «dos números en una celda» on cells the official never typed, while the import said nothing
 * was left out. Now those cells stay empty and the positions are counted among the values the template cannot hold.
 */
import { flatten } from '../flatten';
import { templateSpec } from '../template/template-spec';
import { unflatten } from '../unflatten';
import { droppedValues, fieldOf, leaves } from './template-coverage';
import { isObject } from '../json/json-values';

const spec = templateSpec();
const project = {
  id: 'oc4ids-abc123-CARR-2020-001', title: 'Ampliación de la carretera',
  locations: [
    { id: '1', description: 'Tramo', geometry: { type: 'LineString', coordinates: [[-96.70211, 17.069801], [-96.7005, 17.0712]] } },
    { id: '2', description: 'Entronque', geometry: { type: 'Point', coordinates: [-96.71, 17.06] } },
  ],
};

test("a line's positions stay out of the latitude and longitude cells, are reported as not held, and the workbook reads back without errors", () => {
  const workbook = flatten({ releases: [], projects: [project] }, spec);
  const sheet = workbook.sheets.find((s) => s.name === 'Ubicaciones');
  const paths = (sheet?.rows[1] ?? []).map(String);
  const cells = (sheet?.rows.slice(2) ?? []).map((r) => [r[paths.indexOf('locations/0/geometry/coordinates/1')], r[paths.indexOf('locations/0/geometry/coordinates/0')]]);
  expect(cells).toEqual([['', ''], [17.06, -96.71]]);
  expect([...droppedValues([project], 'oc4ids', spec).dropped]).toEqual([['locations/geometry/coordinates', 4]]);
  const out = unflatten(workbook, { now: '2024-06-01T12:00:00-06:00' });
  expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(out.projects[0].locations).toEqual([
    { id: '1', description: 'Tramo', geometry: { type: 'LineString' } },
    { id: '2', description: 'Entronque', geometry: { type: 'Point', coordinates: [-96.71, 17.06] } },
  ]);
});

test("each value's field, as the walk that tallies them gives it, is fieldOf of the value's pointer (a Point's positions apart, a line's the list itself)", () => {
  // The pointers spelled out, as fieldOf reads them: the walk (leaves, droppedValues) does not build them.
  const pointers: [string[], unknown][] = [];
  const step = (v: unknown, segments: string[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => step(x, [...segments, String(i)]));
    else if (isObject(v)) for (const k of Object.keys(v)) step(v[k], [...segments, k]);
    else if (v !== null && v !== undefined) pointers.push([segments, v]);
  };
  const doc = { ...project, budget: { amount: { amount: 5, currency: 'MXN' } }, parties: [{ id: 'A', roles: ['buyer', 'payer'] }] };
  step(doc, []);
  expect(leaves(doc)).toEqual(pointers.map(([segments, value]) => ({ field: fieldOf(segments), value })));
  expect(leaves(doc).map((l) => l.field)).toContain('locations/geometry/coordinates/0');
});
