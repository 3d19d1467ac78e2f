/**
 * Treemap: each item is a rectangle whose area is its share of the total (treemap-layout.ts), labelled when its
 * name and amount fit whole in the tile as drawn; a smaller one shows a number instead when that fits (and names
 * itself on a mouse's hover), and a note under the drawing names every item left unlabelled or undrawn, after its
 * number: a finger has no hover. Drawn in HTML with percentage boxes (the text keeps the page's size
 * on a phone), hidden from screen readers: the same figures follow as a table.
 */
import { h } from '../dom';
import { dataTable } from './table';
import { treemapLayout, treemapNote, type TreeItem } from './treemap-layout';

export type { TreeItem } from './treemap-layout';

/**
 * Whether a tile's text fits as rendered: no word wider than the tile (styles.css keeps a tile's words whole, so a
 * long one overflows its line instead of breaking: «Munici|pio») and no line below the tile's bottom. In pixels, on
 * the page: a tile's size in the layout's box says nothing of the text it holds at 390 px or at 1280 px.
 */
function textFits(cell: HTMLElement): boolean {
  if (cell.scrollHeight > cell.clientHeight) return false;
  return Array.from(cell.children).every((span) => span.scrollWidth <= span.clientWidth);
}

export function treemap(title: string, items: TreeItem[], valueTitle: string, opts: { id?: string } = {}): HTMLElement {
  const layout = treemapLayout(items);
  const cells = layout.tiles.map(({ item, rect: r }, i) => {
    const cell = h('div', { class: `tile bar-${i % 4}` }, h('span', { class: 'tile-label' }, item.label), h('span', { class: 'tile-value fig' }, item.display));
    // Computed in a 160 × 100 box, placed in percentages of the drawing.
    cell.style.left = `${(r.x / 1.6).toFixed(3)}%`;
    cell.style.top = `${r.y.toFixed(3)}%`;
    cell.style.width = `${(r.w / 1.6).toFixed(3)}%`;
    cell.style.height = `${r.h.toFixed(3)}%`;
    return cell;
  });
  const drawing = h('div', { class: 'treemap', 'aria-hidden': 'true' }, cells);
  const noteText = (unlabelled: TreeItem[], keys?: ReadonlyMap<TreeItem, number>): string | undefined => treemapNote(layout, unlabelled, keys);
  const note = h('p', { class: 'note treemap-note' }, noteText(layout.tiles.map((t) => t.item)) ?? '');

  /**
   * Labels decided on the drawing as laid out, again whenever its width changes (a phone turned, a window
   * resized): every tile shows its text, all are measured at once (one layout), and those whose text does not fit
   * lose it, naming themselves on hover and in the note.
   */
  let width = -1;
  const fit = (): void => {
    if (drawing.clientWidth === width) return;
    width = drawing.clientWidth;
    cells.forEach((cell) => { cell.classList.remove('unlabelled'); cell.querySelector('.tile-key')?.remove(); });
    const fits = cells.map(textFits);
    const unlabelled: TreeItem[] = [];
    const numbered: [HTMLElement, TreeItem][] = [];
    cells.forEach((cell, i) => {
      const { item } = layout.tiles[i];
      cell.classList.toggle('unlabelled', !fits[i]);
      if (fits[i]) { cell.removeAttribute('title'); return; }
      cell.title = `${item.label}: ${item.display}`;
      unlabelled.push(item);
      numbered.push([cell.appendChild(h('span', { class: 'tile-key fig' }, String(numbered.length + 1))), item]);
    });
    // The numbers that fit their tile whole, measured at once; a sliver too thin for its own keeps only the note.
    const shown = numbered.map(([key]) => textFits(key.parentElement as HTMLElement));
    const keys = new Map<TreeItem, number>();
    numbered.forEach(([key, item], i) => { if (shown[i]) keys.set(item, keys.size + 1); else key.remove(); });
    numbered.forEach(([key, item]) => { if (keys.has(item)) key.textContent = String(keys.get(item)); });
    const text = noteText(unlabelled, keys);
    note.textContent = text ?? '';
    note.hidden = !text;
  };
  // Until the drawing is laid out, every tile is unlabelled (the note names them all): no name is shown cut.
  cells.forEach((cell, i) => { cell.classList.add('unlabelled'); cell.title = `${layout.tiles[i].item.label}: ${layout.tiles[i].item.display}`; });
  if (layout.tiles.length && typeof ResizeObserver !== 'undefined') new ResizeObserver(fit).observe(drawing);

  return h('figure', { class: 'chart-figure', id: opts.id },
    h('figcaption', null, h('h2', null, title)),
    layout.tiles.length ? drawing : h('p', null, 'Sin montos publicados para esta selección.'),
    layout.tiles.length > 0 ? note : null,
    dataTable(`${title} (tabla de datos)`, [{ title: 'Institución' }, { title: valueTitle, numeric: true }], items.map((i) => [i.href ? h('a', { href: i.href }, i.label) : i.label, i.display])));
}
