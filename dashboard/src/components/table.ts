/** An accessible data table: caption, column headers with scope, numbers right-aligned in tabular figures. */
import { h, type Child } from '../dom';
import { sortHeaderRow } from './sort-header';
import type { ShownOrder } from './column-order';

/** The cue of a table wider than the screen (scrollRegion). */
const SCROLL_HINT = 'La tabla tiene más columnas: deslícela hacia un lado para verlas.';

export interface Column {
  title: string;
  numeric?: boolean;
  /** Its name in the address's `orden` (components/column-order.ts): every column of a table ordered by its columns has one. */
  key?: string;
}

/**
 * A table's box, which scrolls sideways when the table is wider: a focusable, named region while it does, so the
 * keyboard can scroll it (WCAG 2.1.1); otherwise neither a tab stop nor a landmark (every table was both). Drawn as
 * a region, corrected once laid out and again whenever its size or its table's changes (a narrower window, new rows).
 */
export function scrollRegion(wrap: HTMLElement, name: string): HTMLElement {
  const caption = wrap.querySelector('caption');
  let hint: HTMLElement | undefined;
  const mark = (scrolls: boolean): void => {
    if (scrolls) { wrap.setAttribute('tabindex', '0'); wrap.setAttribute('role', 'region'); wrap.setAttribute('aria-label', name); } else { wrap.removeAttribute('tabindex'); wrap.removeAttribute('role'); wrap.removeAttribute('aria-label'); }
  };
  /**
   * Said under the caption while the table is wider than its box: on a phone Proyectos showed the name and the
   * stage, and nothing told the reader that the amounts were one swipe away. Hidden from screen readers, which read
   * every column anyway; shown only once measured, so a table that fits never flashes it.
   */
  const cue = (scrolls: boolean): void => {
    if (scrolls && !hint && caption) caption.append(hint = h('span', { class: 'scroll-hint', 'aria-hidden': 'true' }, SCROLL_HINT));
    else if (!scrolls && hint) { hint.remove(); hint = undefined; }
  };
  mark(true);
  if (typeof ResizeObserver === 'function') {
    const observer = new ResizeObserver(() => {
      if (!wrap.isConnected || !wrap.getClientRects().length) return;
      const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      mark(scrolls);
      cue(scrolls);
    });
    observer.observe(wrap);
    const table = wrap.querySelector('table');
    if (table) observer.observe(table);
  }
  return wrap;
}

/** A phone's screen, as styles.css's phone rules take it (40rem). */
const PHONE = '(max-width: 40rem)';

/**
 * A table that would scroll sideways is drawn as one block per row instead (class `stacked`, styles.css), each cell
 * under its column's title (`data-label`), and back as a table once the window is wide enough for it again: the
 * budget tables, whose stages list every clave with its amount, ran past a desktop's screen and far past a phone's.
 * `needed` is the table's width as a table, measured before stacking, so a stacked table does not flip back and
 * forth (stacked, it fits). `phoneOnly`: only on a phone's screen (PHONE) — the long lists (Proyectos,
 * Contrataciones) scroll sideways on a desktop, where a reader compares rows across, but on a 360 px phone their
 * 1,100–1,500 px were a swipe per column for each row.
 */
export function stackWhenWide(wrap: HTMLElement, phoneOnly = false): HTMLElement {
  if (typeof ResizeObserver !== 'function') return wrap;
  const phone = phoneOnly && typeof matchMedia === 'function' ? matchMedia(PHONE) : undefined;
  let needed = 0;
  // A window widened past a phone's also resizes the box: this runs then too.
  new ResizeObserver(() => {
    if (!wrap.isConnected || !wrap.getClientRects().length) return;
    const stacked = wrap.classList.contains('stacked');
    const may = !phoneOnly || !!phone?.matches;
    if (!stacked && may && wrap.scrollWidth > wrap.clientWidth + 1) { needed = wrap.scrollWidth; wrap.classList.add('stacked'); } else if (stacked && (!may || wrap.clientWidth >= needed)) wrap.classList.remove('stacked');
  }).observe(wrap);
  return wrap;
}

/**
 * `empty`: what an empty table says (default: the public pages' «Sin datos publicados para esta selección.»).
 * `stack`: drawn by rows when too wide for the screen (stackWhenWide), each cell labelled with its column's title;
 * `'phone'`: only on a phone's screen.
 * `order`: the rows are in `shown`'s order, and each title is a button that asks for another (`press`, with the
 * column's key), as on Proyectos (components/sort-header.ts).
 */
export function dataTable(caption: string, columns: Column[], rows: Child[][], opts: { id?: string; note?: string; empty?: string; stack?: boolean | 'phone'; order?: { shown: ShownOrder; press: (key: string) => void } } = {}): HTMLElement {
  const order = opts.order;
  const label = (i: number): string | undefined => (opts.stack ? columns[i]?.title : undefined);
  const wrap = scrollRegion(h('div', { class: 'table-wrap', id: opts.id },
    h('table', null,
      h('caption', null, caption, opts.note ? h('span', { class: 'note' }, ` ${opts.note}`) : null),
      h('thead', null, order
        ? sortHeaderRow(columns.map((c, i) => ({ ...c, key: c.key ?? String(i) })), order.shown.key, order.shown.dir, (c) => order.press(c.key))
        : h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, c.title)))),
      h('tbody', null, rows.length
        ? rows.map((r) => h('tr', null, r.map((cell, i) => (i === 0 ? h('th', { scope: 'row', 'data-label': label(i) }, cell) : h('td', { class: columns[i]?.numeric ? 'num' : undefined, 'data-label': label(i) }, cell)))))
        : h('tr', null, h('td', { colspan: columns.length }, h('span', { class: 'empty-note' }, opts.empty ?? 'Sin datos publicados para esta selección.')))))), caption);
  return opts.stack && rows.length ? stackWhenWide(wrap, opts.stack === 'phone') : wrap;
}
