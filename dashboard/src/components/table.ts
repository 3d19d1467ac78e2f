/** An accessible data table: caption, column headers with scope, numbers right-aligned in tabular figures. */
import { h, type Child } from '../dom';

export interface Column {
  title: string;
  numeric?: boolean;
}

/**
 * A table's box, which scrolls sideways when the table is wider: a focusable, named region while it does, so the
 * keyboard can scroll it (WCAG 2.1.1); otherwise neither a tab stop nor a landmark (every table was both). Drawn as
 * a region, corrected once laid out and again whenever its size or its table's changes (a narrower window, new rows).
 */
export function scrollRegion(wrap: HTMLElement, name: string): HTMLElement {
  const mark = (scrolls: boolean): void => {
    if (scrolls) { wrap.setAttribute('tabindex', '0'); wrap.setAttribute('role', 'region'); wrap.setAttribute('aria-label', name); } else { wrap.removeAttribute('tabindex'); wrap.removeAttribute('role'); wrap.removeAttribute('aria-label'); }
  };
  mark(true);
  if (typeof ResizeObserver === 'function') {
    const observer = new ResizeObserver(() => { if (wrap.isConnected && wrap.getClientRects().length) mark(wrap.scrollWidth > wrap.clientWidth + 1); });
    observer.observe(wrap);
    const table = wrap.querySelector('table');
    if (table) observer.observe(table);
  }
  return wrap;
}

/** `empty`: what an empty table says (default: the public pages' «Sin datos publicados para esta selección.»). */
export function dataTable(caption: string, columns: Column[], rows: Child[][], opts: { id?: string; note?: string; empty?: string } = {}): HTMLElement {
  return scrollRegion(h('div', { class: 'table-wrap', id: opts.id },
    h('table', null,
      h('caption', null, caption, opts.note ? h('span', { class: 'note' }, ` ${opts.note}`) : null),
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, c.title)))),
      h('tbody', null, rows.length
        ? rows.map((r) => h('tr', null, r.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { class: columns[i]?.numeric ? 'num' : undefined }, cell)))))
        : h('tr', null, h('td', { colspan: columns.length }, h('span', { class: 'empty-note' }, opts.empty ?? 'Sin datos publicados para esta selección.')))))), caption);
}
