/**
 * A process's budget (`planning.budget`) on its page. EDCA-MX publishers often give no total, only the breakdown
 * (the budget breakdown extension: each item's amount, source and budget lines — the claves presupuestarias with
 * their partida), and the page said «Presupuesto: Sin dato» with the items nowhere. So the items are listed, and
 * without a total the budget is their sum, said to be one — only when every item has an amount and all are in the
 * same currency: a sum missing an item, or adding pesos to dollars, would publish a figure nobody gave.
 */
import { h } from '../dom';
import { arr, num, obj, str } from '../data/read';
import type { Json } from '../data/types';
import { dataTable } from '../components/table';
import { date, moneyIn, NO_DATA } from './common';
import { BUDGET_MOMENTS, budgetMomentTitle } from '../labels';

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

/** A code as published (a component's, a measure's id): text, or a number. */
const codeOf = (v: unknown): string | undefined => str(v) ?? (num(v) !== undefined ? String(v) : undefined);

/**
 * A budget line as the reader knows it: its id, else the clave presupuestaria its components' codes make (in level
 * order), and its partida (the object of expenditure, `spendingObject`) when a component names it.
 */
function lineText(line: Json): string {
  const components = objects(line.components).sort((a, b) => (num(a.level) ?? 0) - (num(b.level) ?? 0));
  const codes = components.map((c) => codeOf(c.code)).filter((c): c is string => !!c);
  const key = str(line.id) ?? (codes.length ? codes.join('-') : NO_DATA);
  const partida = components.find((c) => c.name === 'spendingObject');
  const partidaCode = codeOf(partida?.code);
  return partidaCode ? `${key} (partida ${partidaCode}${str(partida?.description) ? `: ${String(partida?.description)}` : ''})` : key;
}

/** A budget line's amount at an accounting stage (its `measures` entry of that id), or undefined. */
function measureOf(line: Json, stage: string): Json | undefined {
  return objects(line.measures).find((m) => codeOf(m.id) === stage);
}

/**
 * An item's amount at an accounting stage: its budget line's; with several lines, each by its clave (never summed:
 * lines may mix currencies, or leave a stage out).
 */
function stageCell(lines: Json[], stage: string): HTMLElement | string {
  const given = lines.map((l) => ({ line: l, value: obj(measureOf(l, stage)?.value) })).filter((x) => num(x.value?.amount) !== undefined);
  if (!given.length) return NO_DATA;
  const money = (v: Json | undefined): string => moneyIn(num(v?.amount), str(v?.currency));
  if (lines.length === 1) return money(given[0].value);
  return h('ul', { class: 'budget-lines' }, given.map((x) => h('li', null, `${lineText(x.line)}: ${money(x.value)}`)));
}

/**
 * The breakdown's items, with the accounting stages (momentos contables: aprobado, modificado, comprometido,
 * devengado, ejercido, pagado…) their budget lines give, one column each under its Spanish name, in the list's
 * order: only the stages some line gives (a code off the list last, as it is).
 */
export function breakdownTable(items: Json[]): HTMLElement {
  const given = new Set(items.flatMap((b) => objects(b.budgetLines)).flatMap((l) => objects(l.measures)).map((m) => codeOf(m.id)).filter((id): id is string => !!id));
  const stages = [...BUDGET_MOMENTS.filter((c) => given.has(c)), ...[...given].filter((c) => !BUDGET_MOMENTS.includes(c))];
  return dataTable(`Desglose del presupuesto${stages.length ? ', con los momentos contables de sus claves presupuestarias' : ''}. Cifras en MXN salvo otra moneda indicada.`,
    [{ title: 'Concepto' }, { title: 'Fuente' }, { title: 'Periodo' }, { title: 'Claves presupuestarias' }, { title: 'Monto', numeric: true },
      ...stages.map((c) => ({ title: budgetMomentTitle(c), numeric: true }))],
    items.map((b) => {
      const period = obj(b.period);
      const lines = objects(b.budgetLines);
      return [
        str(b.description) ?? str(b.id) ?? NO_DATA,
        str(obj(b.sourceParty)?.name) ?? NO_DATA,
        period ? `${date(str(period.startDate))} a ${date(str(period.endDate))}` : NO_DATA,
        lines.length ? h('ul', { class: 'budget-lines' }, lines.map((l) => h('li', null, lineText(l)))) : NO_DATA,
        moneyIn(num(obj(b.amount)?.amount), str(obj(b.amount)?.currency)),
        ...stages.map((c) => stageCell(lines, c)),
      ];
    }), { id: 'tabla-partidas' });
}
