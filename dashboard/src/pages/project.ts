/**
 * *Proyecto*: one project's sheet — summary, map, budget → contract → final value, progress, its contracting
 * processes with a timeline, the documents checklist by stage, the CoST IDS points it discloses and lacks, every
 * document, and links to its JSON.
 */
import { withoutTrailingPunctuation } from './shared-link';
import { h, externalLink, route } from '../dom';
import { arr, isRealDate, num, obj, objects, str } from '../data/read';
import { loadProject } from '../api';
import type { Json } from '../data/types';
import { formatDuration, formatList, formatPercent } from '../../../core/format/es-mx';
import { scheduleSlip, scheduleSlipText } from '../data/schedule-slip';
import { today } from '../data/today';
import { citationSection } from '../components/citation';
import { barChart } from '../components/bar-chart';
import { dataTable } from '../components/table';
import { prose } from '../components/prose';
import { loadOutlines, mexicoMap, type MapPoint } from '../map/mexico-map';
import { methodKey } from '../../../core/stats/figures';
import { progressMeasure } from '../../../core/stats/progress-measure';
import { computedFinancialProgress, type FinancialProgress } from '../../../core/stats/financial-progress';
import { milestoneEvent } from '../data/milestone-event';
import { classificationSchemeTitle, documentTypeTitle, methodTitle, modificationTypeTitle, processStatusTitle, projectTypeTitle, relatedProjectTitle, sectorTitle, stageTitle, statusTitle } from '../labels';
import { supplierKey } from '../data/suppliers';
import { institutionKey } from '../data/institutions';
import { projectAuthority } from '../../../core/stats/publication-index';
import { count, date, heading, money, moneyOf, moneyOrOther, NO_DATA, percent, progress, withTaxMark, withTaxNote, type Page } from './common';
import { lineStages, linesCell, stageCell, stageColumns } from './budget-moments';
import { assessCostIds, COST_IDS_STAGES, COST_IDS_STAGE_LABELS, type CostIdsAssessment, type PublishedBy } from '../../../core/stats/cost-ids';
import { ownerOf } from '../../../core/identifiers/owner-of';
import { stageBoundaryCame, stagePeriodField, type ProjectStage } from '../../../core/stats/project-stages';
import { redactionNote } from './process-history';

/** Documents a reader expects at each stage (OC4IDS documentType codes; titles come from the label files). */
const CHECKLIST: [string, string[]][] = [
  ['Identificación y preparación', ['feasibilityStudy', 'projectScope', 'environmentalImpact', 'landAndSettlementImpact', 'budgetApproval']],
  ['Ejecución', ['physicalProgressReport', 'financialProgressReport', 'contractAmendment']],
  ['Conclusión', ['completionCertificate', 'financialAuditReport', 'technicalAuditReport', 'projectEvaluation']],
];

/**
 * «Entidad responsable»: the project's public authority, or its one buyer when it publishes none, said as such
 * (core/stats/publication-index.ts projectAuthority, from OC4IDS's mapping); «Sin dato» otherwise.
 */
function responsible(project: Json): string {
  const authority = projectAuthority(project);
  if (!authority) return NO_DATA;
  return authority.from === 'buyer' ? `${authority.party.name} (compradora del proyecto; no se publicó su entidad responsable)` : authority.party.name;
}

function points(project: Json): MapPoint[] {
  return objects(project.locations).flatMap((l) => {
    const g = obj(l.geometry);
    const c = arr(g?.coordinates);
    const label = str(l.description) ?? str(obj(l.address)?.locality) ?? 'Ubicación';
    if (g?.type === 'Point' && num(c[0]) !== undefined && num(c[1]) !== undefined) return [{ lng: c[0] as number, lat: c[1] as number, label }];
    // Lines and polygons: their vertices ([lng, lat] pairs, possibly nested) drawn as points.
    const flat: number[][] = [];
    const walk = (v: unknown): void => { if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') flat.push(v as number[]); else if (Array.isArray(v)) v.forEach(walk); };
    walk(c);
    return flat.slice(0, 50).map(([lng, lat]) => ({ lng, lat, label }));
  });
}

/**
 * The project's budget breakdown, item by item; with the claves presupuestarias of its items and their accounting
 * stages (sheets «Claves presupuestarias» and «Momentos contables del proyecto», the Mexican extension's `measures`),
 * one column per stage some clave gives, only when some item has claves.
 */
function breakdownTable(breakdown: { group: string; b: Json }[]): HTMLElement {
  const items = breakdown.map(({ b }) => b);
  const withLines = items.some((b) => objects(b.budgetLines).length);
  const stages = lineStages(items);
  return dataTable(`Desglose del presupuesto (claves presupuestarias)${stages.length ? ', con sus momentos contables' : ''}. Cifras en MXN salvo otra moneda indicada.`,
    [{ title: 'Clave' }, { title: 'Concepto' }, { title: 'Grupo' }, { title: 'Fuente' }, { title: 'Aprobación' }, { title: 'Monto', numeric: true },
      ...(withLines ? [{ title: 'Claves presupuestarias' }] : []), ...stageColumns(stages)],
    breakdown.map(({ group, b }) => {
      const lines = objects(b.budgetLines);
      return [str(b.id) ?? NO_DATA, str(b.description) ?? NO_DATA, group || NO_DATA, str(obj(b.sourceParty)?.name) ?? NO_DATA, date(str(b.approvalDate)),
        moneyOf(b.amount), ...(withLines ? [linesCell(lines)] : []), ...stages.map((c) => stageCell(lines, c))];
    }), { id: 'tabla-desglose', empty: 'Sin desglose del presupuesto publicado.', stack: true });
}

/**
 * The change in es-MX, written as every share on the pages is (formatPercent): «(+131,270.2 %)» with its thousands
 * grouped, «(+10 %)» (it read «+10.0 %» beside «Calidad de datos»' «10 %»), and a change that rounds to nothing «(0 %)»,
 * not «(-0 %)» (a contract a few pesos under its budget).
 */
function delta(from: number | undefined, to: number | undefined): string {
  if (from === undefined || to === undefined || from === 0) return '';
  const shown = formatPercent((to - from) / from);
  return ` (${shown.startsWith('-') || shown === '0 %' ? '' : '+'}${shown})`;
}

/**
 * A process's «Contratado» on its project's page: what Contrataciones says of it when it is published here; else its
 * summary's contractValue, in its currency («$148,200.00 USD»), never written as pesos. An award not yet under a
 * contract with a value counts nothing here, while the package's summary (OC4IDS's mapping) gives the awards' value
 * as contractValue: the cell says both, so the page and the downloaded project reconcile.
 */
/**
 * How «Avance financiero» was calculated when the implementer publishes none, and how a reader gets it again from the
 * CSV of each process (linked in the table below): which columns to sum, and what is left out.
 */
const financialProgressNote = (f: FinancialProgress): string => `«Avance financiero» calculado: lo pagado en los procesos de este proyecto (${money(f.paid)}) entre lo que suman con IVA sus contratos (${money(f.contractedInclTax)}), en pesos. Los pagos se publican con IVA, así que se dividen entre el monto con IVA de cada contrato, no entre «Contratado», que cuenta el «value» de los contratos que publican los dos montos, a veces sin IVA. Para rehacerlo con el CSV de cada proceso: sume «monto_pagado» y divídalo entre la suma de «monto_con_iva» de los contratos no cancelados; no cuente los montos en otra moneda.`;

function contractedCell(published: { contracted?: number; contractedWithTax?: number; otherCurrency?: number } | undefined, contractValue: unknown): string {
  if (!published) return moneyOf(contractValue);
  const currency = str(obj(contractValue)?.currency);
  if (published.contracted === undefined && published.otherCurrency && currency && currency !== 'MXN') return moneyOf(contractValue);
  if (published.contracted === undefined && !published.otherCurrency && num(obj(contractValue)?.amount) !== undefined) return `Sin monto de contrato (adjudicado: ${moneyOf(contractValue)})`;
  return `${moneyOrOther(published.contracted, published.otherCurrency)}${withTaxMark(published)}`;
}

const optionalFact = (label: string, value: string | undefined): [string, string][] => (value ? [[label, value]] : []);

/**
 * «01/09/2025 a 31/08/2065» (periodText) and its length as published, in years and months with the days beside them
 * («40 años (14,600 días)»): written as «14,600 días» alone, a reader had to divide to learn it meant 40 years.
 */
function assetLifetime(life: Json | undefined): string | undefined {
  const days = num(life?.durationInDays);
  const period = periodText(life);
  if (days === undefined) return period;
  const length = formatDuration(days);
  const said = length.endsWith(' días') || length.endsWith(' día') ? length : `${length} (${count(days)} ${days === 1 ? 'día' : 'días'})`;
  return period ? `${period}; ${said}` : said;
}

/**
 * The project's stages with their dates (OC4IDS 0.9.5 `identificationPeriod` … `decommissioningPeriod`, the template's
 * «Inicio/Fin de la etapa de …» columns), in the order a project lives them; only those published.
 */
const STAGE_PERIODS: readonly [ProjectStage, string][] = [
  ['identification', 'Etapa de identificación'], ['preparation', 'Etapa de preparación'],
  ['implementation', 'Etapa de ejecución'], ['completion', 'Etapa de conclusión'],
  ['maintenance', 'Etapa de operación y mantenimiento'], ['decommissioning', 'Etapa de retiro'],
];

/** «01/07/2023 a 31/03/2024», «desde 01/04/2024» or «hasta 31/03/2024»: as much of the period as is published. */
function periodText(period: Json | undefined): string | undefined {
  const start = str(period?.startDate);
  const end = str(period?.endDate);
  const hasStart = isRealDate(start);
  const hasEnd = isRealDate(end);
  if (hasStart && hasEnd) return `${date(start)} a ${date(end)}`;
  if (hasStart) return `desde ${date(start)}`;
  return hasEnd ? `hasta ${date(end)}` : undefined;
}

/** «Objetivos de Desarrollo Sostenible (ODS): 3, Salud y bienestar». */
function classificationText(c: Json): string {
  const scheme = str(c.scheme);
  const what = [str(c.id), str(c.description)].filter(Boolean).join(', ');
  return scheme ? `${classificationSchemeTitle(scheme)}: ${what || NO_DATA}` : what;
}

/** The project's «Conclusión» explanations, by the titles of their template columns. */
const COMPLETION_DETAILS: readonly [string, string][] = [
  ['finalScope', 'Alcance final'], ['finalScopeDetails', 'Explicación del alcance final'],
  ['endDateDetails', 'Explicación de la fecha de término'], ['finalValueDetails', 'Explicación del costo final'],
];

/**
 * Where each stage starts and ends, as the project's course in time tells it: «Inicio de la etapa de ejecución». The
 * periods are the stages' planned ones (OC4IDS 0.9.5), so a date is said «(Previsto)» unless the project's status
 * says it came (core/stats/project-stages.ts, the judgement Calidad de datos reads): the start of a stage it reached,
 * the end of one it went past; and a date still to come is a plan whatever the status. A project in preparation
 * with its works planned for a date already past did not start them.
 */
function stageEvents(p: Json, now: number): { date: string; what: string }[] {
  return STAGE_PERIODS.flatMap(([stage, label]) => {
    const period = obj(p[stagePeriodField(stage)]);
    const name = label.toLowerCase();
    return ([['startDate', 'start', `Inicio de la ${name}`], ['endDate', 'end', `Fin de la ${name}`]] as const).flatMap(([key, boundary, what]) => {
      const when = str(period?.[key]);
      if (!isRealDate(when)) return [];
      return [{ date: when, what: stageBoundaryCame(p, stage, boundary) && Date.parse(when) <= now ? what : `${what} (Previsto)` }];
    });
  });
}

/**
 * The project's course in time: its own milestones («Hitos del proyecto»: its approval, commissioning…) and where its
 * stages start and end, by date. A stage's end and the next one's start on the same day keep the stages' order.
 */
function projectMilestones(p: Json, stages: { date: string; what: string }[]): { date: string; what: string }[] {
  const milestones = arr(p.milestones).map(obj).map(milestoneEvent).filter((e): e is { date: string; what: string } => isRealDate(e.date));
  return [...stages, ...milestones].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * What a modification changed, from its old and new contract value and period (OC4IDS `oldContractValue`…
 * `newContractPeriod`), where both are published: «monto de $128,406,219.37 a $141,246,841.31», «término del
 * 12/09/2025 al 12/12/2025». What a CoST assurance review reads first (cost and time overruns); the page said only
 * the modification's type.
 */
function modificationChange(m: Json | undefined): string[] {
  const out: string[] = [];
  const oldValue = obj(m?.oldContractValue);
  const newValue = obj(m?.newContractValue);
  if (num(oldValue?.amount) !== undefined && num(newValue?.amount) !== undefined) out.push(`monto de ${moneyOf(oldValue)} a ${moneyOf(newValue)}`);
  const oldPeriod = obj(m?.oldContractPeriod);
  const newPeriod = obj(m?.newContractPeriod);
  for (const [key, label] of [['startDate', 'inicio'], ['endDate', 'término']] as const) {
    const before = str(oldPeriod?.[key]);
    const after = str(newPeriod?.[key]);
    if (isRealDate(before) && isRealDate(after) && date(before) !== date(after)) out.push(`${label} del ${date(before)} al ${date(after)}`);
  }
  return out;
}

/** «Modificación del contrato (Cambio de monto): Ampliación del monto… (monto de $… a $…)»: its type's title, its description and what it changed, as published. */
function modificationText(m: Json | undefined): string {
  const type = str(m?.type);
  const description = str(m?.description);
  const change = modificationChange(m);
  return `Modificación del contrato${type ? ` (${modificationTypeTitle(type)})` : ''}${description ? `: ${description}` : ''}${change.length ? ` (${change.join('; ')})` : ''}`;
}

function timeline(summary: Json): { date: string; what: string }[] {
  const tender = obj(summary.tender);
  const period = obj(summary.contractPeriod);
  const events = [
    { date: str(tender?.datePublished), what: 'Publicación de la convocatoria' },
    { date: str(period?.startDate), what: 'Inicio del contrato' },
    ...arr(summary.milestones).map(obj).map(milestoneEvent),
    // Its contract's modifications (convenios modificatorios), which a process known only from the project's sheets
    // has nowhere else on the dashboard to be seen.
    ...arr(summary.modifications).map(obj).map((m) => ({ date: str(m?.date), what: modificationText(m) })),
    { date: str(period?.endDate), what: 'Fin del contrato' },
  ];
  return events.filter((e): e is { date: string; what: string } => isRealDate(e.date)).sort((a, b) => a.date.localeCompare(b.date));
}

export const projectPage: Page = {
  title: 'Proyecto',
  render: async ({ ds, params }) => {
    const asked = params[0] ?? '';
    // A link shared at the end of a sentence, with its «.» (shared-link.ts).
    const trimmed = withoutTrailingPunctuation(asked);
    const row = ds.projects.find((r) => r.id === asked) ?? (trimmed === undefined ? undefined : ds.projects.find((r) => r.id === trimmed));
    const id = row?.id ?? asked;
    // Only this page reads a full document: the project itself (its summaries carry what the page shows of each process).
    // The map's outlines download while the project does.
    void loadOutlines().catch(() => undefined);
    const { project: p, redactions } = row ? await loadProject(id) : { project: undefined, redactions: [] };
    if (!row || !p) return h('div', null, ...heading('Proyecto no encontrado', `No hay un proyecto publicado con la clave «${id}».`), h('a', { href: route('proyectos') }, 'Volver a la lista de proyectos'));
    const period = obj(p.period);
    const budget = obj(p.budget);
    const completion = obj(p.completion);
    const processes = ds.processes.filter((r) => r.projectIds.includes(id));
    const others = processes.filter((r) => r.publisherId !== row.publisherId);
    const summaries = objects(p.contractingProcesses);
    const inOtherCurrency = processes.filter((x) => x.otherCurrency).length;
    const taxed = row.contractedWithTax === undefined ? [] : processes.filter((x) => x.contractedWithTax !== undefined);
    const computed = computedFinancialProgress(processes);
    const docs = objects(p.documents);
    const slip = scheduleSlip(row.status, str(period?.endDate), str(completion?.endDate), today());
    // Free texts keep their paragraphs (components/prose.ts).
    const facts: [string, string | Node][] = [
      ['Clave', row.id], ['Implementador', row.publisherName], ['Entidad responsable', responsible(p)],
      ['Etapa', statusTitle(row.status)], ['Tipo', str(p.type) ? projectTypeTitle(String(p.type)) : NO_DATA], ['Sector', row.sector.map(sectorTitle).join('; ') || NO_DATA],
      ['Periodo', `${date(str(period?.startDate))} a ${date(str(period?.endDate))}`],
      // The stages' dates are told once, on «Etapas e hitos del proyecto» (under Avance), in the order they come with
      // whether each date is still a plan: repeated here as six ranges, a reader met them twice and without that word.
      ['Propósito', prose(str(p.purpose) ?? NO_DATA)], ['Descripción', prose(str(p.description) ?? NO_DATA)],
      // Where published: where the money comes from, how long the work is to serve, and the catalogues it is classified
      // in (the ODS it serves); typed in the template, they reached only the JSON.
      ...optionalFact('Descripción del presupuesto', str(budget?.description)).map(([k, v]): [string, string | Node] => [k, prose(v)]),
      ...optionalFact('Vida útil', assetLifetime(obj(p.assetLifetime))),
      ...optionalFact('Clasificaciones', objects(p.additionalClassifications).map(classificationText).filter(Boolean).join('; ') || undefined),
      ['Aprobación del presupuesto', date(str(budget?.approvalDate))], ['Fecha de terminación', date(str(completion?.endDate))],
      // How late against its plan, counted (schedule-slip.ts), and the latest date the plan allows it (a prórroga's).
      ...optionalFact('Plazo', slip && scheduleSlipText(slip)),
      ...optionalFact('Fecha límite de prórroga', isRealDate(str(period?.maxExtentDate)) ? date(str(period?.maxExtentDate)) : undefined),
      // What the official explains of how the work ended (the template's «Conclusión» columns), only where written: the
      // page showed a final value 20 % over the contract and a late end date without the reasons published with them.
      ...COMPLETION_DETAILS.flatMap(([key, label]): [string, string][] => (str(completion?.[key]) ? [[label, String(completion?.[key])]] : [])).map(([k, v]): [string, string | Node] => [k, prose(v)]),
      ['Última actualización', date(row.updated)],
    ];
    const stages = stageEvents(p, Date.now());
    const milestones = projectMilestones(p, stages);
    const breakdown = objects(budget?.budgetBreakdowns).flatMap((group) => objects(group.budgetBreakdown).map((b) => ({ group: str(group.description) ?? str(group.id) ?? '', b })));
    const observations = objects(p.metrics).filter((m) => m.id === 'physicalProgress' || m.id === 'financialProgress')
      .flatMap((m) => objects(m.observations).map((o) => ({ metric: m.id === 'physicalProgress' ? 'Físico' : 'Financiero', o })))
      .sort((a, b) => String(obj(a.o.period)?.endDate ?? '').localeCompare(String(obj(b.o.period)?.endDate ?? '')));
    const declared = objects(p.relatedProjects);
    const related = [
      // The relationship the official chose, by its title in the drop-down: every declared relation read «Relacionado
      // por el implementador», as the page looked for a code («replaces») the OC4IDS list does not have.
      ...declared.map((r) => ({ id: str(r.identifier) ?? str(r.id) ?? '', title: str(r.title), why: str(r.relationship) ? `Relación: ${relatedProjectTitle(String(r.relationship))}` : 'Relacionado por el implementador' })),
      ...ds.projects.filter((x) => x.id !== row.id && !declared.some((r) => r.identifier === x.id) && (x.ocids.some((o) => row.ocids.includes(o))))
        .map((x) => ({ id: x.id, title: x.title as string | undefined, why: 'Comparte un proceso de contratación' })),
      ...ds.projects.filter((x) => x.id !== row.id && x.publisherId === row.publisherId && x.sector.some((sc) => row.sector.includes(sc)) && !x.ocids.some((o) => row.ocids.includes(o)))
        .slice(0, 5).map((x) => ({ id: x.id, title: x.title as string | undefined, why: 'Mismo implementador y sector' })),
    ];
    const locs = arr(p.locations).map(obj);
    const map = await mexicoMap(points(p), row.state, true);
    return h('div', null,
      ...heading(row.title),
      row.authority ? h('p', { class: 'intro' }, 'Institución responsable: ', h('a', { href: route('institucion', institutionKey(row.authority)) }, row.authority.name)) : null,
      h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v)))),
      h('section', { 'aria-labelledby': 'h-ubicacion' }, h('h2', { id: 'h-ubicacion' }, 'Ubicación'),
        map,
        h('ul', { class: 'locations' }, locs.length ? locs.map((l) => {
          const a = obj(l?.address);
          return h('li', null, [str(l?.description), [str(a?.streetAddress), str(a?.locality), str(a?.region)].filter(Boolean).join(', ')].filter(Boolean).join(' — ') || NO_DATA);
        }) : h('li', null, 'Sin ubicación publicada.'))),
      h('section', { 'aria-labelledby': 'h-montos' }, h('h2', { id: 'h-montos' }, 'Presupuesto, contrato y valor final'),
        barChart('Del presupuesto al valor final (MXN)', [
          { label: 'Presupuesto', value: row.budget ?? 0, display: money(row.budget) },
          { label: 'Contratado', value: row.contracted ?? 0, display: `${money(row.contracted)}${withTaxMark(row)}${delta(row.budget, row.contracted)}` },
          { label: 'Valor final', value: row.finalValue ?? 0, display: `${money(row.finalValue)}${delta(row.contracted, row.finalValue)}` },
        ], 'Monto (MXN)', { id: 'grafica-montos', level: 3 }),
        delta(row.budget, row.contracted) || delta(row.contracted, row.finalValue) ? h('p', { class: 'note' }, 'Entre paréntesis: variación respecto del monto anterior.') : null,
        // «Contratado» adds up pesos only: a process in another currency is left out, and said (its row below shows it).
        // Amounts its processes published only with VAT are added as published, and said (their rows below are marked).
        taxed.length ? h('p', { class: 'note', id: 'nota-iva' }, withTaxNote(row.contractedWithTax ?? 0, taxed.length, 'Contratado')) : null,
        inOtherCurrency ? h('p', { class: 'note', id: 'nota-otra-moneda' }, `«Contratado» no suma ${inOtherCurrency === 1 ? '1 proceso con montos' : `${count(inOtherCurrency)} procesos con montos`} en otra moneda (en la tabla de sus procesos).`) : null,
        breakdownTable(breakdown)),
      h('section', { 'aria-labelledby': 'h-avance' }, h('h2', { id: 'h-avance' }, 'Avance'),
        h('dl', { class: 'facts' },
          h('div', null, h('dt', null, 'Avance físico'), h('dd', { id: 'avance-fisico' }, row.physicalProgress === undefined ? 'Sin dato publicado' : progress(row.physicalProgress))),
          h('div', null, h('dt', null, 'Avance financiero'), h('dd', { id: 'avance-financiero' }, row.financialProgress !== undefined ? progress(row.financialProgress)
            : computed ? `${percent(computed.share)} (pagado entre contratado con IVA, calculado)` : 'Sin dato publicado'))),
        // How it was calculated, with what to sum to get it again: it divided what was paid by «Contratado», which
        // counts a contract's `value` without VAT where it publishes one (CompraNet's), while its payments include VAT.
        row.financialProgress === undefined && computed ? h('p', { class: 'note', id: 'nota-avance-financiero' }, financialProgressNote(computed)) : null,
        // In the section, under its heading: after it, a screen reader's «Avance» region ended before its measures.
        milestones.length ? h('div', { class: 'timeline', id: 'hitos-proyecto' }, h('h3', null, stages.length ? 'Etapas e hitos del proyecto' : 'Hitos del proyecto'),
          h('ol', null, milestones.map((e) => h('li', null, h('time', { datetime: e.date.slice(0, 10) }, date(e.date)), ' ', e.what)))) : null,
        observations.length ? dataTable('Avance publicado por fecha', [{ title: 'Fecha' }, { title: 'Avance' }, { title: 'Porcentaje', numeric: true }],
          observations.map(({ metric, o }) => [date(str(obj(o.period)?.endDate) ?? str(obj(o.period)?.startDate)), metric, measureText(o)]), { id: 'tabla-avance' }) : null),
      h('section', { 'aria-labelledby': 'h-procesos' }, h('h2', { id: 'h-procesos' }, 'Procesos de contratación'),
        // A process published here is described as everywhere else (its stage, its contracts' value): the OC4IDS
        // summary fills contractValue from the awards and calls a cancelled tender `closed` («Concluido»).
        dataTable('Procesos de contratación del proyecto', [{ title: 'Proceso' }, { title: 'Método' }, { title: 'Etapa' }, { title: 'Contratado', numeric: true }, { title: 'Valor final', numeric: true }, { title: 'Contratistas' }],
          summaries.map((s) => {
            const sm = obj(s.summary) ?? {};
            const ocid = str(s.id) ?? '';
            const published = ds.processes.find((x) => x.ocid === ocid);
            // Without a title (Nuevo León's projects list their processes by ocid alone) the ocid once: the cell said
            // it twice, as the title and below it.
            const title = str(sm.title) ?? published?.title;
            const name = title ?? h('span', { class: 'code' }, ocid);
            // A process another implementer publishes (a municipality contracting the state's project): said, and
            // read from that implementer's current data where the project's summary, derived when the project was
            // published (or typed, before the process was), has nothing — the summary is not the process's today.
            const elsewhere = published && published.publisherId !== row.publisherId ? published : undefined;
            const typedSuppliers = arr(sm.suppliers).map(obj).map((x) => ({ id: str(x?.id) ?? '', name: str(x?.name) ?? str(x?.id) ?? '' })).filter((x) => x.name);
            const suppliers = typedSuppliers.length ? typedSuppliers : elsewhere?.suppliers ?? [];
            return [h('span', null, published ? h('a', { href: route('contratacion', ocid) }, name) : name, title ? [h('br'), h('small', { class: 'code' }, ocid)] : null,
              elsewhere ? [h('br'), h('small', null, `Publicado por ${elsewhere.publisherName}`)] : null),
            methodTitle(str(obj(sm.tender)?.procurementMethod) ?? (published ? methodKey(published) : 'sin-dato')),
              published?.stage ? stageTitle(published.stage) : processStatusTitle(str(sm.status) ?? 'sin-dato'),
              contractedCell(published, sm.contractValue), moneyOf(sm.finalValue),
              suppliers.length ? suppliers.map((x, i) => [i ? '; ' : '', h('a', { href: route('contratista', supplierKey(published?.suppliers.find((p) => p.id === x.id) ?? x)) }, x.name)]) : NO_DATA];
          }), { id: 'tabla-procesos', empty: 'Sin procesos de contratación publicados de este proyecto.' }),
        others.length ? h('p', { class: 'note', id: 'nota-otros-implementadores' }, othersNote(others.length, [...new Set(others.map((x) => x.publisherName))], row.publisherName)) : null,
        summaries.map((s) => {
          const sm = obj(s.summary) ?? {};
          const events = timeline(sm);
          return h('div', { class: 'timeline' }, h('h3', null, `Cronología: ${str(sm.title) ?? str(s.id) ?? ''}`),
            events.length ? h('ol', null, events.map((e) => h('li', null, h('time', { datetime: e.date.slice(0, 10) }, date(e.date)), ' ', e.what))) : h('p', null, 'Sin fechas publicadas.'));
        })),
      h('section', { 'aria-labelledby': 'h-documentos' }, h('h2', { id: 'h-documentos' }, 'Documentos por etapa'),
        CHECKLIST.map(([stage, types]) => h('div', { class: 'checklist' }, h('h3', null, stage), h('ul', null, types.map((t) => {
          const found = docs.filter((d) => d.documentType === t);
          return h('li', { class: found.length ? 'ok' : 'missing' },
            h('span', { class: 'mark', 'aria-hidden': 'true' }, found.length ? '✓' : '✗'), ' ', documentTypeTitle(t), ': ',
            found.length ? found.map((d, i) => [i ? ', ' : '', externalLink(d.url, str(d.title) ?? 'documento')]) : h('em', null, 'Sin documento'));
        }))))),
      // A process another implementer publishes (the one that publishes it, else the registered owner of its ocid
      // prefix, as publication tells them apart: published-elsewhere.ts): a point only such processes lack is theirs
      // to publish, as Pendientes lists it.
      costIdsSection(p, (ocid) => {
        const owner = ds.processes.find((x) => x.ocid === ocid) ?? ownerOf(ds.publishers, ocid, (x) => x.ocidPrefix);
        const id = owner && 'publisherId' in owner ? owner.publisherId : owner?.id;
        const name = owner && 'publisherName' in owner ? owner.publisherName : owner?.name;
        return id !== undefined && id !== row.publisherId ? name : undefined;
      }),
      // Every document the project publishes, whatever its type: the checklist names only the types a reader expects
      // at each stage, and Nuevo León's project with 38 documents (a dictamen, a plan financiero, progress reports,
      // photographs…) showed two of them; the others were only in the JSON.
      h('section', { 'aria-labelledby': 'h-todos-documentos' }, h('h2', { id: 'h-todos-documentos' }, 'Todos los documentos'),
        docs.length ? dataTable('Documentos del proyecto', [{ title: 'Documento' }, { title: 'Tipo' }, { title: 'Publicado' }],
          docs.map((d) => [externalLink(d.url, str(d.title) ?? 'documento'), str(d.documentType) ? documentTypeTitle(String(d.documentType)) : NO_DATA, date(str(d.datePublished))]),
          { id: 'tabla-documentos' }) : h('p', null, 'Sin documentos publicados.')),
      h('section', { 'aria-labelledby': 'h-relacionados' }, h('h2', { id: 'h-relacionados' }, 'Proyectos relacionados'),
        related.length ? h('ul', { id: 'lista-relacionados' }, related.map((r) => {
          const known = ds.projects.find((x) => x.id === r.id);
          return h('li', null, known ? h('a', { href: route('proyecto', known.id) }, known.title) : (r.title ?? r.id), ` — ${r.why}`);
        })) : h('p', null, 'Sin proyectos relacionados publicados.')),
      h('section', { 'aria-labelledby': 'h-datos' }, h('h2', { id: 'h-datos' }, 'Datos abiertos de este proyecto'),
        h('ul', null,
          h('li', null, h('a', { href: `/api/oc4ids/projects/${encodeURIComponent(id)}` }, 'Proyecto en EDCAPI (OC4IDS), JSON')),
          processes.map((x) => h('li', null, h('a', { href: `/api/ocds/records/${encodeURIComponent(x.ocid)}` }, `Registro EDCA-MX (OCDS) de ${x.ocid}, JSON`)))),
        // Changed after it was published, to remove personal data (the package's `redactions`): a reader who kept an
        // earlier copy of its JSON is told why they differ, never what was removed.
        redactionNote('Este proyecto', redactions, { class: 'note', id: 'nota-supresion' })),
      citationSection({ publisher: row.publisherName, updated: row.updated, title: row.title, id, standard: 'EDCAPI (OC4IDS 0.9)', page: 'proyecto' }, today()),
    );
  },
};

/**
 * Which of the project's processes other implementers publish, and what the page reads of them from where: their
 * stage, contracted amount and contractors from their publication as it is now; the rest from the project's summary.
 */
function othersNote(n: number, names: string[], own: string): string {
  return `${n === 1 ? 'Un proceso de este proyecto lo' : `${count(n)} procesos de este proyecto los`} ${names.length === 1 ? 'publica' : 'publican'} ${formatList(names)}: su etapa, lo contratado y sus contratistas son los de su publicación vigente; el valor final y la cronología, los del resumen que ${own} publicó con el proyecto.`;
}

/** What a CoST IDS point's mark says: published, missing though its stage has come, or not due yet. */
const COST_STATE: Record<CostIdsAssessment['state'], { mark: string; words: string; css: string }> = {
  disclosed: { mark: '✓', words: 'Publicado', css: 'ok' },
  missing: { mark: '✗', words: 'Falta', css: 'missing' },
  elsewhere: { mark: '✗', words: 'Falta', css: 'missing' },
  notDue: { mark: '–', words: 'Aún no corresponde a su etapa', css: 'later' },
  notApplicable: { mark: '–', words: 'No aplica', css: 'later' },
};
/** A point of a stage a cancelled project will never reach. */
const CANCELLED_NOT_DUE = 'No se pide: el proyecto está cancelado';
/** Why a point does not apply: the only two reasons there are (core/stats/cost-ids.ts `each.ifNone`, `awardedOnly`). */
const notApplicable = (a: CostIdsAssessment): string => (a.element.each?.awardedOnly ? 'No aplica: ningún proceso adjudicado' : 'No aplica: sin modificaciones al contrato');

/**
 * The CoST IDS points this project discloses, by stage, as the coverage on *Calidad de datos* judges them
 * (core/stats/cost-ids.ts): what a CoST assurance reviewer checks project by project, and what is still missing.
 */
function costIdsSection(project: Json, publishedBy: PublishedBy): HTMLElement {
  const assessed = assessCostIds(project, publishedBy);
  // A cancelled project owes only its identification (core/stats/cost-ids.ts stagesReached): the rest is not «aún no».
  const cancelled = str(project.status) === 'cancelled';
  const missing = assessed.filter((a) => a.state === 'missing' || a.state === 'elsewhere').length;
  const due = assessed.filter((a) => a.state === 'disclosed' || a.state === 'missing' || a.state === 'elsewhere').length;
  // Who must publish what processes of another implementer lack: «le corresponde publicarlo al Municipio de…».
  const whose = (a: CostIdsAssessment): string => {
    const names = [...new Set((a.elsewhere ?? []).map((g) => g.publisher))];
    if (!names.length) return '';
    const n = (a.elsewhere ?? []).reduce((k, g) => k + new Set(g.items).size, 0);
    return `${a.state === 'missing' ? '; también en' : ' en'} ${n === 1 ? 'un proceso que publica' : `${count(n)} procesos que publica${names.length > 1 ? 'n' : ''}`} ${formatList(names)}, a quien le corresponde publicarlo`;
  };
  return h('section', { 'aria-labelledby': 'h-cost-ids', id: 'cost-ids' }, h('h2', { id: 'h-cost-ids' }, 'Datos del CoST IDS'),
    h('p', null, `Datos del estándar de datos de infraestructura de CoST (IDS) que pide la etapa del proyecto: publica ${count(due - missing)} de ${count(due)}.`,
      str(project.status) ? '' : ' El proyecto no dice su estado: se revisan todas las etapas.',
      cancelled ? ' Un proyecto cancelado ya no avanza: se le piden solo los datos de su identificación (los de otras etapas que publicó cuentan).' : ''),
    COST_IDS_STAGES.map((stage) => h('div', { class: 'checklist' }, h('h3', null, COST_IDS_STAGE_LABELS[stage]), h('ul', null,
      assessed.filter((a) => a.element.stage === stage).map((a) => {
        const state = COST_STATE[a.state];
        const words = a.state === 'notApplicable' ? notApplicable(a) : a.state === 'notDue' && cancelled ? CANCELLED_NOT_DUE : `${state.words}${whose(a)}`;
        return h('li', { class: state.css }, h('span', { class: 'mark', 'aria-hidden': 'true' }, state.mark), ' ', a.element.label, ': ', h('em', null, words));
      })))));
}

/**
 * An observation's percentage as es-MX (its `measure`, which may be written as text — «62,5 %» is 62.5 %,
 * progressMeasure — else its value's amount); a measure that is not a figure is shown as published.
 */
function measureText(o: Json): string {
  const measure = o.measure;
  const value = progressMeasure(measure) ?? num(obj(o.value)?.amount);
  if (value !== undefined) return progress(value);
  return str(measure) ?? NO_DATA;
}

