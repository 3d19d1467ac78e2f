/**
 * The order of a table of implementers kept in the address (`?orden=&dir=`), as Seguimiento and the Informe mensual
 * keep it: which column and direction the address asks for, the rows in that order, what a press on a header does,
 * and how the order is said (the caption's note, and the live region after a press).
 */
import { announce } from '../dom';
import type { SortableColumn } from './sort-header';

export type Dir = 'asc' | 'desc';

export interface OrderColumn<R> extends SortableColumn {
  /** The direction of a first press: the most telling rows first (the most late, the most sends). */
  first: Dir;
  /** The value ordered by; null (does not apply) goes last either way. None: the rows' own order (`tie`) itself. */
  value?: (row: R) => number | string | null;
  /** The order said, ascending and descending («por nombre, de la A a la Z»). */
  said: [string, string];
}

export interface Order<C> { column: C; dir: Dir }

/** Names compared as a reader sorts them: accents and capitals aside, «Mérida 2» before «Mérida 10». */
export const BY_NAME = new Intl.Collator('es-MX', { numeric: true });

/** The column and direction the address asks for (the first column, in its first direction, when it asks for none or an unknown one). */
export function orderAsked<C extends OrderColumn<never>>(columns: readonly C[], q: URLSearchParams): Order<C> {
  const column = columns.find((c) => c.key === q.get('orden')) ?? columns[0];
  const dir = q.get('dir') === 'asc' || q.get('dir') === 'desc' ? (q.get('dir') as Dir) : column.first;
  return { column, dir };
}

/** The rows in that order; ties (and a column without a value) in the rows' own order, `tie`. */
export function inOrder<R>(rows: readonly R[], { column, dir }: Order<OrderColumn<R>>, tie: (a: R, b: R) => number): R[] {
  const sign = dir === 'asc' ? 1 : -1;
  const value = column.value;
  return [...rows].sort((a, b) => {
    if (!value) return sign * tie(a, b);
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? tie(a, b) : va === null ? 1 : -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : BY_NAME.compare(String(va), String(vb));
    return sign * c || tie(a, b);
  });
}

/** «por nombre, de la A a la Z». */
export const saidOrder = ({ column, dir }: Order<OrderColumn<never>>): string => column.said[dir === 'asc' ? 0 : 1];

/** The caption's note of the order shown. */
export const orderNoteText = (order: Order<OrderColumn<never>>): string => ` Ordenados ${saidOrder(order)}; los encabezados cambian el orden.`;

/**
 * A press on column `c`'s header with `shown` in use: the address's next query (the same column turns round,
 * another starts in its first direction). `redraw` draws the table in that order (the page sets the address);
 * then the focus comes back to the header pressed, and the new order is said.
 */
export function pressOrder<C extends OrderColumn<never>>(q: URLSearchParams, c: C, shown: Order<C>, columns: readonly C[], redraw: (next: URLSearchParams) => void): void {
  const next = new URLSearchParams(q);
  next.set('orden', c.key);
  next.set('dir', shown.column === c ? (shown.dir === 'asc' ? 'desc' : 'asc') : c.first);
  redraw(next);
  document.getElementById(`orden-${c.key}`)?.focus();
  announce(`Implementadores ordenados ${saidOrder(orderAsked(columns, next))}.`);
}
