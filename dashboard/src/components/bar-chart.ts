/**
 * Horizontal bar chart in HTML (not a scaled SVG, whose text shrank to 6 px on a phone): each bar's label and
 * value are text at the page's size next to it (meaning never rests on colour), and on a narrow screen the label
 * goes above its bar. The drawing is hidden from screen readers; the same figures follow as a table.
 */
import { h } from '../dom';
import { dataTable } from './table';
import { csvButton } from './download';

export interface Bar {
  label: string;
  value: number;
  /** The value as shown (formatted money, count…). */
  display: string;
  /** Nothing published to sum («Sin dato» shown): no bar, and an empty cell in the CSV, not a 0 that reads as published. */
  missing?: boolean;
}

/** `level`: the heading level of the title within the page's outline (2 on its own, 3 inside a section). `csv`: a file name offers the table as CSV. */
export function barChart(title: string, bars: Bar[], valueTitle: string, opts: { id?: string; level?: 2 | 3; csv?: string; raw?: (b: Bar) => number } = {}): HTMLElement {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const drawing = h('div', { class: 'bars', 'aria-hidden': 'true' }, bars.map((b, i) => {
    const bar = h('span', { class: `bar bar-${i % 4}` });
    // CSSOM, not a style attribute: the page's CSP forbids inline styles.
    bar.style.width = `${Math.max(b.value > 0 ? 0.5 : 0, (b.value / max) * 100).toFixed(2)}%`;
    return h('div', { class: 'bar-row' }, h('span', { class: 'bar-label' }, b.label), h('span', { class: 'bar-track' }, bar), h('span', { class: 'bar-value fig' }, b.display));
  }));
  return h('figure', { class: 'chart-figure', id: opts.id },
    h('figcaption', null, h(opts.level === 3 ? 'h3' : 'h2', null, title)),
    drawing,
    dataTable(`${title} (tabla de datos)`, [{ title: 'Categoría' }, { title: valueTitle, numeric: true }], bars.map((b) => [b.label, b.display])),
    // A page has one per chart: each says which (WCAG 2.4.6).
    opts.csv ? csvButton(opts.csv, ['categoria', 'valor'], () => bars.map((b) => [b.label, b.missing ? null : opts.raw ? opts.raw(b) : b.value]), 'Descargar CSV', `Descargar CSV: ${title}`) : null);
}
