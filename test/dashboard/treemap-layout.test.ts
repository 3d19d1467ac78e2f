/**
 * The treemap's layout (dashboard/src/components/treemap-layout.ts): which items get a tile, and what the chart says
 * of the rest — the real data of a state (Nuevo León's big works beside the INAI's DGVCCEF) drew small amounts as
 * unnamed slivers, and left a $0 contract out without a word. Which tiles hold their name is decided on the
 * rendered page (treemap.browser.test.ts).
 */
import { treemapLayout, treemapNote } from '../../dashboard/src/components/treemap-layout';

const item = (label: string, value: number) => ({ label, value, display: `$${value}` });
const items = [
  item('Secretaría de Infraestructura del Gobierno de Nuevo León', 1388166665.34), item('Municipio de Mérida', 181471395.36),
  item('Municipio de Tuxtla Gutiérrez', 116019465.21), item('Secretaría de Desarrollo Social', 3983804.74), item('DGVCCEF', 1589200),
  item('Secretaría de Salud', 0),
];

test('every amount above zero gets a tile that fills its share of the box', () => {
  const layout = treemapLayout(items);
  expect(layout.tiles.map((t) => t.item.label)).toEqual(items.slice(0, 5).map((i) => i.label));
  const area = layout.tiles.reduce((a, t) => a + t.rect.w * t.rect.h, 0);
  expect(area).toBeCloseTo(160 * 100, 6);
  expect(layout.undrawn.map((i) => i.label)).toEqual(['Secretaría de Salud']);
});

test('the chart names what it does not label or draw, with the amounts, and says nothing when all is labelled', () => {
  expect(treemapNote(treemapLayout(items), items.slice(3, 5))).toBe(
    'Sin nombre en la gráfica por su tamaño: Secretaría de Desarrollo Social ($3983804.74) y DGVCCEF ($1589200). ' +
    'No se dibuja, por no tener monto: Secretaría de Salud ($0). Todas las cifras están en la tabla.');
  // Numbered on their tiles (those whose number fits): the note gives the number before the name.
  expect(treemapNote(treemapLayout(items.slice(0, 5)), items.slice(1, 5), new Map([[items[1], 1], [items[2], 2]]))).toBe(
    'Sin nombre en la gráfica por su tamaño: [1] Municipio de Mérida ($181471395.36), [2] Municipio de Tuxtla Gutiérrez ($116019465.21), ' +
    'Secretaría de Desarrollo Social ($3983804.74) y DGVCCEF ($1589200). Todas las cifras están en la tabla.');
  expect(treemapNote(treemapLayout(items.slice(0, 3)), [])).toBeUndefined();
  expect(treemapNote(treemapLayout([item('A', 5), item('B', 0), item('C', 0)]), [])).toBe('No se dibujan, por no tener monto: B ($0) y C ($0). Todas las cifras están en la tabla.');
});
