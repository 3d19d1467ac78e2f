/** Headline figures as a description list (a term and its value), readable in any order. */
import { h } from '../dom';

export function kpis(items: { label: string; value: string; hint?: string }[], id?: string): HTMLElement {
  return h('dl', { class: 'kpis', id }, items.map((k) => h('div', { class: 'kpi' }, h('dt', null, k.label), h('dd', null, k.value, k.hint ? h('span', { class: 'hint' }, k.hint) : null))));
}
