/** *Inicio*: headline figures for the selection, recomputed from `/api/index` with the API's own aggregation (core/stats/figures). */
import { figuresOf } from '../../../core/stats/figures';
import { h, route } from '../dom';
import { filterDataset, parseFilters } from '../data/filters';
import { barChart } from '../components/bar-chart';
import { kpis } from '../components/kpis';
import { statusTitle } from '../labels';
import { compactMoney, count, filterForm, heading, money, type Page } from './common';

export const homePage: Page = {
  title: 'Inicio',
  render: ({ ds, query, setQuery }) => {
    const results = h('div', { id: 'resultados', 'aria-live': 'polite' });
    const draw = (q: URLSearchParams): void => {
      const f = parseFilters(q);
      const sel = filterDataset(ds, f);
      const fig = figuresOf(sel.processes, sel.projects);
      results.replaceChildren(
        kpis([
          { label: 'Proyectos', value: count(fig.projects) },
          { label: 'Procesos de contratación', value: count(fig.processes) },
          { label: 'Presupuesto total', value: money(fig.budgetMxn), hint: compactMoney(fig.budgetMxn) },
          { label: 'Monto contratado', value: money(fig.contractedMxn), hint: compactMoney(fig.contractedMxn) },
          { label: 'Monto pagado', value: money(fig.paidMxn), hint: compactMoney(fig.paidMxn) },
          { label: 'Valor final (proyectos concluidos)', value: money(fig.finalValueMxn), hint: compactMoney(fig.finalValueMxn) },
          { label: 'Implementadores', value: count(sel.publisherIds.size) },
        ], 'kpis'),
        h('p', { class: 'note' }, 'Cifras en pesos mexicanos (MXN). ', fig.otherCurrencyAmounts ? `${fig.otherCurrencyAmounts} montos en otras monedas no se suman.` : null),
        barChart('Proyectos por etapa', Object.entries(fig.byProjectStatus).sort((a, b) => b[1] - a[1]).map(([s, n]) => ({ label: statusTitle(s), value: n, display: count(n) })), 'Proyectos'),
        h('p', null, h('a', { href: `${route('proyectos')}${q.toString() ? `?${q}` : ''}` }, 'Ver la lista de proyectos de esta selección')),
      );
    };
    const form = filterForm(ds, parseFilters(query), (q) => { setQuery(q); draw(q); });
    draw(query);
    return h('div', null,
      ...heading('Obra pública abierta', 'Proyectos de infraestructura y sus contrataciones, publicados por los implementadores en los estándares EDCAPI (OC4IDS) y EDCA-MX (OCDS).'),
      form, results);
  },
};
