/**
 * Treemap (squarified, Bruls et al.): each item is a rectangle whose area is its share of the total, labelled
 * when it is large enough to hold text. Drawn in HTML with percentage boxes (the text keeps the page's size on a
 * phone), hidden from screen readers: the same figures follow as a table.
 */
import { h } from '../dom';
import { dataTable } from './table';

export interface TreeItem { label: string; value: number; display: string; href?: string }
interface Rect { x: number; y: number; w: number; h: number }

function worst(row: number[], side: number): number {
  const s = row.reduce((a, b) => a + b, 0);
  const max = Math.max(...row);
  const min = Math.min(...row);
  return Math.max((side * side * max) / (s * s), (s * s) / (side * side * min));
}

/** Rectangles for `values` (sorted large to small, all > 0) filling `box`. */
export function squarify(values: number[], box: Rect): Rect[] {
  const total = values.reduce((a, b) => a + b, 0);
  const out: Rect[] = [];
  if (!total) return out;
  const scale = (box.w * box.h) / total;
  let rest = values.map((v) => v * scale);
  let free = { ...box };
  while (rest.length) {
    const side = Math.min(free.w, free.h);
    const row: number[] = [rest[0]];
    let i = 1;
    while (i < rest.length && worst([...row, rest[i]], side) <= worst(row, side)) row.push(rest[i++]);
    const sum = row.reduce((a, b) => a + b, 0);
    if (free.w >= free.h) {
      const w = sum / free.h;
      let y = free.y;
      for (const a of row) { out.push({ x: free.x, y, w, h: a / w }); y += a / w; }
      free = { x: free.x + w, y: free.y, w: free.w - w, h: free.h };
    } else {
      const hh = sum / free.w;
      let x = free.x;
      for (const a of row) { out.push({ x, y: free.y, w: a / hh, h: hh }); x += a / hh; }
      free = { x: free.x, y: free.y + hh, w: free.w, h: free.h - hh };
    }
    rest = rest.slice(i);
  }
  return out;
}

export function treemap(title: string, items: TreeItem[], valueTitle: string, opts: { id?: string } = {}): HTMLElement {
  const shown = items.filter((i) => i.value > 0).sort((a, b) => b.value - a.value);
  // Computed in a 160 × 100 box, placed in percentages of the drawing.
  const rects = squarify(shown.map((i) => i.value), { x: 0, y: 0, w: 160, h: 100 });
  const drawing = h('div', { class: 'treemap', 'aria-hidden': 'true' }, shown.map((item, i) => {
    const r = rects[i];
    const cell = h('div', { class: `tile bar-${i % 4}` }, r.w > 22 && r.h > 12 ? [h('span', { class: 'tile-label' }, item.label), h('span', { class: 'tile-value fig' }, item.display)] : null);
    cell.style.left = `${(r.x / 1.6).toFixed(3)}%`;
    cell.style.top = `${r.y.toFixed(3)}%`;
    cell.style.width = `${(r.w / 1.6).toFixed(3)}%`;
    cell.style.height = `${r.h.toFixed(3)}%`;
    return cell;
  }));
  return h('figure', { class: 'chart-figure', id: opts.id },
    h('figcaption', null, h('h2', null, title)),
    shown.length ? drawing : h('p', null, 'Sin montos publicados para esta selección.'),
    dataTable(`${title} (tabla de datos)`, [{ title: 'Institución' }, { title: valueTitle, numeric: true }], items.map((i) => [i.href ? h('a', { href: i.href }, i.label) : i.label, i.display])));
}
