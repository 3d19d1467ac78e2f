/** *Indicadores*: the published aggregates as charts, each followed by its data table. */
import { figuresOf } from '../../../core/stats/figures';
import { h } from '../dom';
import { barChart } from '../components/bar-chart';
import { COMPETITION_TITLES, methodTitle, sectorTitle, statusTitle } from '../labels';
import { count, heading, money, type Page } from './common';

const byCount = (m: Record<string, number>, title: (k: string) => string): { label: string; value: number; display: string }[] =>
  Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, n]) => ({ label: title(k), value: n, display: count(n) }));

export const indicatorsPage: Page = {
  title: 'Indicadores',
  render: ({ ds }) => {
    const f = figuresOf(ds.processes, ds.projects);
    const methods = Object.entries(f.byProcurementMethod).sort((a, b) => b[1].amountMxn - a[1].amountMxn);
    return h('div', null,
      ...heading('Indicadores', 'Cifras en pesos mexicanos (MXN). Cada gráfica va seguida de su tabla de datos.'),
      barChart('Proyectos por etapa', byCount(f.byProjectStatus, statusTitle), 'Proyectos', { id: 'ind-etapa' }),
      barChart('Proyectos por sector', byCount(f.bySector, sectorTitle), 'Proyectos', { id: 'ind-sector' }),
      barChart('Monto contratado por método de contratación', methods.map(([m, v]) => ({ label: methodTitle(m), value: v.amountMxn, display: money(v.amountMxn) })), 'Monto (MXN)', { id: 'ind-metodo-monto' }),
      barChart('Procesos por método de contratación', methods.map(([m, v]) => ({ label: methodTitle(m), value: v.count, display: count(v.count) })), 'Procesos', { id: 'ind-metodo-procesos' }),
      barChart('Procesos por competencia', Object.entries(f.competition).map(([b, n]) => ({ label: COMPETITION_TITLES[b] ?? b, value: n, display: count(n) })), 'Procesos', { id: 'ind-competencia' }),
      barChart('Presupuesto, contratado y pagado', [
        { label: 'Presupuesto de los proyectos', value: f.budgetMxn, display: money(f.budgetMxn) },
        { label: 'Contratado', value: f.contractedMxn, display: money(f.contractedMxn) },
        { label: 'Pagado', value: f.paidMxn, display: money(f.paidMxn) },
      ], 'Monto (MXN)', { id: 'ind-montos' }));
  },
};
