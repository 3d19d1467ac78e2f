/** Download buttons for a list: CSV (formula-safe, see data/csv.ts) and JSON of the same table, built in the browser. */
import { announce, h } from '../dom';
import { toCsv, type Cell } from '../data/csv';
import { tableJson } from '../data/table-json';
import type { PublisherInfo } from '../data/types';
import { publishedCount } from '../../../core/packages/bulk-contents';

function save(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  // The browser's own notice of a download is not read out: through the page's live region a screen reader hears it.
  announce(`Archivo descargado: ${name}.`);
}

/** A CSV of rows gathered outside a button's click (read from the server first): saved as `<base>.csv`. */
export function saveCsv(base: string, header: string[], rows: Cell[][]): void {
  save(`${base}.csv`, 'text/csv;charset=utf-8', toCsv(header, rows));
}

/** `name`: what a screen reader hears when the page has several of these (it starts with the visible label, WCAG 2.5.3). */
export function csvButton(base: string, header: string[], rows: () => Cell[][], label = 'Descargar CSV', name?: string): HTMLElement {
  return h('button', { type: 'button', class: 'download-csv', 'aria-label': name, onclick: () => save(`${base}.csv`, 'text/csv;charset=utf-8', toCsv(header, rows())) }, label);
}

/**
 * The list's table as CSV and as JSON (the same columns, data/table-json.ts), and where the data of the standards
 * is: a journalist given a «JSON» beside an open-data list takes it for OC4IDS/OCDS. `standard`: the link to the
 * standard data of the same selection, as near as the API can filter it.
 */
export function downloadButtons(base: string, header: string[], rows: () => Cell[][], standard: Node): HTMLElement {
  return h('div', { class: 'downloads-block' },
    h('div', { class: 'downloads' },
      csvButton(base, header, rows),
      h('button', { type: 'button', class: 'download-json', onclick: () => save(`${base}-tabla.json`, 'application/json', `${JSON.stringify(tableJson(header, rows()), null, 2)}\n`) }, 'Descargar JSON de la tabla')),
    h('p', { class: 'download-note' }, 'Los dos archivos son la tabla de esta página, con sus columnas y los filtros elegidos; no son datos de los estándares. ', standard));
}

const STANDARD = { projects: 'los proyectos en EDCAPI (OC4IDS)', records: 'los procesos en EDCA-MX (OCDS)' } as const;
/** The same, as what an implementer has not published. */
const NONE: Record<keyof typeof STANDARD, string> = { projects: 'proyectos en EDCAPI (OC4IDS)', records: 'procesos en EDCA-MX (OCDS)' };

/**
 * Where the standard data of a list is. The API filters by implementer only: with one chosen, its file (all its
 * data, whatever the other filters); otherwise *Descargas y API*, whose table follows the header's filters.
 */
export function standardData(kind: keyof typeof STANDARD, publisher: Pick<PublisherInfo, 'id' | 'name' | 'currentPublication'> | undefined): Node {
  const descargas = h('a', { href: '#/descargas' }, 'Descargas y API');
  if (!publisher) return h('span', { class: 'standard-data' }, `Los datos publicados, ${STANDARD[kind]}, por implementador o de todos: `, descargas, '.');
  // A file of nothing is not written: its address answers 404 (core/packages/bulk-contents.ts).
  if (!publishedCount(kind, [publisher.currentPublication?.counts])) return h('span', { class: 'standard-data' }, `${publisher.name} no ha publicado ${NONE[kind]}; lo que publica cada implementador está en `, descargas, '.');
  return h('span', { class: 'standard-data' }, `Los datos publicados de ${publisher.name}, ${STANDARD[kind]}: `,
    h('a', { href: `/api/bulk/${kind}.json?publisher=${encodeURIComponent(publisher.id)}` }, `${kind}.json`), ' (todos, sin los demás filtros); otros formatos en ', descargas, '.');
}
