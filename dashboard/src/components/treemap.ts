/**
 * Treemap: each item is a rectangle whose area is its share of the total (treemap-layout.ts), labelled when it is
 * large enough to hold text; a smaller one names itself on hover, and a note under the drawing names every item
 * left unlabelled or undrawn. Drawn in HTML with percentage boxes (the text keeps the page's size on a phone),
 * hidden from screen readers: the same figures follow as a table.
 */
import { h } from '../dom';
import { dataTable } from './table';
import { treemapLayout, treemapNote, type TreeItem } from './treemap-layout';

export type { TreeItem } from './treemap-layout';

export function treemap(title: string, items: TreeItem[], valueTitle: string, opts: { id?: string } = {}): HTMLElement {
  const layout = treemapLayout(items);
  const note = treemapNote(layout);
  // Computed in a 160 × 100 box, placed in percentages of the drawing.
  const drawing = h('div', { class: 'treemap', 'aria-hidden': 'true' }, layout.tiles.map(({ item, rect: r, labelled }, i) => {
    const cell = h('div', { class: `tile bar-${i % 4}`, title: labelled ? null : `${item.label}: ${item.display}` }, labelled ? [h('span', { class: 'tile-label' }, item.label), h('span', { class: 'tile-value fig' }, item.display)] : null);
    cell.style.left = `${(r.x / 1.6).toFixed(3)}%`;
    cell.style.top = `${r.y.toFixed(3)}%`;
    cell.style.width = `${(r.w / 1.6).toFixed(3)}%`;
    cell.style.height = `${r.h.toFixed(3)}%`;
    return cell;
  }));
  return h('figure', { class: 'chart-figure', id: opts.id },
    h('figcaption', null, h('h2', null, title)),
    layout.tiles.length ? drawing : h('p', null, 'Sin montos publicados para esta selección.'),
    layout.tiles.length > 0 && note ? h('p', { class: 'note treemap-note' }, note) : null,
    dataTable(`${title} (tabla de datos)`, [{ title: 'Institución' }, { title: valueTitle, numeric: true }], items.map((i) => [i.href ? h('a', { href: i.href }, i.label) : i.label, i.display])));
}
