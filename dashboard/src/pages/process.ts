/**
 * *Contratación*: one contracting process from its OCDS record (the compiled release) — a summary, then one
 * section per stage (planning, tender, award, contract, implementation) with its amounts, suppliers and
 * documents, a timeline of every dated event, each time it was published (process-history.ts), and its data as
 * JSON (the record) and CSV (contracts and payments).
 */
import { lowerOcidPrefix } from '../../../core/identifiers/lower-ocid-prefix';
import { withoutTrailingPunctuation } from './shared-link';
import { fold } from '../data/filters';
import { h, externalLink, route } from '../dom';
import { isRealDate, num, obj, objects, str } from '../data/read';
import { loadRecord } from '../api';
import type { Json } from '../data/types';
import { dataTable } from '../components/table';
import { prose } from '../components/prose';
import { kpis } from '../components/kpis';
import { csvButton } from '../components/download';
import { calendarDate } from '../../../core/format/es-mx';
import { supplierKey } from '../data/suppliers';
import { contractSupplierRefs } from '../../../core/stats/contract-suppliers';
import { contractMoney, contractMoneyWithTax, contractWithTax, valueWithoutTax } from '../../../core/stats/contract-with-tax';
import { citationSection } from '../components/citation';
import { today } from '../data/today';
import { institutionKey } from '../data/institutions';
import { methodTitle, processCodeTitle, stageTitle, partyKey, type PartyIds } from '../labels';
import { methodKey } from '../../../core/stats/figures';
import { count, date, heading, money, moneyIn, moneyKpi, moneyOf, NO_DATA, WITH_TAX, WITHOUT_TAX, type Page } from './common';
import type { Kpi } from '../components/kpis';
import { cents } from '../../../core/stats/publication-index';
import { publicationHistory } from './process-history';
import { milestoneEvent } from '../data/milestone-event';
import { contractTermFact } from '../data/schedule-slip';
import { breakdownItems, breakdownTable, budgetTotalText, contractClassificationTable, planningClassificationTable } from './process-budget';

const amount = (v: unknown): number | undefined => num(obj(v)?.amount);
const periodText = (p: unknown): string => { const o = obj(p); return o ? `${date(str(o.startDate))} a ${date(str(o.endDate))}` : NO_DATA; };

type CodeList = Parameters<typeof processCodeTitle>[0];
const st = (list: CodeList, v: unknown): string => { const code = str(v); return code ? processCodeTitle(list, code) : NO_DATA; };

/** The method's title, and the publisher's own wording when it says more than the title. */
function methodText(title: string, details: string | undefined): string {
  return details && !fold(title).includes(fold(details)) ? `${title}: ${details}` : title;
}

function facts(list: [string, Node | string][]): HTMLElement {
  return h('dl', { class: 'facts' }, list.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
}

function documentsTable(caption: string, docs: Json[], id: string): HTMLElement {
  return dataTable(caption, [{ title: 'Documento' }, { title: 'Tipo' }, { title: 'Publicado' }],
    docs.map((d) => [externalLink(d.url, str(d.title) ?? 'documento'), st('documentType', d.documentType), date(str(d.datePublished))]), { id });
}

/**
 * A total of the process for its card: the pesos the index adds up; without any, the sum of `values` when they are
 * all in one other currency («$148,200.00 USD», a contract in dollars) — «Sin dato» there said nothing was published.
 */
function amountKpi(label: string, mxn: number | undefined, values: unknown[], hint?: string): Kpi {
  if (mxn !== undefined) return hint ? { label, amount: mxn, hint } : moneyKpi(label, mxn);
  const present = values.map(obj).filter((v): v is Json => num(v?.amount) !== undefined);
  const currencies = new Set(present.map((v) => str(v.currency) ?? 'MXN'));
  const [currency] = currencies;
  if (!present.length || currencies.size !== 1 || currency === 'MXN') return { label, value: NO_DATA };
  return { label, value: moneyIn(cents(present.reduce((n, v) => n + (num(v.amount) ?? 0), 0)), currency) };
}

/**
 * A contract's amount, «$885,888.61 con IVA» when it is published only with VAT (contract-with-tax.ts); its `value`
 * «sin IVA», with the amount with VAT beside it, when its own `valueWithTax` shows that value is without VAT
 * (valueWithoutTax). Only here, beside the contract: the sums keep counting `value`, as published.
 */
const contractAmount = (k: Json): string => (contractWithTax(k) ? `${moneyOf(k.valueWithTax)} ${WITH_TAX}`
  : valueWithoutTax(k) ? `${moneyOf(k.value)} ${WITHOUT_TAX} (${moneyOf(k.valueWithTax)} ${WITH_TAX})` : moneyOf(k.value));

function section(id: string, title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { 'aria-labelledby': `h-${id}`, class: 'stage', id }, h('h2', { id: `h-${id}`, tabindex: '-1' }, title), ...children);
}

/**
 * The columns of a process's CSV (contracts and payments). `contratistas`: who each contract went to
 * (contract-suppliers.ts), `pagado_a` who each payment went to. `monto_contrato` holds contract values only and
 * `monto_pagado` payments only; `monto_contrato_con_iva` the amount of a contract published only with VAT
 * (`valueWithTax`, core/stats/contract-with-tax.ts), whose `monto_contrato` is empty: a column of its own, so a reader
 * summing `monto_contrato` knows what each holds, and the two add up to «Monto contratado». `monto_con_iva`: every
 * contract's amount with VAT (contractMoneyWithTax: its `valueWithTax` where published, also beside a `value`), what
 * a project's «Avance financiero» divides its payments by; it repeats the others, so it is never summed with them
 * (the note says so): without it, the amount with VAT a contract published with both was in no column. `moneda` is that of the
 * row's amount; `fecha` is the signature (contract) or payment date, aaaa-mm-dd.
 */
export const PROCESS_CSV_COLUMNS = ['tipo', 'contrato', 'titulo_contrato', 'contratistas', 'pagado_a', 'monto_contrato', 'monto_contrato_con_iva', 'monto_con_iva', 'monto_pagado', 'moneda', 'fecha', 'estado_contrato'];

/** The Licitación section of a process still at planning, without a tender. */
const NOT_TENDERED = 'Este proceso está en planeación: aún no tiene licitación. Arriba están su justificación, su presupuesto y sus documentos de planeación; los datos de la licitación aparecerán aquí cuando el implementador la publique.';

export const processPage: Page = {
  title: 'Contratación',
  render: async ({ ds, params }) => {
    const asked = params[0] ?? '';
    // An ocid as its first publisher wrote it, prefix in capitals (Ciudad de México's «OCDS-87SD3T-…»), is published
    // with the prefix in lower case (core/identifiers/lower-ocid-prefix): a reader pasting it read «no encontrada».
    const find = (ocid: string) => {
      const lowered = lowerOcidPrefix(ocid);
      return ds.processes.find((r) => r.ocid === ocid) ?? (lowered === undefined ? undefined : ds.processes.find((r) => r.ocid === lowered));
    };
    // A link shared at the end of a sentence, with its «.» (shared-link.ts).
    const trimmed = withoutTrailingPunctuation(asked);
    const row = find(asked) ?? (trimmed === undefined ? undefined : find(trimmed));
    const ocid = row?.ocid ?? asked;
    const { record, redactions } = row ? await loadRecord(ocid) : { record: undefined, redactions: [] };
    const c = obj(record?.compiledRelease);
    if (!row || !c) return h('div', null, ...heading('Contratación no encontrada', `No hay un proceso de contratación publicado con el ocid «${ocid}».`), h('a', { href: route('contrataciones') }, 'Ver todas las contrataciones'));
    const planning = obj(c.planning) ?? {};
    const budget = obj(planning.budget);
    const breakdown = breakdownItems(budget);
    const tender = obj(c.tender) ?? {};
    const awards = objects(c.awards);
    const contracts = objects(c.contracts);
    // «Monto contratado» counts contracts not cancelled (core/stats/publication-index.ts); the cancelled are named.
    const live = contracts.filter((k) => str(k.status) !== 'cancelled');
    const cancelled = contracts.filter((k) => str(k.status) === 'cancelled' && num(obj(contractMoney(k))?.amount) !== undefined);
    const tenderers = objects(tender.tenderers);
    // Still at planning with no tender at all (a work of the annual programme): its tender is not missing, it is not
    // due yet. Eight «Sin dato» and «Sin licitantes publicados» read as a publisher that left everything out.
    const unplanned = row.stage === 'planning' && c.tender === undefined;
    // The contractors loaded (their keys), worked out once the first bidder asks.
    let keys: Set<string> | undefined;
    const contractorKeys = (): Set<string> => (keys ??= new Set(ds.processes.flatMap((p) => p.suppliers.map(supplierKey))));
    // The projects that list it, and the one its release names (`planning.project.id`, OCDS project extension) when
    // published: a municipality's process naming the state's project it contracts is linked before the state lists it.
    const namedProject = str(obj(planning.project)?.id);
    const projectIds = namedProject && !row.projectIds.includes(namedProject) ? [...row.projectIds, namedProject] : row.projectIds;
    const projects = projectIds.map((id) => ds.projects.find((p) => p.id === id)).filter((p): p is NonNullable<typeof p> => !!p);
    // In the order they were made (publishers list them in any order: the INAI's 15/11, 19/12, 21/12, 19/12…); undated last.
    const paidAt = (t: Json): number => { const ms = Date.parse(str(t.date) ?? ''); return Number.isNaN(ms) ? Infinity : ms; };
    const transactions = contracts.flatMap((k) => objects(obj(k.implementation)?.transactions).map((t) => ({ contract: str(k.id) ?? '', t })))
      .sort((a, b) => paidAt(a.t) - paidAt(b.t) || 0);
    // References (tenderers, payees) name a party by id; its name and RFC are in `parties`.
    const partyById = new Map(objects(c.parties).map((x) => [str(x.id), x]));
    const named = (ref: unknown): string | undefined => str(obj(ref)?.name) ?? str(partyById.get(str(obj(ref)?.id))?.name);
    // Who a payment went to: its payee, or as OCDS 1.0 wrote it, `receiverOrganization` (an Identifier, deprecated in
    // 1.1 and still in histories brought from other systems, whose `amount` the page already reads): «Sin dato» there
    // read as a payment to nobody known, beside the contractor the record names.
    const payee = (t: Json): string | undefined => named(t.payee) ?? str(obj(t.receiverOrganization)?.legalName) ?? str(obj(t.receiverOrganization)?.name);
    const referenced = (ref: Record<string, unknown>): PartyIds => {
      const identifier = obj(partyById.get(str(ref.id))?.identifier);
      return { id: str(ref.id), identifier: str(identifier?.id), scheme: str(identifier?.scheme) };
    };
    // Each contractor linked to its page (Contratistas), by the key the index gives it.
    const supplierLinks = (refs: Json[]): (Node | string)[] | string => (refs.length
      ? refs.flatMap((s, i) => [i ? '; ' : '', h('a', { href: route('contratista', supplierKey({ ...referenced(s), id: str(s.id) ?? '', name: str(s.name) ?? '' })) }, str(s.name) ?? str(s.id) ?? '')])
      : NO_DATA);
    const events: { date: string; what: string }[] = [
      { date: str(obj(tender.tenderPeriod)?.startDate), what: 'Inicio del periodo de propuestas' },
      { date: str(obj(tender.tenderPeriod)?.endDate), what: 'Fin del periodo de propuestas' },
      { date: str(obj(tender.enquiryPeriod)?.endDate), what: 'Fin del periodo de aclaraciones' },
      ...awards.map((a) => ({ date: str(a.date), what: `Adjudicación ${str(a.id) ?? ''}`.trim() })),
      ...contracts.flatMap((k) => [
        { date: str(k.dateSigned), what: `Firma del contrato ${str(k.id) ?? ''}`.trim() },
        { date: str(obj(k.period)?.startDate), what: `Inicio del contrato ${str(k.id) ?? ''}`.trim() },
        { date: str(obj(k.period)?.endDate), what: `Fin del contrato ${str(k.id) ?? ''}`.trim() },
        ...objects(k.amendments).map((m) => ({ date: str(m.date), what: `Convenio modificatorio: ${str(m.description) ?? str(m.rationale) ?? str(m.id) ?? ''}` })),
        ...objects(obj(k.implementation)?.milestones).map(milestoneEvent).map((e) => ({ date: e.date, what: `Hito: ${e.what}` })),
      ]),
      ...transactions.map(({ t }) => ({ date: str(t.date), what: `Pago de ${moneyOf(t.value ?? t.amount)}` })),
    ].filter((e): e is { date: string; what: string } => isRealDate(e.date)).sort((a, b) => a.date.localeCompare(b.date));
    const allDocs = [...objects(planning.documents), ...objects(tender.documents), ...awards.flatMap((a) => objects(a.documents)), ...contracts.flatMap((k) => [...objects(k.documents), ...objects(obj(k.implementation)?.documents)])];
    // A contract's value and a payment each in its own column: in one «monto» column, told apart only by «tipo», a
    // reader summing it in a spreadsheet added the payments to what was contracted. Each column sums to its figure
    // above («Monto contratado», «Monto pagado»), when all is in pesos and no contract is cancelled (the note says so).
    const csvRows = (): (string | number | undefined)[][] => [
      ...contracts.map((k) => ['contrato', str(k.id), str(k.title), contractSupplierRefs(c, k).map((s) => str(s.name) ?? str(s.id) ?? '').join('; ') || undefined, undefined, contractWithTax(k) ? undefined : amount(k.value), contractWithTax(k) ? amount(k.valueWithTax) : undefined, amount(contractMoneyWithTax(k)), undefined, str(obj(contractMoney(k))?.currency), calendarDate(str(k.dateSigned)), str(k.status) ? st('contractStatus', k.status) : undefined]),
      ...transactions.map(({ contract, t }) => ['pago', contract, undefined, undefined, payee(t), undefined, undefined, undefined, amount(t.value ?? t.amount), str(obj(t.value ?? t.amount)?.currency), calendarDate(str(t.date)), undefined]),
    ];
    return h('div', null,
      ...heading(row.title, `Proceso de contratación ${ocid}`),
      // In-page anchors: main.ts moves the focus to the stage's heading and keeps the route (no new page).
      h('nav', { class: 'tabs', 'aria-label': 'Etapas del proceso' }, h('ul', null,
        ([['etapa-planeacion', 'Planeación'], ['etapa-licitacion', 'Licitación'], ['etapa-adjudicacion', 'Adjudicación'], ['etapa-contratacion', 'Contratación'], ['etapa-ejecucion', 'Ejecución'], ['cronologia', 'Cronología'], ['historial', 'Historial'], ['datos', 'Descargas']] as const)
          .map(([id, t]) => h('li', null, h('a', { href: `#${id}` }, t))))),
      kpis([
        // Read from `valueWithTax` in whole or in part (contract-with-tax.ts): said under the figure. And what its
        // contracts come to with VAT where a `value` counted is not that (CompraNet's, without VAT): only the table
        // said it, and a reader quoting the card compared an amount without VAT with payments that include it.
        amountKpi('Monto contratado', row.contracted, live.map(contractMoney), [row.contractedWithTax === undefined ? undefined
          : row.contractedWithTax === row.contracted ? WITH_TAX : `incluye ${money(row.contractedWithTax)} ${WITH_TAX}`,
        row.contractedInclTax === undefined ? undefined : `${money(row.contractedInclTax)} ${WITH_TAX}`].filter(Boolean).join('; ') || undefined),
        amountKpi('Monto pagado', row.paid, transactions.map(({ t }) => t.value ?? t.amount)),
        { label: 'Contratos', value: count(contracts.length) },
        { label: 'Licitantes', value: row.tenderers === undefined ? (unplanned ? 'Aún no' : NO_DATA) : count(row.tenderers) },
        { label: 'Etapa', text: stageTitle(row.stage) },
      ], 'kpis-proceso'),
      // What the cards leave out, so that they reconcile with the tables below.
      cancelled.length || (row.otherCurrency && (row.contracted !== undefined || row.paid !== undefined)) ? h('p', { class: 'note', id: 'nota-montos' },
        [cancelled.length ? `«Monto contratado» no suma ${cancelled.length === 1 ? 'el contrato cancelado' : `${count(cancelled.length)} contratos cancelados`} (${cancelled.map((k) => `${str(k.id) ?? 'sin clave'}: ${contractAmount(k)}`).join('; ')}).` : '',
          row.otherCurrency && (row.contracted !== undefined || row.paid !== undefined) ? 'Los montos en otra moneda no se suman a los de pesos.' : ''].filter(Boolean).join(' ')) : null,
      facts([
        ['Institución compradora', row.buyer ? h('a', { href: route('institucion', institutionKey(row.buyer)) }, row.buyer.name) : NO_DATA],
        ['Entidad contratante', str(obj(tender.procuringEntity)?.name) ?? NO_DATA],
        ['Implementador', row.publisherName],
        ['Método de contratación', methodText(methodTitle(methodKey(row)), str(tender.procurementMethodDetails))],
        // Another implementer's project (the state's, which this municipality contracts) says whose it is.
        ['Proyectos', projects.length ? h('span', null, projects.map((p, i) => [i ? '; ' : '', h('a', { href: route('proyecto', p.id) }, p.title), p.publisherId !== row.publisherId ? ` (proyecto de ${p.publisherName})` : ''])) : 'No está vinculado a un proyecto publicado'],
        ['Última actualización', date(str(c.date))],
      ]),
      section('etapa-planeacion', 'Planeación',
        facts([
          ['Justificación', prose(str(planning.rationale) ?? NO_DATA)], ['Presupuesto', budgetTotalText(budget)],
          // Without a description of the whole, the breakdown's table describes each item.
          ...(str(budget?.description) || !breakdown.length ? [['Descripción del presupuesto', str(budget?.description) ?? NO_DATA] as [string, string]] : []),
        ]),
        breakdown.length ? breakdownTable(breakdown) : null,
        planningClassificationTable(breakdown),
        objects(planning.documents).length ? documentsTable('Documentos de la planeación', objects(planning.documents), 'docs-planeacion') : h('p', null, 'Sin documentos de planeación publicados.')),
      section('etapa-licitacion', 'Licitación', unplanned ? h('p', { id: 'aun-sin-licitacion' }, NOT_TENDERED) : null,
        unplanned ? null : facts([
          ['Clave', str(tender.id) ?? NO_DATA], ['Estado', st('tenderStatus', tender.status)], ['Descripción', prose(str(tender.description) ?? NO_DATA)],
          ['Valor estimado', moneyOf(tender.value)], ['Periodo de propuestas', periodText(tender.tenderPeriod)], ['Periodo de adjudicación', periodText(tender.awardPeriod)],
          ['Criterio de adjudicación', str(tender.awardCriteriaDetails) ?? str(tender.awardCriteria) ?? NO_DATA], ['Justificación del método', prose(str(tender.procurementMethodRationale) ?? NO_DATA)],
        ]),
        // A bidder that was awarded a contract somewhere links to its contractor's page (its contracts, the bids it
        // lost): a reader looks at who lost here and wins elsewhere without searching each name.
        unplanned ? null : dataTable('Licitantes', [{ title: 'Licitante' }, { title: 'RFC / clave' }], tenderers.map((t) => {
          const key = supplierKey({ ...referenced(t), id: str(t.id) ?? '', name: named(t) ?? '' });
          return [contractorKeys().has(key) ? h('a', { href: route('contratista', key) }, named(t) ?? key) : named(t) ?? NO_DATA, partyKey(referenced(t))];
        }), { id: 'tabla-licitantes', empty: 'Sin licitantes publicados.' }),
        objects(tender.documents).length ? documentsTable('Documentos de la licitación', objects(tender.documents), 'docs-licitacion') : null),
      // The award, contract and payment tables are drawn by rows on a screen too narrow for them (stackWhenWide), as the
      // budget tables are: on a phone their amount, the last column, was off the screen, and a payment's
      // contractor ran down six lines beside it.
      section('etapa-adjudicacion', 'Adjudicación',
        // Its clave too, as the timeline names it («Adjudicación 1»: Mexico City's «ARRENDAMIENTO DE INMUEBLES»); one
        // without a title is «Sin dato» beside its clave, not the clave twice.
        dataTable('Adjudicaciones. Cifras en MXN salvo otra moneda indicada.', [{ title: 'Adjudicación' }, { title: 'Clave' }, { title: 'Estado' }, { title: 'Fecha' }, { title: 'Monto', numeric: true }, { title: 'Contratistas' }],
          awards.map((a) => [str(a.title) ?? NO_DATA, str(a.id) ?? NO_DATA, st('awardStatus', a.status), date(str(a.date)), moneyOf(a.value),
            supplierLinks(objects(a.suppliers))]), { id: 'tabla-adjudicaciones', empty: 'Sin adjudicaciones publicadas.', stack: true })),
      section('etapa-contratacion', 'Contratación',
        // Its clave too: Ejecución, its payments and the timeline name a contract by it («Contrato 1» is Mexico City's
        // «A-014/2016», «Contrato 1807002» Nuevo León's «Construcción de red de drenaje…»), and only here could a
        // reader tell which contract that is.
        // Its contractors too (those of its award, or of `parties` when the award is not published: the federal
        // CompraNet records): the page said who won only in Adjudicación, «Sin adjudicaciones publicadas» there.
        dataTable('Contratos. Cifras en MXN salvo otra moneda indicada.', [{ title: 'Contrato' }, { title: 'Clave' }, { title: 'Estado' }, { title: 'Firma' }, { title: 'Vigencia' }, { title: 'Monto', numeric: true }, { title: 'Convenios modificatorios', numeric: true }, { title: 'Contratistas' }],
          contracts.map((k) => [str(k.title) ?? NO_DATA, str(k.id) ?? NO_DATA, st('contractStatus', k.status), date(str(k.dateSigned)), periodText(k.period), contractAmount(k), count(objects(k.amendments).length), supplierLinks(contractSupplierRefs(c, k))]), { id: 'tabla-contratos', empty: 'Sin contratos publicados.', stack: true })),
      section('etapa-ejecucion', 'Ejecución',
        // A contract still carried out past its term says so (schedule-slip.ts), as a project past its planned end does.
        facts(contracts.map((k): [string, string] => {
          const term = { status: str(k.status), endDate: str(obj(k.period)?.endDate), implementationStatus: str(obj(k.implementation)?.status) };
          return [`Contrato ${str(k.id) ?? ''}`, contractTermFact(term, st('implementationStatus', obj(k.implementation)?.status), today())];
        })),
        dataTable('Pagos. Cifras en MXN salvo otra moneda indicada.', [{ title: 'Fecha' }, { title: 'Contrato' }, { title: 'Pagado a' }, { title: 'Monto', numeric: true }],
          transactions.map(({ contract, t }) => [date(str(t.date)), contract, payee(t) ?? NO_DATA, moneyOf(t.value ?? t.amount)]), { id: 'tabla-pagos', empty: 'Sin pagos publicados.', stack: true }),
        contractClassificationTable(contracts)),
      section('cronologia', 'Cronología',
        events.length ? h('ol', { class: 'timeline' }, events.map((e) => h('li', null, h('time', { datetime: e.date.slice(0, 10) }, date(e.date)), ' ', e.what))) : h('p', null, 'Sin fechas publicadas.')),
      // Each time the process was published, and what changed: the page above is only its latest state.
      section('historial', 'Historial de publicaciones',
        h('p', { class: 'note', id: 'nota-historial' }, 'Cada vez que el implementador publicó este proceso, con la fecha y lo que publicó. Esta página muestra lo último publicado; cada publicación conserva lo que decía en su momento.'),
        publicationHistory(record, redactions)),
      h('section', { 'aria-labelledby': 'h-documentos' }, h('h2', { id: 'h-documentos' }, 'Todos los documentos'),
        allDocs.length ? documentsTable('Documentos del proceso', allDocs, 'tabla-documentos') : h('p', null, 'Sin documentos publicados.')),
      section('datos', 'Descargas',
        h('ul', null, h('li', null, h('a', { href: `/api/ocds/records/${encodeURIComponent(ocid)}`, id: 'json-proceso' }, 'Registro EDCA-MX (OCDS) de este proceso, JSON'))),
        csvButton(`contratacion-${ocid}`, PROCESS_CSV_COLUMNS, csvRows, 'Descargar contratos y pagos (CSV)'),
        h('p', { class: 'download-note', id: 'nota-csv-proceso' }, 'Una fila por contrato, con sus contratistas, y una por pago. El valor de cada contrato va en «monto_contrato» (o en «monto_contrato_con_iva» si se publicó solo con IVA) y cada pago en «monto_pagado»: sume cada columna por separado. «monto_con_iva» repite el monto de cada contrato con IVA («valueWithTax» si se publicó; si no, su valor): no lo sume con las otras dos; es el que divide los pagos en el avance financiero de un proyecto. La fecha es la de firma del contrato o la del pago, en formato aaaa-mm-dd.')),
      citationSection({ publisher: row.publisherName, updated: str(c.date), title: row.title, id: ocid, standard: 'EDCA-MX (OCDS 1.1)', page: 'contratacion' }, today()));
  },
};
