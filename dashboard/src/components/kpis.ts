/** Headline figures as a description list (a term and its value), readable in any order; a figure never breaks mid-number. */
import { h } from '../dom';

export function kpis(items: { label: string; value: string; hint?: string }[], id?: string): HTMLElement {
  return h('dl', { class: 'kpis', id }, items.map((k) => h('div', { class: 'kpi' }, h('dt', null, k.label), h('dd', null, h('span', { class: 'fig' }, k.value), k.hint ? h('span', { class: 'hint' }, k.hint) : null))));
}
