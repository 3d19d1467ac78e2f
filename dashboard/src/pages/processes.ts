/** *Contrataciones*: processes by procurement method and competition band, with their amounts. */
import { h, route } from '../dom';
import { processRows, type ProcessRow } from '../data/rows';
import { supplierKey } from '../data/suppliers';
import { barChart } from '../components/bar-chart';
import { dataTable } from '../components/table';
import { downloadButtons } from '../components/download';
import { COMPETITION_TITLES, methodTitle } from '../labels';
import { count, date, heading, money, NO_DATA, type Page } from './common';

function groupBy(rows: ProcessRow[], key: (r: ProcessRow) => string): [string, { n: number; amount: number }][] {
  const m = new Map<string, { n: number; amount: number }>();
  for (const r of rows) { const g = m.get(key(r)) ?? { n: 0, amount: 0 }; g.n++; g.amount += r.contracted ?? 0; m.set(key(r), g); }
  return [...m.entries()].sort((a, b) => b[1].amount - a[1].amount);
}

export const processesPage: Page = {
  title: 'Contrataciones',
  render: ({ ds, query, setQuery }) => {
    const all = processRows(ds);
    const results = h('div', { id: 'resultados' });
    const methodSel = h('select', { id: 'filtro-metodo' }, h('option', { value: '' }, 'Todos'), [...new Set(all.map((r) => r.method))].map((m) => h('option', { value: m, selected: query.get('metodo') === m }, methodTitle(m))));
    const bandSel = h('select', { id: 'filtro-competencia' }, h('option', { value: '' }, 'Todas'), Object.entries(COMPETITION_TITLES).map(([b, t]) => h('option', { value: b, selected: query.get('competencia') === b }, t)));
    const selected = (): ProcessRow[] => all.filter((r) => (!methodSel.value || r.method === methodSel.value) && (!bandSel.value || r.band === bandSel.value));
    const draw = (): void => {
      const rows = selected();
      results.replaceChildren(
        h('p', { role: 'status' }, `${count(rows.length)} procesos de contratación de ${count(all.length)}.`),
        barChart('Monto contratado por método (MXN)', groupBy(rows, (r) => r.method).map(([m, g]) => ({ label: methodTitle(m), value: g.amount, display: `${money(g.amount)} (${count(g.n)})` })), 'Monto contratado (número de procesos)'),
        barChart('Procesos por competencia', groupBy(rows, (r) => r.band).map(([b, g]) => ({ label: COMPETITION_TITLES[b] ?? b, value: g.n, display: count(g.n) })), 'Procesos'),
        dataTable('Procesos de contratación. Cifras en MXN.', [{ title: 'Proceso' }, { title: 'Implementador' }, { title: 'Método' }, { title: 'Licitantes', numeric: true }, { title: 'Contratado', numeric: true }, { title: 'Pagado', numeric: true }, { title: 'Contratistas' }, { title: 'Fecha' }],
          rows.map((r) => [
            h('span', null, r.projectIds[0] ? h('a', { href: route('proyecto', r.projectIds[0]) }, r.title) : r.title, h('br'), h('small', null, r.ocid)),
            r.publisherName, methodTitle(r.method), r.tenderers === undefined ? NO_DATA : count(r.tenderers), money(r.contracted), money(r.paid),
            r.suppliers.length ? r.suppliers.map((s, i) => [i ? '; ' : '', h('a', { href: route('contratista', supplierKey(s)) }, s.name)]) : NO_DATA,
            date(r.date)]), { id: 'tabla-contrataciones' }),
      );
    };
    const changed = (): void => {
      const q = new URLSearchParams();
      if (methodSel.value) q.set('metodo', methodSel.value);
      if (bandSel.value) q.set('competencia', bandSel.value);
      setQuery(q);
      draw();
    };
    methodSel.addEventListener('change', changed);
    bandSel.addEventListener('change', changed);
    draw();
    return h('div', null,
      ...heading('Contrataciones', 'Procesos de contratación publicados en EDCA-MX (OCDS): método, competencia (número de licitantes) y montos.'),
      h('form', { class: 'filters', 'aria-label': 'Filtros', onsubmit: (e: Event) => e.preventDefault() },
        h('div', { class: 'field' }, h('label', { for: 'filtro-metodo' }, 'Método de contratación'), methodSel),
        h('div', { class: 'field' }, h('label', { for: 'filtro-competencia' }, 'Competencia'), bandSel)),
      downloadButtons('contrataciones', ['ocid', 'titulo', 'implementador', 'metodo', 'licitantes', 'contratado_mxn', 'pagado_mxn', 'contratistas', 'fecha'],
        () => selected().map((r) => [r.ocid, r.title, r.publisherName, methodTitle(r.method), r.tenderers, r.contracted, r.paid, r.suppliers.map((s) => s.name).join('; '), r.date]), () => selected()),
      results);
  },
};
