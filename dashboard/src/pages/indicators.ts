/**
 * *Indicadores*: the published aggregates of the selection (header filters) as charts, each followed by its data
 * table and a CSV of it: projects by stage and sector, budget by stage, projects completed by year, processes by
 * stage, amounts and counts by procurement method, competition, and budget → contracted → paid.
 */
import { figuresOf } from '../../../core/stats/figures';
import { h } from '../dom';
import { barChart, type Bar } from '../components/bar-chart';
import { dataTable } from '../components/table';
import { csvButton } from '../components/download';
import { methodKey, PLANNED_METHOD } from '../../../core/stats/figures';
import { COMPETITION_TITLES, STAGE_TITLES, methodTitle, sectorTitle, stageTitle, statusTitle } from '../labels';
import { count, heading, moneyOrOther, NOT_CONTRACTED, otherCurrencyNote, paidOfInclTaxNote, percent, withTaxNote, yearRule, type Page } from './common';

/** Project stages of a work already built (OC4IDS projectStatus): concluded, in operation or being retired. */
const BUILT = new Set(['completion', 'maintenance', 'decommissioning', 'decommissioned']);

const byCount = (m: Record<string, number>, title: (k: string) => string): { label: string; value: number; display: string }[] =>
  Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, n]) => ({ label: title(k), value: n, display: count(n) }));

export const indicatorsPage: Page = {
  title: 'Indicadores',
  render: ({ sel, filters }) => {
    const f = figuresOf(sel.processes, sel.projects);
    const paidNote = paidOfInclTaxNote(sel.processes);
    const methods = Object.entries(f.byProcurementMethod).sort((a, b) => b[1].amountMxn - a[1].amountMxn);
    const budgetByStatus = new Map<string, number>();
    for (const p of sel.projects) budgetByStatus.set(p.status, (budgetByStatus.get(p.status) ?? 0) + (p.budget ?? 0));
    // A sum over nothing published is «Sin dato», not $0.00, as on Inicio (the Glosario: no data is not zero): the
    // processes of a method none of which has a contract yet, the projects of a stage none of which has a budget.
    const budgeted = new Set(sel.projects.filter((p) => p.budget !== undefined).map((p) => p.status));
    const contractedBy = new Set(sel.processes.filter((p) => p.contracted !== undefined).map(methodKey));
    // A method whose processes are all in another currency says so (as Contrataciones does), not «Sin dato».
    const otherBy = new Set(sel.processes.filter((p) => p.contracted === undefined && p.otherCurrency).map(methodKey));
    const sum = (label: string, value: number, published: boolean, other = false): Bar => ({ label, value: published ? value : 0, display: moneyOrOther(published ? value : undefined, other), missing: !published });
    // Projects by year of start: completed ones against the rest (the national visualizer's "proyectos construidos").
    const years = new Map<number, { done: number; all: number }>();
    for (const p of sel.projects) {
      if (p.startYear === undefined) continue;
      const y = years.get(p.startYear) ?? { done: 0, all: 0 };
      y.all++;
      if (BUILT.has(p.status)) y.done++;
      years.set(p.startYear, y);
    }
    const noYear = sel.projects.filter((p) => p.startYear === undefined).length;
    const yearRows = [...years.entries()].sort((a, b) => a[0] - b[0]);
    const stages = new Map<string, number>();
    for (const r of sel.processes) stages.set(r.stage ?? 'sin-dato', (stages.get(r.stage ?? 'sin-dato') ?? 0) + 1);
    const stageOrder = Object.keys(STAGE_TITLES);
    return h('div', null,
      // What the sums leave out is said, as on Inicio: «Pagado» left a contract's dollar payments out unsaid.
      ...heading('Indicadores', ['Cifras en pesos mexicanos (MXN) de la selección del encabezado.', otherCurrencyNote(f.otherCurrencyAmounts), 'Cada gráfica va seguida de su tabla de datos y se puede descargar en CSV.'].filter(Boolean).join(' ')),
      yearRule(filters) ? h('p', { class: 'note', id: 'nota-anio' }, yearRule(filters)) : null,
      // Amounts published only with VAT are in «Contratado» and «Monto contratado por método»: said, as on Inicio.
      f.processesWithTax ? h('p', { class: 'note', id: 'nota-iva' }, withTaxNote(f.contractedWithTaxMxn, f.processesWithTax)) : null,
      paidNote ? h('p', { class: 'note', id: 'nota-pagado-con-iva' }, paidNote) : null,
      barChart('Proyectos por etapa', byCount(f.byProjectStatus, statusTitle), 'Proyectos', { id: 'ind-etapa', csv: 'proyectos-por-etapa' }),
      barChart('Presupuesto de los proyectos según su etapa', [...budgetByStatus.entries()].sort((a, b) => b[1] - a[1]).map(([s, v]) => sum(statusTitle(s), Math.round(v * 100) / 100, budgeted.has(s))), 'Presupuesto (MXN)', { id: 'ind-presupuesto-etapa', csv: 'presupuesto-por-etapa' }),
      h('figure', { class: 'chart-figure', id: 'ind-construidos' },
        h('figcaption', null, h('h2', null, 'Proyectos construidos por año de inicio')),
        h('div', { class: 'bars', 'aria-hidden': 'true' }, yearRows.map(([y, v]) => {
          const bar = h('span', { class: 'bar bar-0' });
          bar.style.width = `${((v.done / Math.max(1, ...yearRows.map((r) => r[1].all))) * 100).toFixed(2)}%`;
          // None left: no rest drawn (its outline alone was a sliver).
          const rest = v.all > v.done ? h('span', { class: 'bar bar-rest' }) : null;
          if (rest) rest.style.width = `${(((v.all - v.done) / Math.max(1, ...yearRows.map((r) => r[1].all))) * 100).toFixed(2)}%`;
          return h('div', { class: 'bar-row' }, h('span', { class: 'bar-label' }, String(y)), h('span', { class: 'bar-track' }, bar, rest), h('span', { class: 'bar-value fig' }, `${count(v.done)} de ${count(v.all)} (${percent(v.done / v.all)})`));
        })),
        h('p', { class: 'note' }, 'Parte rellena de la barra: proyectos construidos (etapa de conclusión, operación y mantenimiento o retiro); parte con solo el contorno: el resto.', noYear ? ` ${count(noYear)} ${noYear === 1 ? 'proyecto no publica' : 'proyectos no publican'} su fecha de inicio.` : ''),
        dataTable('Proyectos construidos por año de inicio (tabla de datos)', [{ title: 'Año' }, { title: 'Construidos', numeric: true }, { title: 'Total', numeric: true }, { title: 'Porcentaje', numeric: true }],
          yearRows.map(([y, v]) => [String(y), count(v.done), count(v.all), percent(v.done / v.all)])),
        csvButton('proyectos-construidos-por-anio', ['anio', 'construidos', 'total'], () => yearRows.map(([y, v]) => [y, v.done, v.all]), 'Descargar CSV', 'Descargar CSV: Proyectos construidos por año de inicio')),
      barChart('Procesos de contratación según su etapa', [...stages.entries()].sort((a, b) => stageOrder.indexOf(a[0]) - stageOrder.indexOf(b[0])).map(([s, n]) => ({ label: stageTitle(s === 'sin-dato' ? undefined : s), value: n, display: count(n) })), 'Procesos', { id: 'ind-procesos-etapa', csv: 'procesos-por-etapa' }),
      barChart('Proyectos por sector', byCount(f.bySector, sectorTitle), 'Proyectos', { id: 'ind-sector', csv: 'proyectos-por-sector' }),
      barChart('Monto contratado por método de contratación', methods.map(([m, v]) => (m === PLANNED_METHOD ? { label: methodTitle(m), value: 0, display: NOT_CONTRACTED } : sum(methodTitle(m), v.amountMxn, contractedBy.has(m), otherBy.has(m)))), 'Monto (MXN)', { id: 'ind-metodo-monto', csv: 'monto-por-metodo' }),
      barChart('Procesos por método de contratación', methods.map(([m, v]) => ({ label: methodTitle(m), value: v.count, display: count(v.count) })), 'Procesos', { id: 'ind-metodo-procesos', csv: 'procesos-por-metodo' }),
      barChart('Procesos por competencia', Object.entries(f.competition).map(([b, n]) => ({ label: COMPETITION_TITLES[b] ?? b, value: n, display: count(n) })), 'Procesos', { id: 'ind-competencia', csv: 'procesos-por-competencia' }),
      barChart('Presupuesto, contratado y pagado', [
        sum('Presupuesto de los proyectos', f.budgetMxn, budgeted.size > 0),
        sum('Contratado', f.contractedMxn, contractedBy.size > 0),
        sum('Pagado', f.paidMxn, sel.processes.some((p) => p.paid !== undefined)),
      ], 'Monto (MXN)', { id: 'ind-montos', csv: 'presupuesto-contratado-pagado' }));
  },
};
