/** Download buttons for a list: CSV (formula-safe, see data/csv.ts) and JSON, built in the browser. */
import { h } from '../dom';
import { toCsv, type Cell } from '../data/csv';

function save(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `name`: what a screen reader hears when the page has several of these (it starts with the visible label, WCAG 2.5.3). */
export function csvButton(base: string, header: string[], rows: () => Cell[][], label = 'Descargar CSV', name?: string): HTMLElement {
  return h('button', { type: 'button', class: 'download-csv', 'aria-label': name, onclick: () => save(`${base}.csv`, 'text/csv;charset=utf-8', toCsv(header, rows())) }, label);
}

export function downloadButtons(base: string, header: string[], rows: () => Cell[][], json?: () => unknown): HTMLElement {
  return h('div', { class: 'downloads' },
    csvButton(base, header, rows),
    json ? h('button', { type: 'button', onclick: () => save(`${base}.json`, 'application/json', `${JSON.stringify(json(), null, 2)}\n`) }, 'Descargar JSON') : null);
}
