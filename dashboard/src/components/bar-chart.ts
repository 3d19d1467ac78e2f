/**
 * Horizontal bar chart drawn in SVG with each bar's label and value written next to it (meaning never rests on
 * colour), followed by the same figures as a table. The drawing is hidden from screen readers: the table says it.
 */
import { h, svg } from '../dom';
import { dataTable } from './table';

export interface Bar {
  label: string;
  value: number;
  /** The value as shown (formatted money, count…). */
  display: string;
}

const ROW = 28;
const LABEL_W = 230;
const WIDTH = 760;

/** `level`: the heading level of the title within the page's outline (2 on its own, 3 inside a section). */
export function barChart(title: string, bars: Bar[], valueTitle: string, opts: { id?: string; level?: 2 | 3 } = {}): HTMLElement {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = WIDTH - LABEL_W - 250;
  const height = Math.max(1, bars.length) * ROW + 8;
  const clip = (s: string): string => (s.length > 34 ? `${s.slice(0, 33)}…` : s);
  const drawing = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart', 'aria-hidden': 'true', focusable: 'false' },
    bars.map((b, i) => {
      const y = 4 + i * ROW;
      const w = Math.max(b.value > 0 ? 2 : 0, (b.value / max) * plot);
      return svg('g', null,
        svg('text', { x: LABEL_W - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' }, clip(b.label)),
        svg('rect', { x: LABEL_W, y: y + 3, width: w.toFixed(1), height: ROW - 8, class: `bar bar-${i % 4}` }),
        svg('text', { x: LABEL_W + w + 6, y: y + 17, class: 'chart-value' }, b.display));
    }));
  return h('figure', { class: 'chart-figure', id: opts.id },
    h('figcaption', null, h(opts.level === 3 ? 'h3' : 'h2', null, title)),
    drawing,
    dataTable(`${title} (tabla de datos)`, [{ title: 'Categoría' }, { title: valueTitle, numeric: true }], bars.map((b) => [b.label, b.display])));
}
