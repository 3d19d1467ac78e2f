/**
 * The header row of a table ordered by its columns (Proyectos, Seguimiento): each title a button (keyboard, `id`
 * `orden-{key}` for the focus to come back to), the column in use marked by `aria-sort` for screen readers and by an
 * arrow for the eye (hidden from screen readers, and on paper: styles.css `.sort-mark`).
 */
import { h } from '../dom';
import type { SortableColumn } from './column-order';

export type { SortableColumn };

/** `sortedKey` and `dir`: the order shown; `onSort`: a title pressed. */
export function sortHeaderRow<C extends SortableColumn>(columns: readonly C[], sortedKey: string, dir: 'asc' | 'desc', onSort: (column: C) => void): HTMLElement {
  return h('tr', null, columns.map((c) => {
    const sorted = c.key === sortedKey;
    return h('th', { scope: 'col', class: c.numeric ? 'num' : undefined, 'aria-sort': sorted ? (dir === 'asc' ? 'ascending' : 'descending') : undefined },
      h('button', { type: 'button', class: 'sort', id: `orden-${c.key}`, onclick: () => onSort(c) },
        c.title, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (dir === 'asc' ? ' ▲' : ' ▼') : ' ↕')));
  }));
}
