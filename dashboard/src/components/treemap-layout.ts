/**
 * The treemap's geometry, apart from its drawing: squarified rectangles (Bruls et al.) in a 160 × 100 box, and what
 * the chart must say of the items it does not label or cannot draw (a state's large works beside a small unit's
 * amount leave it a sliver; an amount of $0 has no area). Which tiles have room for their name is not decided here:
 * that depends on the pixels the drawing gets (a tile roomy on a desktop is 50 px wide on a phone, where its name
 * broke mid-word), so treemap.ts decides it on the rendered tiles.
 */
import { formatList } from '../../../core/format/es-mx';
export interface TreeItem { label: string; value: number; display: string; href?: string }
export interface Rect { x: number; y: number; w: number; h: number }
export interface TreeTile { item: TreeItem; rect: Rect }
export interface TreeLayout {
  tiles: TreeTile[];
  /** Without an amount above zero: no area to draw. */
  undrawn: TreeItem[];
}

/** The box the rectangles are computed in; treemap.ts places them in percentages of the drawing. */
export const BOX: Rect = { x: 0, y: 0, w: 160, h: 100 };

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

export function treemapLayout(items: TreeItem[]): TreeLayout {
  const shown = items.filter((i) => i.value > 0).sort((a, b) => b.value - a.value);
  const rects = squarify(shown.map((i) => i.value), BOX);
  return { tiles: shown.map((item, i) => ({ item, rect: rects[i] })), undrawn: items.filter((i) => !(i.value > 0)) };
}

/** «a», «a y b», «a, b y c»; an item numbered on its tile is named after its number: «[1] a». */
const listed = (items: TreeItem[], keys?: ReadonlyMap<TreeItem, number>): string =>
  formatList(items.map((i) => `${keys?.has(i) ? `[${keys.get(i)}] ` : ''}${i.label} (${i.display})`));

/**
 * What a reader of the drawing would otherwise miss, or undefined when every item is drawn with its name.
 * `unlabelled`: the items drawn without their name (their tile, at the size it is shown, cannot hold it whole).
 * `keys`: the number shown on the tile of those that hold one, which the note gives before their name: on a phone
 * the name was only in the tile's tooltip, which a finger cannot open, and the note did not say which tile was which.
 */
export function treemapNote(layout: TreeLayout, unlabelled: TreeItem[], keys?: ReadonlyMap<TreeItem, number>): string | undefined {
  const parts: string[] = [];
  if (unlabelled.length) parts.push(`Sin nombre en la gráfica por su tamaño: ${listed(unlabelled, keys)}.`);
  if (layout.undrawn.length) parts.push(`${layout.undrawn.length > 1 ? 'No se dibujan' : 'No se dibuja'}, por no tener monto: ${listed(layout.undrawn)}.`);
  return parts.length ? `${parts.join(' ')} Todas las cifras están en la tabla.` : undefined;
}
