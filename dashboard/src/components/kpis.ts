/**
 * Headline figures as a description list (a term and its value), readable in any order; a figure never breaks
 * mid-number, a value in words (a locality, a stage) wraps like any text.
 */
import { h } from '../dom';
import { compactParts, formatMoney } from '../../../core/format/es-mx';

/**
 * A card: a figure written out (`value`: a count, «Sin dato»), kept on one line; words (`text`: a place, a stage),
 * which wrap — on one line, a long locality ran out of its card; or an amount in pesos (`amount`) that the card
 * writes to fit.
 */
export type Kpi = { label: string; value: string; hint?: string } | { label: string; text: string } | { label: string; amount: number; hint?: string };

/**
 * From a million pesos up, a card writes the amount in words, large («$161.1 mil millones»), and the exact amount
 * on the line below: written whole at card size, a state's total («$161,091,560,293.00») was wider than a card at
 * 1366 px. The figure never breaks; the scale word may go to the next line when even that does not fit.
 */
const COMPACT_FROM = 1e6;

/** `hint`: what the amount is, under it («con IVA»: a contract published only with its amount with VAT). */
function amountFigure(amount: number, hint?: string): HTMLElement {
  const said = hint ? h('span', { class: 'hint' }, hint) : null;
  if (Math.abs(amount) < COMPACT_FROM) return h('dd', null, h('span', { class: 'fig' }, formatMoney(amount)), said);
  const { figure, scale } = compactParts(amount, '$');
  return h('dd', null,
    h('span', { class: 'fig' }, figure), ' ', h('span', { class: 'scale' }, scale),
    // Read aloud after the words, the exact amount says what it is (seen, its place under the words says it).
    h('span', { class: 'hint exact' }, h('span', { class: 'sr-only' }, 'Cifra exacta: '), h('span', { class: 'fig' }, formatMoney(amount))), said);
}

export function kpis(items: Kpi[], id?: string): HTMLElement {
  return h('dl', { class: 'kpis', id }, items.map((k) => h('div', { class: 'kpi' }, h('dt', null, k.label),
    'amount' in k ? amountFigure(k.amount, k.hint) : 'text' in k ? h('dd', null, k.text)
      : h('dd', null, h('span', { class: 'fig' }, k.value), k.hint ? h('span', { class: 'hint' }, k.hint) : null))));
}
