/**
 * A process's budget (`planning.budget`) on its page. EDCA-MX publishers often give no total, only the breakdown
 * (the budget breakdown extension: each item's amount, source and budget lines — the claves presupuestarias with
 * their partida), and the page said «Presupuesto: Sin dato» with the items nowhere. So the items are listed, and
 * without a total the budget is their sum, said to be one — only when every item has an amount and all are in the
 * same currency: a sum missing an item, or adding pesos to dollars, would publish a figure nobody gave. Under each
 * clave, its momentos contables (aprobado, modificado, comprometido, devengado, ejercido, pagado), as captured.
 */
import { h } from '../dom';
import { arr, num, obj, str } from '../data/read';
import type { Json } from '../data/types';
import { dataTable } from '../components/table';
import { budgetMomentTitle } from '../labels';
import { date, moneyIn, NO_DATA } from './common';

const objects = (v: unknown): Json[] => arr(v).map(obj).filter((o): o is Json => !!o);

export const breakdownItems = (budget: Json | undefined): Json[] => objects(budget?.budgetBreakdown);

/** The budget's total as published, else the sum of its breakdown (labelled), else «Sin dato». */
export function budgetTotalText(budget: Json | undefined): string {
  const total = obj(budget?.amount);
  if (num(total?.amount) !== undefined) return moneyIn(num(total?.amount), str(total?.currency));
  const amounts = breakdownItems(budget).map((b) => obj(b.amount));
  const currencies = new Set(amounts.map((a) => str(a?.currency)));
  if (!amounts.length || currencies.size !== 1 || amounts.some((a) => num(a?.amount) === undefined)) return NO_DATA;
  // In cents: 0.1 + 0.2 is not 0.3 in floating point.
  const cents = amounts.reduce((n, a) => n + Math.round((num(a?.amount) as number) * 100), 0);
  return `${moneyIn(cents / 100, [...currencies][0])} (suma del desglose)`;
}

/**
 * A budget line as the reader knows it: its id, else the clave presupuestaria its components' codes make (in level
 * order), and its partida (the object of expenditure, `spendingObject`) when a component names it.
 */
function lineText(line: Json): string {
  const components = objects(line.components).sort((a, b) => (num(a.level) ?? 0) - (num(b.level) ?? 0));
  // A component's code as published: text, or a number.
  const codeOf = (c: Json | undefined): string | undefined => str(c?.code) ?? (num(c?.code) !== undefined ? String(c?.code) : undefined);
  const codes = components.map(codeOf).filter((c): c is string => !!c);
  const key = str(line.id) ?? (codes.length ? codes.join('-') : NO_DATA);
  const partida = components.find((c) => c.name === 'spendingObject');
  const partidaCode = codeOf(partida);
  return partidaCode ? `${key} (partida ${partidaCode}${str(partida?.description) ? `: ${String(partida?.description)}` : ''})` : key;
}

/** «Aprobado: $1,190,000,000.00 (Primer trimestre de 2023)», one per published moment of the line, in its order. */
function momentsList(line: Json): HTMLElement | null {
  const moments = objects(line.measures);
  if (!moments.length) return null;
  return h('ul', { class: 'budget-moments' }, moments.map((m) => {
    const value = obj(m.value);
    const update = str(m.update);
    return h('li', null, `${str(m.id) ? budgetMomentTitle(String(m.id)) : NO_DATA}: ${moneyIn(num(value?.amount), str(value?.currency))}${update ? ` (${update})` : ''}`);
  }));
}

export function breakdownTable(items: Json[]): HTMLElement {
  return dataTable('Desglose del presupuesto. Cifras en MXN salvo otra moneda indicada.',
    [{ title: 'Concepto' }, { title: 'Fuente' }, { title: 'Periodo' }, { title: 'Claves presupuestarias' }, { title: 'Monto', numeric: true }],
    items.map((b) => {
      const period = obj(b.period);
      const lines = objects(b.budgetLines);
      return [
        str(b.description) ?? str(b.id) ?? NO_DATA,
        str(obj(b.sourceParty)?.name) ?? NO_DATA,
        period ? `${date(str(period.startDate))} a ${date(str(period.endDate))}` : NO_DATA,
        lines.length ? h('ul', { class: 'budget-lines' }, lines.map((l) => h('li', null, lineText(l), momentsList(l)))) : NO_DATA,
        moneyIn(num(obj(b.amount)?.amount), str(obj(b.amount)?.currency)),
      ];
    }), { id: 'tabla-partidas' });
}
