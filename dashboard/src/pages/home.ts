/**
 * *Inicio*: the map of every located project of the selection, the headline counters and the projects by stage —
 * all following the header's filters, recomputed from `/api/index` with the API's own aggregation
 * (core/stats/figures), so unfiltered they equal `/api/stats`.
 */
import { figuresOf } from '../../../core/stats/figures';
import { detailsPending, loadDataset } from '../api';
import { scopeQuery } from '../data/scope';
import { announce, h, route } from '../dom';
import { barChart } from '../components/bar-chart';
import { kpis, type Kpi } from '../components/kpis';
import { dataTable } from '../components/table';
import { projectMap } from '../map/project-map';
import { inMexico } from '../map/projection';
import { bidderCount, supplierCount } from '../data/suppliers';
import { institutionCount } from '../data/institutions';
import { statusTitle } from '../labels';
import { CONTRACTED_RULE, count, heading, moneyKpi, nothingMatched, otherCurrencyNote, paidOfInclTaxNote, plural, withTaxNote, yearRule, type Page } from './common';
import { activeFilters, matchesPublisher } from '../data/filters';

/** A money counter: the sum, or «Sin dato» when no document of the selection publishes the figure. */
function amount(label: string, sum: number, published: boolean): Kpi {
  return moneyKpi(label, published ? sum : undefined);
}

/**
 * Those whose data the selection holds, as every counter here counts published data; and, under it, how many the
 * state (or the country) has registered: a coordinator with 3 registered and none published read a bare «0
 * Implementadores» as if nobody had joined the program. As Acerca and the monthly report call them.
 */
function implementersKpi(publishing: number, registered: number): Kpi {
  return { label: 'Implementadores que publican', value: count(publishing), ...(registered > publishing ? { hint: `de ${count(registered)} ${registered === 1 ? 'registrado' : 'registrados'}` } : {}) };
}

export const homePage: Page = {
  title: 'Inicio',
  render: ({ ds, sel, filters, scope }) => {
    const fig = figuresOf(sel.processes, sel.projects);
    const paidNote = paidOfInclTaxNote(sel.processes);
    const places = new Map<string, { state: string; municipality: string; n: number; located: number }>();
    for (const p of sel.projects) {
      const key = `${p.state}|${p.municipality ?? ''}`;
      const e = places.get(key) ?? { state: p.state, municipality: p.municipality ?? 'Sin municipio publicado', n: 0, located: 0 };
      e.n++;
      // What the map draws (map/project-map.ts): coordinates published, and inside the country.
      if (p.location && inMexico(p.location[0], p.location[1])) e.located++;
      places.set(key, e);
    }
    const statesShown = new Set(sel.projects.map((p) => p.state));
    const nothing = sel.projects.length + sel.processes.length === 0 && ds.projects.length + ds.processes.length > 0;
    const NOTHING = nothingMatched(ds, filters);
    // With a search or filters on, what they leave is said to screen readers (the counters below are not read out).
    if (activeFilters(filters)) {
      announce(nothing ? NOTHING : `${plural(sel.projects.length, 'proyecto', 'proyectos')} de ${count(ds.projects.length)} y ${plural(sel.processes.length, 'contratación', 'contrataciones')} de ${count(ds.processes.length)} con la búsqueda y los filtros elegidos.`);
    }
    return h('div', null,
      ...heading('Obra pública abierta', 'Proyectos de infraestructura y sus contrataciones, publicados por los implementadores en los estándares EDCAPI (OC4IDS) y EDCA-MX (OCDS). Use la búsqueda y los filtros del encabezado: el mapa, las cifras y las gráficas los siguen.'),
      // A search or filters that match nothing say so, instead of a page of zeros.
      nothing ? h('p', { class: 'status-bad', id: 'sin-resultados' }, NOTHING) : null,
      kpis([
        { label: 'Proyectos de infraestructura', value: count(fig.projects) },
        { label: 'Contrataciones', value: count(fig.processes) },
        { label: 'Contratistas', value: count(supplierCount(sel.processes)) },
        { label: 'Licitantes', value: count(bidderCount(sel.processes)) },
        { label: 'Instituciones públicas', value: count(institutionCount(sel.projects, sel.processes)) },
        implementersKpi(sel.publisherIds.size, ds.publishers.filter((p) => matchesPublisher(filters, { state: p.state, publisherId: p.id })).length),
        // A sum over nothing published is «Sin dato», not $0.00 (the Glosario: no data is not zero).
        amount('Presupuesto total', fig.budgetMxn, sel.projects.some((p) => p.budget !== undefined)),
        amount('Monto contratado', fig.contractedMxn, sel.processes.some((p) => p.contracted !== undefined)),
        amount('Monto pagado', fig.paidMxn, sel.processes.some((p) => p.paid !== undefined)),
        amount('Valor final (proyectos concluidos)', fig.finalValueMxn, sel.projects.some((p) => p.finalValue !== undefined)),
      ], 'kpis'),
      // What each sum counts, said beside it: a reader reconciling them with the data needs the rules, not only the total.
      h('p', { class: 'note', id: 'nota-cifras' }, `Cifras en pesos mexicanos (MXN). ${otherCurrencyNote(fig.otherCurrencyAmounts)}`.trim(), ' ', CONTRACTED_RULE, fig.processesWithTax ? ` ${withTaxNote(fig.contractedWithTaxMxn, fig.processesWithTax)}` : null, paidNote ? ` ${paidNote}` : null, yearRule(filters) ? ` ${yearRule(filters)}` : null),
      h('section', { 'aria-labelledby': 'h-mapa' }, h('h2', { id: 'h-mapa' }, 'Mapa de los proyectos'),
        // Drawn from the index's core half: the markers get their projects' titles when the details are in.
        projectMap(sel.projects, filters.state ?? (statesShown.size === 1 ? [...statesShown][0] : undefined), detailsPending(ds), () => loadDataset(scopeQuery(scope))),
        // Four short columns: the table fits a phone (390 px) without scrolling sideways.
        dataTable('Proyectos por lugar (la lista del mapa)', [{ title: 'Estado' }, { title: 'Municipio' }, { title: 'Proyectos', numeric: true }, { title: 'En el mapa', numeric: true }],
          [...places.values()].sort((a, b) => b.n - a.n || a.state.localeCompare(b.state, 'es-MX')).slice(0, 50).map((e) => [e.state, e.municipality, count(e.n), count(e.located)]),
          { id: 'tabla-lugares', note: `${places.size > 50 ? `Los 50 lugares con más proyectos de ${count(places.size)}. ` : ''}«En el mapa»: los proyectos con coordenadas publicadas dentro de México; los demás no se pueden dibujar.` })),
      barChart('Proyectos por etapa', Object.entries(fig.byProjectStatus).sort((a, b) => b[1] - a[1]).map(([s, n]) => ({ label: statusTitle(s), value: n, display: count(n) })), 'Proyectos', { id: 'ind-etapa-inicio' }),
      h('p', null, h('a', { href: route('proyectos'), class: 'own-line' }, 'Ver la lista de proyectos de esta selección')),
      ds.projects.length === 0 ? h('p', null, 'Aún no hay proyectos publicados.') : null);
  },
};
