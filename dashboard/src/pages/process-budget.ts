/**
 * A process's budget (`planning.budget`) on its page. EDCA-MX publishers often give no total, only the breakdown
 * (the budget breakdown extension: each item's amount, source and budget lines — the claves presupuestarias with
 * their partida), and the page said «Presupuesto: Sin dato» with the items nowhere. So the items are listed, and
 * without a total the budget is their sum, said to be one — only when every item has an amount and all are in the
 * same currency: a sum missing an item, or adding pesos to dollars, would publish a figure nobody gave. Each
 * clave's momentos contables (aprobado, modificado, comprometido, devengado, ejercido, pagado) in a column each.
 */
import { num, obj, objects, str } from '../data/read';
import type { Json } from '../data/types';
import { dataTable } from '../components/table';
import { date, moneyIn, moneyOf, NO_DATA } from './common';
import { classificationTable, classifiedLevels, lineStages, linesCell, stageCell, stageColumns } from './budget-moments';

export const breakdownItems = (budget: Json | undefined): Json[] => objects(budget?.budgetBreakdown);

/** The budget's total as published, else the sum of its breakdown (labelled), else «Sin dato». */
export function budgetTotalText(budget: Json | undefined): string {
  const total = obj(budget?.amount);
  if (num(total?.amount) !== undefined) return moneyOf(total);
  const amounts = breakdownItems(budget).map((b) => obj(b.amount));
  const currencies = new Set(amounts.map((a) => str(a?.currency)));
  if (!amounts.length || currencies.size !== 1 || amounts.some((a) => num(a?.amount) === undefined)) return NO_DATA;
  // In cents: 0.1 + 0.2 is not 0.3 in floating point.
  const cents = amounts.reduce((n, a) => n + Math.round((num(a?.amount) as number) * 100), 0);
  return `${moneyIn(cents / 100, [...currencies][0])} (suma del desglose)`;
}

/** What a breakdown item is called in a table's row: its description, else its id. */
const itemName = (b: Json): string => str(b.description) ?? str(b.id) ?? NO_DATA;

/**
 * The breakdown's items, with the accounting stages (momentos contables: aprobado, modificado, comprometido,
 * devengado, ejercido, pagado…) their budget lines give, one column each under its Spanish name, in the list's
 * order: only the stages some line gives (a code off the list last, as it is).
 */
export function breakdownTable(items: Json[]): HTMLElement {
  const stages = lineStages(items);
  return dataTable(`Desglose del presupuesto${stages.length ? ', con los momentos contables de sus claves presupuestarias' : ''}. Cifras en MXN salvo otra moneda indicada.`,
    [{ title: 'Concepto' }, { title: 'Fuente' }, { title: 'Periodo' }, { title: 'Claves presupuestarias' }, { title: 'Monto', numeric: true },
      ...stageColumns(stages)],
    items.map((b) => {
      const period = obj(b.period);
      const lines = objects(b.budgetLines);
      return [
        itemName(b),
        str(obj(b.sourceParty)?.name) ?? NO_DATA,
        period ? `${date(str(period.startDate))} a ${date(str(period.endDate))}` : NO_DATA,
        linesCell(lines),
        moneyOf(b.amount),
        ...stages.map((c) => stageCell(lines, c)),
      ];
    }), { id: 'tabla-partidas', stack: true });
}

/**
 * The levels of the breakdown's budget classification (sheets «Clasificación presupuestal» and «Momentos de la
 * clasificación»), each under its item; null when no item is classified.
 */
export function planningClassificationTable(items: Json[]): HTMLElement | null {
  const rows = classifiedLevels(items, (b) => [itemName(b)]);
  return rows.length ? classificationTable('Clasificación presupuestal del desglose', [{ title: 'Concepto' }], rows, 'tabla-clasificacion') : null;
}

/**
 * The contracts' budget by the levels of its classification and their accounting stages (sheets «Presupuesto del
 * contrato», «Clasificación del contrato», «Momentos contables del contrato»); null when no contract gives one.
 */
export function contractClassificationTable(contracts: Json[]): HTMLElement | null {
  const rows = contracts.flatMap((k) => classifiedLevels(objects(obj(k.implementation)?.budgetBreakdown), (b) => [str(k.title) ?? str(k.id) ?? NO_DATA, itemName(b)]));
  return rows.length ? classificationTable('Presupuesto de los contratos por clasificación presupuestal', [{ title: 'Contrato' }, { title: 'Concepto' }], rows, 'tabla-clasificacion-contrato') : null;
}
