/** *Contratistas* / *Contratista*: who was contracted and paid, where they are, for which institutions and projects. */
import { announce, h, route } from '../dom';
import { addPresent, contractSuppliers, supplierKey, supplierTotals, type SupplierTotal } from '../data/suppliers';
import { institutionKey } from '../data/institutions';
import { dataTable } from '../components/table';
import { inColumnOrder, orderOf, orderPressed, orderSaid, type ShownOrder, type ValueColumn } from '../components/column-order';
import { kpis } from '../components/kpis';
import { csvButton } from '../components/download';
import { COMPETITION_TITLES, methodTitle, stageTitle, partyKey, partyIdLine } from '../labels';
import { count, filteredNote, heading, money, moneyKpi, NO_DATA, type Page } from './common';

/** The table's columns and what each orders by (`?orden=&dir=`, as on Proyectos). */
const COLS: ValueColumn<SupplierTotal>[] = [
  { key: 'contratista', title: 'Contratista', value: (t) => t.name },
  { key: 'clave', title: 'RFC / clave', value: (t) => { const k = partyKey(t); return k === NO_DATA ? undefined : k; } },
  { key: 'localidad', title: 'Localidad', value: (t) => t.locality },
  { key: 'contratos', title: 'Contratos', numeric: true, value: (t) => t.contracts },
  { key: 'contratado', title: 'Monto contratado', numeric: true, value: (t) => t.amount },
  { key: 'pagado', title: 'Monto pagado', numeric: true, value: (t) => t.paid },
  { key: 'implementadores', title: 'Implementadores', value: (t) => t.publishers.join('; ') },
];
/** As the list opens: the largest amount contracted first (supplierTotals). */
const BY_AMOUNT: ShownOrder = { key: 'contratado', dir: 'desc' };

export const suppliersPage: Page = {
  title: 'Contratistas',
  render: ({ ds, sel, query, setQuery }) => {
    const all = supplierTotals(sel.processes);
    let q = new URLSearchParams(query);
    let totals: SupplierTotal[] = [];
    // Drawn again in place when the order changes; the focus comes back to the title pressed, as on Proyectos.
    const results = h('div', { id: 'resultados' });
    const draw = (): void => {
      const shown = orderOf(COLS, q, BY_AMOUNT);
      totals = inColumnOrder(all, COLS, shown);
      const press = (key: string): void => { q = orderPressed(q, key, shown); setQuery(q); draw(); document.getElementById(`orden-${key}`)?.focus(); announce(orderSaid('Contratistas', COLS, orderOf(COLS, q, BY_AMOUNT))); };
      results.replaceChildren(dataTable('Contratistas. Cifras en MXN. Use los encabezados para ordenar.', COLS,
        totals.map((t) => [h('a', { href: route('contratista', t.key) }, t.name), partyKey(t), t.locality ?? NO_DATA, count(t.contracts), money(t.amount), money(t.paid), t.publishers.join('; ')]), { id: 'tabla-contratistas', order: { shown, press } }));
    };
    draw();
    return h('div', null,
      ...heading('Contratistas', 'Personas y empresas a las que se adjudicaron contratos. Un contrato con varios contratistas cuenta completo para cada uno. Cifras en pesos mexicanos (MXN): un contrato en otra moneda o cancelado cuenta entre sus contratos, pero no se suma a su monto.'),
      filteredNote(all.length, sel.processes === ds.processes ? all.length : supplierTotals(ds.processes).length, 'contratista', 'contratistas'),
      // The RFC (or another register's clave) as the table's «RFC / clave» shows it: the party's `id` is the document's
      // own key — «MX-RFC-…», or a hash in real publications — which a journalist could not match with any register.
      csvButton('contratistas', ['rfc_o_clave', 'contratista', 'localidad', 'contratos', 'procesos', 'contratado_mxn', 'pagado_mxn', 'implementadores'],
        () => totals.map((t) => { const k = partyKey(t); return [k === NO_DATA ? undefined : k, t.name, t.locality, t.contracts, t.processes, t.amount, t.paid, t.publishers.join('; ')]; })),
      results);
  },
};

export const supplierPage: Page = {
  title: 'Contratista',
  render: ({ ds, params }) => {
    const key = params[0] ?? '';
    const processes = ds.processes;
    const t = supplierTotals(processes).find((s) => s.key === key);
    if (!t) return h('div', null, ...heading('Contratista no encontrado', `No hay contratos publicados con «${key}».`), h('a', { href: route('contratistas') }, 'Ver todos los contratistas'));
    type Process = (typeof processes)[number];
    const ofKey = (p: Process, k: Process['contracts'][number]): boolean => contractSuppliers(p, k).some((s) => supplierKey(s) === key);
    // Its processes: those with a contract of its, and those it was awarded whose contract is not published yet
    // (as supplierTotals counts them), each with what its own contracts say — nothing yet for an award alone.
    const mine = processes.filter((p) => p.contracts.some((k) => ofKey(p, k)) || p.suppliers.some((s) => supplierKey(s) === key));
    const own = (p: Process): { value?: number; paid?: number } => p.contracts.filter((k) => ofKey(p, k)).reduce<{ value?: number; paid?: number }>((n, k) => ({ value: addPresent(n.value, k.value), paid: addPresent(n.paid, k.paid) }), {});
    const institutions = new Map<string, { name: string; n: number; amount?: number }>();
    for (const p of mine) {
      if (!p.buyer) continue;
      const k = institutionKey(p.buyer);
      const e = institutions.get(k) ?? { name: p.buyer.name, n: 0 };
      e.n++;
      e.amount = addPresent(e.amount, own(p).value);
      institutions.set(k, e);
    }
    const projectIds = [...new Set(mine.flatMap((p) => p.projectIds))];
    const projects = projectIds.map((id) => ds.projects.find((p) => p.id === id)).filter((p): p is NonNullable<typeof p> => !!p);
    return h('div', null,
      ...heading(t.name, partyIdLine(t)),
      kpis([
        { label: 'Localidad', text: t.locality ?? NO_DATA },
        { label: 'Contratos', value: count(t.contracts) },
        { label: 'Procesos', value: count(t.processes) },
        moneyKpi('Monto de sus contratos', t.amount),
        moneyKpi('Monto pagado', t.paid),
      ], 'kpis-contratista'),
      dataTable('Procesos de este contratista. Cifras en MXN.', [{ title: 'Proceso' }, { title: 'Institución' }, { title: 'Etapa' }, { title: 'Método' }, { title: 'Competencia' }, { title: 'Monto de sus contratos', numeric: true }, { title: 'Pagado', numeric: true }],
        mine.map((p) => [
          h('a', { href: route('contratacion', p.ocid) }, p.title), p.buyer?.name ?? p.publisherName, stageTitle(p.stage), methodTitle(p.method), COMPETITION_TITLES[p.band],
          money(own(p).value), money(own(p).paid)]), { id: 'tabla-contratista' }),
      csvButton(`contratista-${t.id || 'sin-clave'}`, ['ocid', 'proceso', 'institucion', 'etapa', 'metodo', 'contratado_mxn', 'pagado_mxn', 'proyectos'],
        () => mine.map((p) => [p.ocid, p.title, p.buyer?.name, stageTitle(p.stage), methodTitle(p.method), own(p).value, own(p).paid, p.projectIds.join('; ')])),
      dataTable('Instituciones con las que trabaja. Cifras en MXN.', [{ title: 'Institución' }, { title: 'Procesos', numeric: true }, { title: 'Monto de sus contratos', numeric: true }],
        [...institutions.entries()].map(([k, e]) => [h('a', { href: route('institucion', k) }, e.name), count(e.n), money(e.amount)]), { id: 'tabla-contratista-instituciones', empty: 'Sin instituciones publicadas en sus contrataciones.' }),
      dataTable('Proyectos en los que participa', [{ title: 'Proyecto' }, { title: 'Implementador' }, { title: 'Presupuesto', numeric: true }],
        projects.map((p) => [h('a', { href: route('proyecto', p.id) }, p.title), p.publisherName, money(p.budget)]), { id: 'tabla-contratista-proyectos', empty: 'Sin proyectos publicados ligados a sus contrataciones.' }));
  },
};
