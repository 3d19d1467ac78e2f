/**
 * The order of a public table kept in the address (`?orden=&dir=`), as Proyectos, Contrataciones and Contratistas
 * keep it: which column and direction the address asks for, the rows in that order, and what a press on a header
 * asks for next. Numbers compare as numbers, words as a reader sorts them (es-MX, accents and capitals aside,
 * «Mérida 2» before «Mérida 10»); a value not published («Sin dato») goes last in either direction.
 */

/** A column a table can be ordered by (its header a button: sort-header.ts). Here, not there, so that no DOM comes with it. */
export interface SortableColumn { key: string; title: string; numeric?: boolean }

export type Dir = 'asc' | 'desc';

export interface ValueColumn<R> extends SortableColumn {
  /** The value ordered by; undefined: not published. */
  value: (row: R) => string | number | undefined;
  /** Its values are dates (ISO text), said as older or more recent first. */
  date?: boolean;
}

/** The column (`key`, '' for none: the rows' own order) and direction shown. */
export interface ShownOrder { key: string; dir: Dir }

const collator = new Intl.Collator('es-MX', { numeric: true });

/** Two values ascending; undefined after any value. */
export function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

/** The order the address asks for; `fallback` when it names no column of this table. */
export function orderOf(columns: readonly SortableColumn[], q: URLSearchParams, fallback: ShownOrder): ShownOrder {
  const key = q.get('orden');
  if (!columns.some((c) => c.key === key)) return fallback;
  return { key: key as string, dir: q.get('dir') === 'desc' ? 'desc' : 'asc' };
}

/** The rows in that order; ties, and a table shown in no column's order, in the rows' own order. */
export function inColumnOrder<R>(rows: readonly R[], columns: readonly ValueColumn<R>[], order: ShownOrder): R[] {
  const col = columns.find((c) => c.key === order.key);
  if (!col) return rows.slice();
  const sign = order.dir === 'desc' ? -1 : 1;
  return rows.slice().sort((a, b) => {
    const va = col.value(a);
    const vb = col.value(b);
    return va === undefined || vb === undefined ? compareValues(va, vb) : sign * compareValues(va, vb);
  });
}

/** The address's query after a press on `key`'s header: the same column turns round, another starts ascending; back to the first page. */
export function orderPressed(q: URLSearchParams, key: string, shown: ShownOrder): URLSearchParams {
  const next = new URLSearchParams(q);
  next.set('orden', key);
  next.set('dir', shown.key === key && shown.dir === 'asc' ? 'desc' : 'asc');
  next.delete('pagina');
  return next;
}

/**
 * The order shown, in words, for the live region after a press on a header: «Proyectos ordenados por «Presupuesto
 * (MXN)», de mayor a menor.» A screen reader heard only the count again («14 proyectos.»), or nothing (Contratistas),
 * whatever the order had become; the arrow that shows it is hidden from screen readers (sort-header.ts). `rows`: what
 * the rows are, in the plural, masculine («Proyectos», «Procesos»).
 */
export function orderSaid<R>(rows: string, columns: readonly ValueColumn<R>[], order: ShownOrder): string {
  const col = columns.find((c) => c.key === order.key);
  if (!col) return `${rows} en el orden en que se publicaron.`;
  const asc = order.dir === 'asc';
  const how = col.numeric ? (asc ? 'de menor a mayor' : 'de mayor a menor')
    : col.date ? (asc ? 'del más antiguo al más reciente' : 'del más reciente al más antiguo')
      : (asc ? 'de la A a la Z' : 'de la Z a la A');
  return `${rows} ordenados por «${col.title}», ${how}.`;
}
