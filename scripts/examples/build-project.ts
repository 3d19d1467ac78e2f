/**
 * One EDCAPI (OC4IDS 0.9.5) project, built from its ProjectSpec and the releases of its contracting processes:
 * `contractingProcesses[].summary` is read from those releases so both documents always agree.
 */
import { addDays, localMidnight } from './local-date';
import { PartyRoles, partyId } from './parties';
import { CUT_OFF } from './process-timeline';
import { round2 } from './build-release';
import type { Json, ProcessSpec, ProjectSpec, PublisherSpec } from './types';

type Ref = { id: string; name: string };

function asJson(value: unknown): Json {
  return (value ?? {}) as Json;
}

function moneyOnly(value: unknown): Json {
  const v = asJson(value);
  return { amount: v.amount, currency: v.currency };
}

/** OC4IDS contractingProcessStatus: before the award, while a contract is in force, or closed. */
function processStatus(p: ProcessSpec): 'pre-award' | 'active' | 'closed' {
  if (p.stage === 'concluded' || p.stage === 'cancelled') return 'closed';
  return p.stage === 'planning' || p.stage === 'tender' ? 'pre-award' : 'active';
}

/** The OC4IDS summary of one process, read from its EDCA-MX release. */
function summaryOf(release: Json, p: ProcessSpec): Json {
  const tender = asJson(release.tender);
  const award = (release.awards as Json[] | undefined)?.[0];
  const contract = (release.contracts as Json[] | undefined)?.[0];
  const implementation = contract ? asJson(contract.implementation) : {};
  const transactions = (implementation.transactions as Json[] | undefined) ?? [];
  const summary: Json = {
    ocid: release.ocid,
    externalReference: tender.id,
    nature: [...p.nature],
    title: tender.title,
    description: tender.description,
    status: processStatus(p),
    tender: {
      procurementMethod: tender.procurementMethod,
      procurementMethodDetails: tender.procurementMethodDetails,
      ...(p.stage === 'planning' ? {} : { datePublished: asJson(tender.tenderPeriod).startDate }),
      costEstimate: moneyOnly(tender.value),
      ...(tender.numberOfTenderers === undefined ? {} : { numberOfTenderers: tender.numberOfTenderers }),
      procuringEntity: tender.procuringEntity,
    },
  };
  if (award) summary.suppliers = award.suppliers;
  if (contract) {
    summary.contractValue = moneyOnly(contract.value);
    summary.contractPeriod = contract.period;
    const amendments = (contract.amendments as Json[] | undefined) ?? [];
    if (amendments.length) {
      summary.modifications = amendments.map((a) => ({
        id: a.id,
        date: a.date,
        type: 'duration',
        description: a.description,
        rationale: a.rationale,
        oldContractPeriod: asJson(award).contractPeriod,
        newContractPeriod: contract.period,
      }));
    }
  }
  if (transactions.length) {
    summary.transactions = transactions.map((x) => ({ id: x.id, date: x.date, value: x.value, payer: x.payer, payee: x.payee }));
    summary.milestones = (implementation.milestones as Json[]).map((m) => ({ ...m }));
  }
  if (p.stage === 'concluded') {
    summary.finalValue = { amount: round2(transactions.reduce((s, x) => s + (asJson(x.value).amount as number), 0)), currency: 'MXN' };
  }
  return summary;
}

type StageDates = Partial<Record<'identification' | 'preparation' | 'implementation' | 'completion', [string, string?]>>;

/**
 * The stages' dates (OC4IDS 0.9.5 `identificationPeriod` … `completionPeriod`) as an official would type them at the
 * cut-off: the need found some weeks before the budget was requested; preparation from that request to the budget's
 * approval; the works over the project's period (its end still planned while they go on); for a concluded project,
 * a month of handover and settlement (finiquito) ending on its completion date. The stage a project is in has only
 * its start when its end is not known yet. None is dated before the project's period or against the stages' order
 * (core/checks/project-stage-period.ts, project-stage-order.ts), no stage beyond the status starts by the cut-off
 * (project-status.ts), and, as every demo date, all fall in 2022–2025: so no stage after the works is planned.
 */
function stageDates(spec: ProjectSpec): StageDates {
  const identification: [string, string?] = [addDays(spec.requestDate, -40), addDays(spec.requestDate, -1)];
  const preparation: [string, string?] = [spec.requestDate, spec.approvalDate];
  switch (spec.status) {
    // Its preparation not begun: the identification planned to go on until the works planned for the project's start.
    case 'identification': return { identification: [identification[0], addDays(spec.start, -1)] };
    case 'preparation': return { identification, preparation: [spec.requestDate] };
    // Cancelled after its procurement was cancelled: what it went through before.
    case 'cancelled': return { identification, preparation };
    case 'implementation': return { identification, preparation, implementation: [spec.start, spec.end] };
    case 'completion': return { identification, preparation, implementation: [spec.start, addDays(spec.end, -31)], completion: [addDays(spec.end, -30), spec.end] };
  }
}

function latest(dates: string[]): string {
  return dates.reduce((a, b) => (b > a ? b : a));
}

export function buildProject(pub: PublisherSpec, spec: ProjectSpec, releases: Json[]): Json {
  const tz = pub.settings.timeZone;
  const at = (ymd: string): string => localMidnight(ymd, tz);
  const id = `${pub.settings.projectIdPrefix}-${spec.localId}`;
  const url = (slug: string): string => `https://${pub.documentHost}/proyectos/${spec.localId}/${slug}.pdf`;
  const parties = new PartyRoles();
  const authority: Ref = parties.add(pub.authority, 'publicAuthority', 'buyer', 'procuringEntity');
  const funder: Ref = parties.add(pub.treasury, 'funder');

  const processes = spec.processes.map((p, i) => ({ p, release: releases[i], summary: summaryOf(releases[i], p) }));
  const contractors = new Map(spec.processes.flatMap((p) => p.tenderers).map((o) => [partyId(o), o]));
  for (const { summary } of processes) {
    for (const s of (summary.suppliers as Ref[] | undefined) ?? []) parties.add(contractors.get(s.id)!, 'supplier');
    for (const x of (summary.transactions as Json[] | undefined) ?? []) {
      parties.add(pub.treasury, 'payer');
      parties.add(contractors.get((x.payee as Ref).id)!, 'payee');
    }
  }

  // Budget: each fund named by the processes gets its share; the first fund covers what no process uses yet.
  const byFund = new Map<string, number>();
  for (const p of spec.processes) byFund.set(p.fund, round2((byFund.get(p.fund) ?? 0) + p.budget));
  const first = spec.processes[0].fund;
  const assigned = round2([...byFund.values()].reduce((a, b) => a + b, 0));
  byFund.set(first, round2(byFund.get(first)! + spec.budget - assigned));
  // A fund's claves presupuestarias are those of the processes it pays, with their accounting stages (momentos
  // contables) as each process publishes them: the project and its processes never disagree.
  const linesOf = (fund: string): Json[] => processes.filter(({ p }) => p.fund === fund)
    .flatMap(({ release }) => ((asJson(asJson(release.planning).budget).budgetBreakdown as Json[] | undefined) ?? []).flatMap((b) => (b.budgetLines as Json[] | undefined) ?? []))
    .map((line) => structuredClone(line));
  const budgetBreakdown = [...byFund.entries()].map(([description, amount], i) => ({
    id: `${spec.localId}-FF${i + 1}`,
    description,
    amount: { amount, currency: 'MXN' },
    approvalDate: at(spec.approvalDate),
    period: { startDate: at(spec.start), endDate: at(spec.end) },
    sourceParty: funder,
    ...(linesOf(description).length ? { budgetLines: linesOf(description) } : {}),
  }));

  const documents: Json[] = [
    { id: 'proyecto-01', documentType: 'feasibilityStudy', title: 'Estudio de factibilidad', description: `Análisis técnico, económico y social de: ${spec.title}.`, url: url('proyecto-01'), datePublished: at(spec.requestDate), format: 'application/pdf', language: 'es' },
    { id: 'proyecto-02', documentType: 'budgetApproval', title: 'Oficio de autorización de inversión', description: 'Autorización de los recursos del proyecto.', url: url('proyecto-02'), datePublished: at(spec.approvalDate), format: 'application/pdf', language: 'es' },
  ];
  if (spec.type !== 'replacement') {
    documents.push({ id: 'proyecto-03', documentType: 'environmentalImpact', title: 'Manifestación de impacto ambiental', description: 'Evaluación de los efectos ambientales de la obra y medidas de mitigación.', url: url('proyecto-03'), datePublished: at(spec.approvalDate), format: 'application/pdf', language: 'es' });
  }
  if (spec.cancellationDetails) {
    const notice = releases.flatMap((r) => (asJson(r.tender).documents as Json[] | undefined) ?? []).find((d) => d.documentType === 'cancellationDetails');
    documents.push({ id: 'proyecto-04', documentType: 'cancellationDetails', title: 'Acuerdo de cancelación del proyecto', description: spec.cancellationDetails, url: url('proyecto-04'), datePublished: notice?.datePublished ?? at(spec.approvalDate), format: 'application/pdf', language: 'es' });
  }

  const starts = processes.map(({ summary }) => asJson(summary.contractPeriod).startDate as string | undefined).filter((d): d is string => !!d).sort();
  const milestones: Json[] = [
    { id: 'H1', title: 'Aprobación del proyecto', type: 'approval', code: 'projectApproval', status: 'met', dueDate: at(spec.approvalDate), dateMet: at(spec.approvalDate) },
  ];
  if (starts.length) {
    const begun = starts[0].slice(0, 10) <= CUT_OFF;
    milestones.push({ id: 'H2', title: 'Inicio de la obra', type: 'delivery', code: 'commencement', status: begun ? 'met' : 'scheduled', dueDate: starts[0], ...(begun ? { dateMet: starts[0] } : {}) });
  }
  if (spec.status !== 'cancelled') {
    const done = spec.status === 'completion';
    milestones.push({ id: 'H3', title: 'Conclusión del proyecto', type: 'delivery', code: 'completion', status: done ? 'met' : 'scheduled', dueDate: at(spec.end), ...(done ? { dateMet: at(spec.end) } : {}) });
  }

  // Avance físico (OC4IDS metric physicalProgress): 0 % when the works start, then — as a demo stand-in for the
  // residency's estimates — the share of the planned time elapsed at the cut-off, 100 % once concluded.
  const metrics: Json[] = [];
  if (starts.length && spec.status !== 'cancelled' && starts[0].slice(0, 10) <= CUT_OFF) {
    const start = starts[0].slice(0, 10);
    const done = spec.status === 'completion';
    const cut = done || spec.end < CUT_OFF ? spec.end : CUT_OFF;
    const span = Date.parse(spec.end) - Date.parse(start);
    const elapsed = span > 0 ? Math.round((100 * (Date.parse(cut) - Date.parse(start))) / span) : 0;
    const measure = done ? 100 : Math.max(0, Math.min(95, elapsed));
    const unit = { name: 'porcentaje' };
    metrics.push({
      id: 'physicalProgress', title: 'Avance físico de la obra', description: 'Porcentaje de la obra ejecutada, según las estimaciones autorizadas.',
      observations: [
        { id: '1', period: { endDate: at(start) }, measure: 0, unit },
        ...(cut > start ? [{ id: '2', period: { endDate: at(cut) }, measure, unit }] : []),
      ],
    });
  }

  const project: Json = {
    id,
    updated: at(latest([spec.approvalDate, ...releases.map((r) => String(r.date).slice(0, 10))])),
    language: 'es',
    title: spec.title,
    description: spec.description,
    status: spec.status,
    type: spec.type,
    sector: [...spec.sector],
    purpose: spec.purpose,
    period: { startDate: at(spec.start), endDate: at(spec.end) },
    ...Object.fromEntries(Object.entries(stageDates(spec)).map(([stage, [start, end]]) => [`${stage}Period`, { startDate: at(start), ...(end ? { endDate: at(end) } : {}) }])),
    ...(spec.assetLifetimeYears ? { assetLifetime: { durationInDays: spec.assetLifetimeYears * 365 } } : {}),
    budget: {
      amount: { amount: spec.budget, currency: 'MXN' },
      requestDate: at(spec.requestDate),
      approvalDate: at(spec.approvalDate),
      description: spec.budgetDescription,
      budgetBreakdowns: [{ id: 'FF', description: 'Fuentes de financiamiento', budgetBreakdown }],
    },
    publicAuthority: authority,
    locations: [{
      id: '1',
      description: spec.location.description,
      geometry: { type: 'Point', coordinates: [spec.location.lng, spec.location.lat] },
      address: { ...spec.location.address, countryName: 'México' },
    }],
    ...(spec.sdg ? { additionalClassifications: [{ scheme: 'sdg', id: spec.sdg.id, description: spec.sdg.description }] } : {}),
    parties: parties.toOc4ids(),
    documents,
    contractingProcesses: processes.map(({ release, summary }) => ({ id: release.ocid, summary })),
    milestones,
    ...(metrics.length ? { metrics } : {}),
  };
  if (spec.completion) {
    const finalValue = round2(processes.reduce((s, { summary }) => s + ((asJson(summary.finalValue).amount as number | undefined) ?? 0), 0));
    project.completion = {
      endDate: at(spec.end),
      endDateDetails: spec.completion.endDateDetails,
      finalValue: { amount: finalValue, currency: 'MXN' },
      finalValueDetails: spec.completion.finalValueDetails,
      finalScope: spec.completion.finalScope,
      finalScopeDetails: spec.completion.finalScopeDetails,
    };
  }
  return project;
}
