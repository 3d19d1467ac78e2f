/**
 * «Número buscado: …» under a row found by a procedure's or contract's number: a journalist who searched «A-014/2016»
 * saw a row titled otherwise, its ocid (or a project's id) without that number, and could not tell why it was there.
 * One place for Contrataciones (a process's numbers) and Proyectos (its processes' numbers).
 */
import { h, type Child } from '../dom';
import { hasWords, searchable, searchWords, type Filters } from '../data/filters';

/** The numbers that have every word of the header's search (as the search itself matches them, data/filters.ts). */
export function searchedNumbers(numbers: readonly string[] | undefined, f: Filters): string[] {
  const q = f.q;
  // A search of no words matches everything (hasWords): then no number was searched.
  return q && numbers && searchWords(q).length ? [...new Set(numbers)].filter((n) => hasWords(searchable(n), q)) : [];
}

/** Each searched number on its own line, after what the cell already shows. */
export function searchedNumberNotes(numbers: readonly string[] | undefined, f: Filters): Child[] {
  return searchedNumbers(numbers, f).map((n) => [h('br'), h('small', { class: 'code searched-number' }, `Número buscado: ${n}`)]);
}
