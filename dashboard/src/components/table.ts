/** An accessible data table: caption, column headers with scope, numbers right-aligned in tabular figures. */
import { h, type Child } from '../dom';

export interface Column {
  title: string;
  numeric?: boolean;
}

/** `empty`: what an empty table says (default: the public pages' «Sin datos publicados para esta selección.»). */
export function dataTable(caption: string, columns: Column[], rows: Child[][], opts: { id?: string; note?: string; empty?: string } = {}): HTMLElement {
  // A focusable, labelled region: wide tables scroll sideways and must be scrollable from the keyboard (WCAG 2.1.1).
  return h('div', { class: 'table-wrap', id: opts.id, tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', null,
      h('caption', null, caption, opts.note ? h('span', { class: 'note' }, ` ${opts.note}`) : null),
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, c.title)))),
      h('tbody', null, rows.length
        ? rows.map((r) => h('tr', null, r.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { class: columns[i]?.numeric ? 'num' : undefined }, cell)))))
        : h('tr', null, h('td', { colspan: columns.length }, opts.empty ?? 'Sin datos publicados para esta selección.')))));
}
