/** *Contratistas* / *Contratista*: who was contracted, for how much, by which implementers and by which method. */
import { h, route } from '../dom';
import { contractSuppliers, supplierKey, supplierTotals } from '../data/suppliers';
import { dataTable } from '../components/table';
import { kpis } from '../components/kpis';
import { COMPETITION_TITLES, methodTitle } from '../labels';
import { count, heading, money, NO_DATA, type Page } from './common';

export const suppliersPage: Page = {
  title: 'Contratistas',
  render: ({ ds }) => {
    const totals = supplierTotals(ds.processes);
    return h('div', null,
      ...heading('Contratistas', 'Personas y empresas a las que se adjudicaron contratos. Un contrato con varios contratistas cuenta completo para cada uno.'),
      dataTable('Contratistas por monto contratado. Cifras en MXN.', [{ title: 'Contratista' }, { title: 'RFC / clave' }, { title: 'Contratos', numeric: true }, { title: 'Monto contratado', numeric: true }, { title: 'Implementadores' }],
        totals.map((t) => [h('a', { href: route('contratista', t.key) }, t.name), t.id || NO_DATA, count(t.contracts), money(t.amount), t.publishers.join('; ')]), { id: 'tabla-contratistas' }));
  },
};

export const supplierPage: Page = {
  title: 'Contratista',
  render: ({ ds, params }) => {
    const key = params[0] ?? '';
    const processes = ds.processes;
    const t = supplierTotals(processes).find((s) => s.key === key);
    if (!t) return h('div', null, ...heading('Contratista no encontrado', `No hay contratos publicados con «${key}».`), h('a', { href: route('contratistas') }, 'Ver todos los contratistas'));
    const ofKey = (p: (typeof processes)[number], k: (typeof processes)[number]['contracts'][number]): boolean => contractSuppliers(p, k).some((s) => supplierKey(s) === key);
    const mine = processes.filter((p) => p.contracts.some((k) => ofKey(p, k)));
    return h('div', null,
      ...heading(t.name, t.id ? `Clave: ${t.id}` : undefined),
      kpis([{ label: 'Contratos', value: count(t.contracts) }, { label: 'Procesos', value: count(t.processes) }, { label: 'Monto contratado', value: money(t.amount) }]),
      dataTable('Contratos de este contratista. Cifras en MXN.', [{ title: 'Proceso' }, { title: 'Implementador' }, { title: 'Método' }, { title: 'Competencia' }, { title: 'Monto de sus contratos', numeric: true }],
        mine.map((p) => [
          p.projectIds[0] ? h('a', { href: route('proyecto', p.projectIds[0]) }, p.title) : p.title, p.publisherName, methodTitle(p.method), COMPETITION_TITLES[p.band],
          money(p.contracts.filter((k) => ofKey(p, k)).reduce((n, k) => n + (k.value ?? 0), 0))]), { id: 'tabla-contratista' }));
  },
};
