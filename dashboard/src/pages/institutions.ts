/**
 * *Instituciones* / *Institución*: the public institutions responsible for the projects (OC4IDS publicAuthority)
 * and buying in the processes (OCDS buyer), with their projects, processes and amounts; a treemap of contracted
 * amounts by institution.
 */
import { formatNumber } from '../../../core/format/es-mx';
import { h, route } from '../dom';
import { institutionTotals, type InstitutionTotal } from '../data/institutions';
import { dataTable } from '../components/table';
import { kpis } from '../components/kpis';
import { treemap } from '../components/treemap';
import { csvButton } from '../components/download';
import { calendarDate } from '../../../core/format/es-mx';
import { methodTitle, stageTitle, statusTitle, partyKey, partyIdLine } from '../labels';
import { methodKey } from '../../../core/stats/figures';
import { count, date, filteredNote, heading, money, moneyKpi, NO_DATA, percent, withTaxMark, withTaxNote, type Page } from './common';
import { cents } from '../../../core/stats/publication-index';
import { supplierTotals } from '../data/suppliers';

export const institutionsPage: Page = {
  title: 'Instituciones',
  render: ({ ds, sel }) => {
    const all = institutionTotals(ds.projects, ds.processes).length;
    const list = institutionTotals(sel.projects, sel.processes);
    const link = (t: InstitutionTotal): HTMLElement => h('a', { href: route('institucion', t.key) }, t.name);
    const avg = (n: number): string => (list.length ? formatNumber(n / list.length, 1) : NO_DATA);
    return h('div', null,
      ...heading('Instituciones públicas', 'Dependencias y entidades responsables de los proyectos (autoridad pública en EDCAPI) o compradoras en las contrataciones (EDCA-MX). Cifras en pesos mexicanos (MXN).'),
      filteredNote(list.length, all, 'institución', 'instituciones'),
      kpis([
        { label: 'Instituciones públicas', value: count(list.length) },
        { label: 'Promedio de proyectos por institución', value: avg(sel.projects.length) },
        { label: 'Promedio de contrataciones por institución', value: avg(list.reduce((n, t) => n + t.processes.length, 0)) },
      ], 'kpis-instituciones'),
      csvButton('instituciones', ['clave', 'institucion', 'proyectos', 'contrataciones', 'presupuesto_mxn', 'contratado_mxn', 'pagado_mxn', 'implementadores'],
        () => list.map((t) => [t.id, t.name, t.projects.length, t.processes.length, t.budget, t.contracted, t.paid, t.publishers.join('; ')])),
      dataTable('Instituciones por monto contratado. Cifras en MXN.', [{ title: 'Institución' }, { title: 'RFC / clave' }, { title: 'Proyectos', numeric: true }, { title: 'Contrataciones', numeric: true }, { title: 'Contratado', numeric: true }, { title: 'Pagado', numeric: true }],
        list.map((t) => [link(t), partyKey(t), count(t.projects.length), count(t.processes.length), money(t.contracted), money(t.paid)]),
        // data/institutions.ts counts a process for its buyer and for its project's institution: the column's sum can pass Inicio's total.
        { id: 'tabla-instituciones', note: 'Una contratación cuenta para la institución que compró y para la responsable de su proyecto, si son distintas: la columna «Contratado» puede sumar más que el «Monto contratado» de Inicio.' }),
      treemap('Distribución del monto contratado por institución', list.map((t) => ({ label: t.name, value: t.contracted ?? 0, display: money(t.contracted), href: route('institucion', t.key) })), 'Monto contratado (MXN)', { id: 'treemap-instituciones' }));
  },
};

export const institutionPage: Page = {
  title: 'Institución',
  render: ({ ds, params }) => {
    const key = params[0] ?? '';
    const t = institutionTotals(ds.projects, ds.processes).find((x) => x.key === key);
    // Its processes with amounts published only with VAT: said under its figures, marked in its table.
    const taxed = t ? t.processes.filter((r) => r.contractedWithTax !== undefined) : [];
    if (!t) return h('div', null, ...heading('Institución no encontrada', `No hay proyectos ni contrataciones publicados de «${key}».`), h('a', { href: route('instituciones') }, 'Ver todas las instituciones'));
    // Which contractors its money went to, the largest first, and each one's share of what it contracted: a reader
    // looking for concentration saw its processes one by one, and had to add each company's up by hand.
    const suppliers = supplierTotals(t.processes);
    const share = (amount: number | undefined): string => (amount === undefined || !t.contracted ? NO_DATA : percent(amount / t.contracted));
    return h('div', null,
      ...heading(t.name, partyIdLine(t)),
      kpis([
        { label: 'Proyectos', value: count(t.projects.length) },
        { label: 'Contrataciones', value: count(t.processes.length) },
        moneyKpi('Presupuesto de sus proyectos', t.budget),
        moneyKpi('Monto contratado', t.contracted),
        moneyKpi('Monto pagado', t.paid),
      ], 'kpis-institucion'),
      h('p', { class: 'note' }, 'Cifras en pesos mexicanos (MXN). Implementador: ', t.publishers.join('; ') || NO_DATA, '.',
        taxed.length ? ` ${withTaxNote(cents(taxed.reduce((n, r) => n + (r.contractedWithTax ?? 0), 0)), taxed.length)}` : null),
      dataTable('Proyectos de la institución', [{ title: 'Proyecto' }, { title: 'Etapa' }, { title: 'Presupuesto', numeric: true }, { title: 'Actualizado' }],
        t.projects.map((p) => [h('a', { href: route('proyecto', p.id) }, p.title), statusTitle(p.status), money(p.budget), date(p.updated)]), { id: 'tabla-institucion-proyectos', empty: 'Sin proyectos publicados de esta institución.' }),
      dataTable('Contrataciones de la institución', [{ title: 'Proceso' }, { title: 'Etapa' }, { title: 'Método' }, { title: 'Contratado', numeric: true }, { title: 'Pagado', numeric: true }],
        t.processes.map((r) => [h('a', { href: route('contratacion', r.ocid) }, r.title), stageTitle(r.stage), methodTitle(methodKey(r)), `${money(r.contracted)}${withTaxMark(r)}`, money(r.paid)]), { id: 'tabla-institucion-procesos', empty: 'Sin contrataciones publicadas de esta institución.' }),
      dataTable('Contratistas de la institución, por monto contratado. Cifras en MXN.', [{ title: 'Contratista' }, { title: 'RFC / clave' }, { title: 'Contratos', numeric: true }, { title: 'Monto contratado', numeric: true }, { title: 'Parte del monto contratado de la institución', numeric: true }],
        suppliers.map((x) => [h('a', { href: route('contratista', x.key) }, x.name), partyKey(x), count(x.contracts), money(x.amount), share(x.amount)]),
        { id: 'tabla-institucion-contratistas', empty: 'Sin contratistas publicados en sus contrataciones.', note: 'Un contrato con varios contratistas cuenta completo para cada uno: sus partes pueden sumar más de 100 %.' }),
      // Each amount in its own column, as the page's two tables and its figures have them: a project's budget, a
      // process's contracted and paid amounts. «monto_mxn» held budgets and contracted amounts together, and each
      // project repeated in «pagado_mxn» what its processes were paid: summed, the file gave twice «Monto pagado».
      csvButton(`institucion-${t.id || 'sin-clave'}`, ['tipo', 'clave', 'titulo', 'etapa', 'presupuesto_mxn', 'contratado_mxn', 'pagado_mxn', 'actualizado'],
        () => [...t.projects.map((p) => ['proyecto', p.id, p.title, statusTitle(p.status), p.budget, undefined, undefined, calendarDate(p.updated)]),
          ...t.processes.map((r) => ['contratación', r.ocid, r.title, stageTitle(r.stage), undefined, r.contracted, r.paid, undefined])]));
  },
};
