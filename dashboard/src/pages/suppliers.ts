/** *Contratistas* / *Contratista*: who was contracted and paid, where they are, for which institutions and projects. */
import { announce, h, route, type Child } from '../dom';
import { addPresent, awardedTo, contractSuppliers, nameKey, supplierKey, supplierTotals, type SupplierTotal } from '../data/suppliers';
import type { ProcessRow } from '../data/rows';
import { institutionKey } from '../data/institutions';
import { dataTable } from '../components/table';
import { inColumnOrder, orderOf, orderPressed, orderSaid, type ShownOrder, type ValueColumn } from '../components/column-order';
import { kpis } from '../components/kpis';
import { csvButton } from '../components/download';
import { COMPETITION_TITLES, methodTitle, stageTitle, partyKey, partyIdLine } from '../labels';
import { count, filteredNote, heading, money, moneyKpi, NO_DATA, withTaxCountNote, withTaxMark, type Page } from './common';

/** The table's columns and what each orders by (`?orden=&dir=`, as on Proyectos). */
const COLS: ValueColumn<SupplierTotal>[] = [
  { key: 'contratista', title: 'Contratista', value: (t) => t.name },
  { key: 'clave', title: 'RFC / clave', value: (t) => { const k = partyKey(t); return k === NO_DATA ? undefined : k; } },
  { key: 'localidad', title: 'Localidad', value: (t) => t.locality },
  { key: 'contratos', title: 'Contratos', numeric: true, value: (t) => t.contracts },
  { key: 'adjudicado', title: 'Monto adjudicado', numeric: true, value: (t) => t.awarded },
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
        totals.map((t) => [h('a', { href: route('contratista', t.key) }, t.name), partyKey(t), t.locality ?? NO_DATA, count(t.contracts), money(t.awarded), money(t.amount), money(t.paid), t.publishers.join('; ')]), { id: 'tabla-contratistas', order: { shown, press } }));
    };
    draw();
    return h('div', null,
      ...heading('Contratistas', 'Personas y empresas a las que se adjudicaron contratos. Un contratista con RFC es uno solo en todos los implementadores, aunque cada uno lo publique con otra clave o escriba su nombre de otra forma. Un contrato con varios contratistas cuenta completo para cada uno. Cifras en pesos mexicanos (MXN): un contrato en otra moneda o cancelado cuenta entre sus contratos, pero no se suma a su monto. «Monto adjudicado» suma sus adjudicaciones vigentes, también las que aún no tienen contrato publicado.'),
      filteredNote(all.length, sel.processes === ds.processes ? all.length : supplierTotals(ds.processes).length, 'contratista', 'contratistas'),
      // The RFC (or another register's clave) as the table's «RFC / clave» shows it: the party's `id` is the document's
      // own key — «MX-RFC-…», or a hash in real publications — which a journalist could not match with any register.
      // Its other spellings too: a spreadsheet's reader matching names against another source finds them.
      csvButton('contratistas', ['rfc_o_clave', 'contratista', 'localidad', 'contratos', 'procesos', 'adjudicado_mxn', 'contratado_mxn', 'pagado_mxn', 'implementadores', 'otros_nombres'],
        () => totals.map((t) => { const k = partyKey(t); return [k === NO_DATA ? undefined : k, t.name, t.locality, t.contracts, t.processes, t.awarded, t.amount, t.paid, t.publishers.join('; '), t.names.slice(1).join('; ')]; })),
      results);
  },
};

/**
 * The contractor a link names: its key, or — a link written from a document, or before contractors were grouped by
 * RFC — the id (or «nombre:…») of one of the parties it groups: a process page links the award's supplier by its id.
 */
function supplierOf(totals: SupplierTotal[], processes: ProcessRow[], param: string): SupplierTotal | undefined {
  const t = totals.find((s) => s.key === param);
  if (t) return t;
  for (const p of processes) {
    const party = p.suppliers.find((s) => s.id === param || (!s.id && `nombre:${s.name}` === param));
    if (party) { const key = supplierKey(party); return totals.find((s) => s.key === key); }
  }
  return undefined;
}

/** What the contractor's figures are, in the reader's words (the list's intro says the same of its columns). */
const FIGURES_RULE = '«Monto adjudicado» suma el valor de sus adjudicaciones vigentes en pesos (MXN), también las que aún no tienen contrato publicado. «Monto de sus contratos» suma el valor de cada uno de sus contratos en pesos (MXN): no suma los cancelados ni los firmados en otra moneda, que sí cuentan entre sus contratos. «Monto pagado» suma los pagos publicados de esos contratos. El monto de un contrato es el vigente, con sus convenios modificatorios. Un contrato con varios contratistas cuenta completo para cada uno.';

export const supplierPage: Page = {
  title: 'Contratista',
  render: ({ ds, params, scope }) => {
    const param = params[0] ?? '';
    const processes = ds.processes;
    const totals = supplierTotals(processes);
    const t = supplierOf(totals, processes, param);
    // At national scale the page holds one state's data (data/scope.ts): its figures are that state's, and it says so.
    const where = scope.kind === 'state' ? ` en ${scope.state}` : scope.kind === 'publisher' ? ` con ${ds.processes[0]?.publisherName ?? 'este implementador'} (${scope.state})` : '';
    if (!t) return h('div', null, ...heading('Contratista no encontrado', `No hay contratos publicados con «${param}»${where}.`), h('a', { href: route('contratistas') }, 'Ver todos los contratistas'));
    const key = t.key;
    type Process = (typeof processes)[number];
    const ofKey = (p: Process, k: Process['contracts'][number]): boolean => contractSuppliers(p, k).some((s) => supplierKey(s) === key);
    // Its processes: those with a contract of its, and those it was awarded whose contract is not published yet
    // (as supplierTotals counts them), each with what its own contracts say — nothing yet for an award alone.
    const mine = processes.filter((p) => p.contracts.some((k) => ofKey(p, k)) || p.suppliers.some((s) => supplierKey(s) === key));
    type Own = { awarded?: number; value?: number; paid?: number; amendments: number };
    const own = (p: Process): Own => p.contracts.filter((k) => ofKey(p, k)).reduce<Own>((n, k) => ({ ...n, value: addPresent(n.value, k.value), paid: addPresent(n.paid, k.paid), amendments: n.amendments + (k.amendments ?? 0) }), { awarded: awardedTo(p, key), amendments: 0 });
    // Its processes and amounts grouped by a label (institution, implementer, method), in the order first met.
    type Group = { first: Process; n: number; awarded?: number; amount?: number; paid?: number };
    const grouped = (by: (p: Process) => string | undefined): Map<string, Group> => {
      const groups = new Map<string, Group>();
      for (const p of mine) {
        const k = by(p);
        if (k === undefined) continue;
        const e = groups.get(k) ?? { first: p, n: 0 };
        e.n++;
        const o = own(p);
        e.awarded = addPresent(e.awarded, o.awarded);
        e.amount = addPresent(e.amount, o.value);
        e.paid = addPresent(e.paid, o.paid);
        groups.set(k, e);
      }
      return groups;
    };
    const institutions = grouped((p) => (p.buyer ? institutionKey(p.buyer) : undefined));
    const implementers = grouped((p) => p.publisherId);
    const methods = grouped((p) => p.method);
    // The processes it bid in and was not awarded (a company that also loses): tenderers are public (R-26).
    const lost = processes.filter((p) => p.bidders?.includes(key) && !mine.includes(p));
    // Another contractor whose name reads the same but has another RFC or key: the reader compares them.
    const names = new Set(t.names.map(nameKey));
    const namesakes = totals.filter((s) => s.key !== key && s.names.some((n) => names.has(nameKey(n))));
    const projectIds = [...new Set(mine.flatMap((p) => p.projectIds))];
    const projects = projectIds.map((id) => ds.projects.find((p) => p.id === id)).filter((p): p is NonNullable<typeof p> => !!p);
    const suppliersCell = (p: Process): Child => (p.suppliers.length ? p.suppliers.map((s, i) => [i ? '; ' : '', h('a', { href: route('contratista', supplierKey(s)) }, s.name)]) : NO_DATA);
    return h('div', null,
      ...heading(t.name, partyIdLine(t)),
      t.names.length > 1 ? h('p', { id: 'otros-nombres' }, `También publicado como: ${t.names.slice(1).map((n) => `«${n}»`).join(', ')}.`) : null,
      namesakes.length ? h('p', { id: 'mismo-nombre' }, 'Con el mismo nombre y otro RFC o clave: ', namesakes.map((s, i) => [i ? '; ' : '', h('a', { href: route('contratista', s.key) }, `${s.name} (${partyKey(s)})`)]), '.') : null,
      kpis([
        { label: 'Localidad', text: t.locality ?? NO_DATA },
        { label: 'Contratos', value: count(t.contracts) },
        { label: 'Contratos con convenio modificatorio', value: count(t.amended) },
        { label: 'Procesos', value: count(t.processes) },
        moneyKpi('Monto adjudicado', t.awarded),
        moneyKpi('Monto de sus contratos', t.amount),
        moneyKpi('Monto pagado', t.paid),
      ], 'kpis-contratista'),
      where ? h('p', { class: 'note', id: 'alcance-contratista' }, `Solo sus contratos${where}: con tantos datos publicados, el tablero carga ${scope.kind === 'state' ? 'un estado a la vez. Para ver los de otro estado, elíjalo en «Estado».' : 'un implementador a la vez en este estado. Para ver los de otro, elíjalo en «Implementador».'}`) : null,
      h('p', { class: 'note', id: 'regla-contratista' }, FIGURES_RULE, mine.some((p) => p.contractedWithTax !== undefined) ? ` ${withTaxCountNote('Monto de sus contratos', mine.filter((p) => p.contractedWithTax !== undefined).length)}` : null),
      // Which of its contracts the amount leaves out, counted: «Sin dato» beside «Contratos: 1» read as data missing.
      t.unsummed ? h('p', { class: 'note', id: 'contratos-sin-sumar' }, `${t.unsummed === 1 ? '1 de sus contratos no se suma' : `${count(t.unsummed)} de sus contratos no se suman`} a «Monto de sus contratos»: ${t.unsummed === 1 ? 'está cancelado, en otra moneda o sin monto publicado' : 'están cancelados, en otra moneda o sin monto publicado'}. La página de cada proceso dice cuál es el caso.`) : null,
      // The institution with its state under it (and the implementer, when it is another): one column for both kept
      // the table within a laptop's width once the awarded amount and the amendments were added.
      dataTable('Procesos de este contratista. Cifras en MXN.', [{ title: 'Proceso' }, { title: 'Institución' }, { title: 'Etapa' }, { title: 'Método' }, { title: 'Competencia' }, { title: 'Convenios', numeric: true }, { title: 'Adjudicado', numeric: true }, { title: 'Monto de sus contratos', numeric: true }, { title: 'Pagado', numeric: true }],
        mine.map((p) => [
          h('a', { href: route('contratacion', p.ocid) }, p.title),
          [p.buyer?.name ?? NO_DATA, h('br'), h('small', null, p.buyer?.name === p.publisherName ? p.state : `${p.publisherName} (${p.state})`)],
          stageTitle(p.stage), methodTitle(p.method), COMPETITION_TITLES[p.band],
          count(own(p).amendments), money(own(p).awarded), `${money(own(p).value)}${own(p).value === undefined ? '' : withTaxMark(p, true)}`, money(own(p).paid)]), { id: 'tabla-contratista' }),
      csvButton(`contratista-${t.identifier ?? (t.id || 'sin-clave')}`, ['ocid', 'proceso', 'institucion', 'implementador', 'estado', 'etapa', 'metodo', 'convenios_modificatorios', 'adjudicado_mxn', 'contratado_mxn', 'pagado_mxn', 'proyectos'],
        () => mine.map((p) => [p.ocid, p.title, p.buyer?.name, p.publisherName, p.state, stageTitle(p.stage), methodTitle(p.method), own(p).amendments, own(p).awarded, own(p).value, own(p).paid, p.projectIds.join('; ')])),
      dataTable('Por implementador y estado. Cifras en MXN.', [{ title: 'Implementador' }, { title: 'Estado' }, { title: 'Procesos', numeric: true }, { title: 'Adjudicado', numeric: true }, { title: 'Monto de sus contratos', numeric: true }, { title: 'Pagado', numeric: true }],
        [...implementers.values()].map((e) => [e.first.publisherName, e.first.state, count(e.n), money(e.awarded), money(e.amount), money(e.paid)]), { id: 'tabla-contratista-implementadores' }),
      dataTable('Por método de contratación. Cifras en MXN.', [{ title: 'Método' }, { title: 'Procesos', numeric: true }, { title: 'Adjudicado', numeric: true }, { title: 'Monto de sus contratos', numeric: true }, { title: 'Pagado', numeric: true }],
        [...methods.values()].map((e) => [methodTitle(e.first.method), count(e.n), money(e.awarded), money(e.amount), money(e.paid)]), { id: 'tabla-contratista-metodos' }),
      dataTable('Instituciones con las que trabaja. Cifras en MXN.', [{ title: 'Institución' }, { title: 'Procesos', numeric: true }, { title: 'Monto de sus contratos', numeric: true }],
        [...institutions.entries()].map(([k, e]) => [h('a', { href: route('institucion', k) }, e.first.buyer?.name ?? k), count(e.n), money(e.amount)]), { id: 'tabla-contratista-instituciones', empty: 'Sin instituciones publicadas en sus contrataciones.' }),
      dataTable('Procesos en los que participó como licitante sin ser adjudicado', [{ title: 'Proceso' }, { title: 'Implementador' }, { title: 'Método' }, { title: 'Adjudicado a' }],
        lost.map((p) => [h('a', { href: route('contratacion', p.ocid) }, p.title), `${p.publisherName} (${p.state})`, methodTitle(p.method), suppliersCell(p)]), { id: 'tabla-contratista-licitaciones', empty: 'Sin otras licitaciones publicadas en las que haya participado.' }),
      dataTable('Proyectos en los que participa', [{ title: 'Proyecto' }, { title: 'Implementador' }, { title: 'Presupuesto', numeric: true }],
        projects.map((p) => [h('a', { href: route('proyecto', p.id) }, p.title), p.publisherName, money(p.budget)]), { id: 'tabla-contratista-proyectos', empty: 'Sin proyectos publicados ligados a sus contrataciones.' }));
  },
};
