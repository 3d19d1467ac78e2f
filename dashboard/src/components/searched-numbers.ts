/**
 * «Número buscado: …» under a row found by a procedure's or contract's number: a journalist who searched «A-014/2016»
 * saw a row titled otherwise, its ocid (or a project's id) without that number, and could not tell why it was there.
 * One place for Contrataciones (a process's numbers) and Proyectos (its processes' numbers).
 */
import { h, type Child } from '../dom';
import { fold, searchWords, type Filters } from '../data/filters';

/** The numbers that have every word of the header's search (as the search itself matches them, data/filters.ts). */
export function searchedNumbers(numbers: readonly string[] | undefined, f: Filters): string[] {
  const words = f.q ? searchWords(f.q) : [];
  return words.length && numbers ? [...new Set(numbers)].filter((n) => words.every((w) => fold(n).includes(w))) : [];
}

/** Each searched number on its own line, after what the cell already shows. */
export function searchedNumberNotes(numbers: readonly string[] | undefined, f: Filters): Child[] {
  return searchedNumbers(numbers, f).map((n) => [h('br'), h('small', { class: 'code searched-number' }, `Número buscado: ${n}`)]);
}
