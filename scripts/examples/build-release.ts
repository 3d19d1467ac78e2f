/**
 * One EDCA-MX release per contracting process, holding the process's full current state (planning through
 * implementation, as far as the process has got by the cut-off date), built from a compact ProcessSpec.
 */
import { budgetClassification } from './budget-classification';
import { addDays, daysBetween, localMidnight } from './local-date';
import { PartyRoles } from './parties';
import { prng, seedOf } from './prng';
import { CUT_OFF, reached, timeline, type Timeline } from './process-timeline';
import type { Json, Method, ProcessSpec, ProjectSpec, PublisherSpec } from './types';

/** IVA (value added tax) is 16 %: OCDS `amount` includes taxes, `netAmount` excludes them. */
const IVA = 0.16;

/** EDCA-MX rule R-11: the Mexican procedure determines the OCDS method. */
export const METHOD_CODE: Record<Method, 'open' | 'selective' | 'direct'> = {
  'Licitación pública': 'open',
  'Invitación a cuando menos tres personas': 'selective',
  'Adjudicación directa': 'direct',
};

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function money(amount: number, withNet = false): Json {
  const value: Json = { amount: round2(amount), currency: 'MXN' };
  if (withNet) value.netAmount = round2(amount / (1 + IVA));
  return value;
}

const QUARTERS = ['Primer', 'Segundo', 'Tercer', 'Cuarto'];

/** `update` of a budget measure: the quarter of the accounting record ("momento contable"). */
function quarterOf(ymd: string): string {
  return `${QUARTERS[Math.floor((Number(ymd.slice(5, 7)) - 1) / 3)]} trimestre de ${ymd.slice(0, 4)}`;
}

export interface Payment { id: string; date: string; amount: number }

/**
 * Payments of a contract under way or finished: an advance (anticipo, 30 %) for works awarded by licitación or
 * invitación, monthly estimates (estimaciones) up to the cut-off date and, once finished, the final settlement
 * (finiquito), so that the total never exceeds the contract value.
 */
export function payments(p: ProcessSpec, t: Timeline, value: number): Payment[] {
  const concluded = p.stage === 'concluded';
  const advance = p.category === 'works' && p.method !== 'Adjudicación directa' ? round2(value * 0.3) : 0;
  const target = concluded ? value : round2(value * (p.paidShare ?? 0));
  const lastEstimate = concluded ? t.contractEnd : (t.contractEnd < CUT_OFF ? t.contractEnd : CUT_OFF);
  const dates: string[] = [];
  for (let k = 1; addDays(t.contractStart, 30 * k) <= lastEstimate; k++) dates.push(addDays(t.contractStart, 30 * k));
  if (concluded) dates.push(addDays(t.contractEnd, 30));
  if (!dates.length || target <= advance) throw new Error(`Pagos imposibles en ${p.localId}`);
  const rand = prng(seedOf(p.localId));
  const weights = dates.map(() => 0.6 + rand());
  const total = weights.reduce((a, b) => a + b, 0);
  const rest = round2(target - advance);
  let assigned = 0;
  const list: Payment[] = advance ? [{ id: 'P01', date: t.contractStart, amount: advance }] : [];
  dates.forEach((date, i) => {
    const amount = i === dates.length - 1 ? round2(rest - assigned) : round2((rest * weights[i]) / total);
    assigned = round2(assigned + amount);
    list.push({ id: `P${String(list.length + 1).padStart(2, '0')}`, date, amount });
  });
  return list;
}

const PROCEDURE_NAME: Record<Method, string> = {
  'Licitación pública': 'licitación pública',
  'Invitación a cuando menos tres personas': 'invitación a cuando menos tres personas',
  'Adjudicación directa': 'adjudicación directa',
};

function rationaleFor(p: ProcessSpec, law: string): string {
  const why: Record<Method, string> = {
    'Licitación pública': 'procedimiento ordinario de contratación por el monto estimado de los trabajos',
    'Invitación a cuando menos tres personas': 'el monto estimado se ubica dentro de los límites que el presupuesto de egresos fija para este procedimiento',
    'Adjudicación directa': 'el monto estimado no rebasa el límite que el presupuesto de egresos fija para adjudicar directamente',
  };
  return `Se contrata por ${PROCEDURE_NAME[p.method]} con fundamento en la ${law}: ${why[p.method]}.`;
}

/** Builds the release of one process; its `date` is the latest event recorded in it. */
export function buildRelease(pub: PublisherSpec, project: ProjectSpec, p: ProcessSpec): Json {
  const tz = pub.settings.timeZone;
  const at = (ymd: string): string => localMidnight(ymd, tz);
  const t = timeline(p);
  const ocid = `${pub.settings.ocidPrefix}-${p.localId}`;
  const services = p.category === 'worksRelatedServices';
  const parties = new PartyRoles();
  const events: string[] = [];
  const url = (slug: string): string => `https://${pub.documentHost}/obra-publica/${p.localId}/${slug}.pdf`;
  const doc = (slug: string, documentType: string, title: string, description: string, ymd: string): Json => {
    events.push(ymd);
    return { id: slug, documentType, title, description, url: url(slug), datePublished: at(ymd), format: 'application/pdf', language: 'es' };
  };
  const tags = ['planning'];
  const winner = p.tenderers[0];

  // Planning: budget with its clave presupuestaria and accounting moments, and the link to the OC4IDS project.
  const buyer = parties.add(pub.authority, 'buyer', 'procuringEntity');
  const funder = parties.add(pub.treasury, 'funder');
  const year = t.tenderStart.slice(0, 4);
  const measures: Json[] = [{ id: 'approved', value: money(p.budget), update: quarterOf(t.planning) }];
  const planningDocs = [
    doc('planeacion-01', 'needsAssessment', 'Justificación de la obra', `Análisis de la necesidad que atiende: ${p.title}.`, t.planning),
    doc('planeacion-02', 'projectPlan', `Programa anual de obra pública ${year}`, 'Programa anual donde se incluye esta obra, con su calendario y monto autorizado.', t.planning),
  ];
  if (p.method !== 'Licitación pública') {
    planningDocs.push(doc('planeacion-03', 'marketStudies', 'Investigación de mercado', 'Sondeo de precios de trabajos similares para sustentar el procedimiento elegido.', addDays(t.planning, 10)));
  }
  const planning: Json = {
    rationale: p.rationale,
    budget: {
      id: p.budgetKey,
      description: `${p.fund}, ejercicio fiscal ${year}`,
      amount: money(p.budget),
      uri: `https://${pub.documentHost}/presupuesto/${year}`,
      budgetBreakdown: [{
        id: p.budgetKey,
        description: p.fund,
        amount: money(p.budget),
        period: { startDate: at(`${year}-01-01`), endDate: at(`${year}-12-31`) },
        sourceParty: funder,
        budgetLines: [{ id: p.budgetKey, measures }],
        budgetClassification: budgetClassification(pub, p.budgetKey, measures),
      }],
    },
    project: { id: `${pub.settings.projectIdPrefix}-${project.localId}`, title: project.title },
    documents: planningDocs,
  };
  events.push(t.planning);

  // Tender: what is bought, how, and who took part.
  const { lng, lat } = project.location;
  const lp = p.method === 'Licitación pública';
  const direct = p.method === 'Adjudicación directa';
  const tender: Json = {
    id: p.localId,
    title: p.title,
    description: p.description,
    status: p.stage === 'planning' ? 'planned' : p.stage === 'cancelled' ? 'cancelled' : p.stage === 'tender' ? 'active' : 'complete',
    procuringEntity: buyer,
    items: [{
      id: '1',
      description: p.item.description,
      classification: { scheme: 'CUCOP', id: p.item.code, description: p.item.catalogue },
      quantity: 1,
      unit: { name: p.item.unit, value: money(p.estimate) },
      deliveryLocation: { geometry: { type: 'Point', coordinates: [lng, lat] } },
      deliveryAddress: { ...project.location.address, countryName: 'México' },
    }],
    value: money(p.estimate),
    procurementMethod: METHOD_CODE[p.method],
    procurementMethodDetails: p.method,
    procurementMethodRationale: rationaleFor(p, pub.law),
    mainProcurementCategory: services ? 'services' : 'works',
    additionalProcurementCategories: [p.category],
    awardCriteria: lp && !services ? 'ratedCriteria' : 'priceOnly',
    awardCriteriaDetails: lp && !services
      ? 'Evaluación por puntos y porcentajes: propuesta técnica 50 puntos y propuesta económica 50 puntos.'
      : 'Criterio binario: se adjudica a la propuesta solvente de precio más bajo.',
    submissionMethod: [lp ? 'electronicSubmission' : 'inPerson'],
    submissionMethodDetails: lp
      ? 'Las proposiciones se envían por el sistema electrónico de compras públicas del ente.'
      : 'Las proposiciones se entregan en sobre cerrado en la oficina de concursos del ente.',
    tenderPeriod: { startDate: at(t.tenderStart), endDate: at(t.tenderEnd) },
    eligibilityCriteria: 'Personas físicas o morales con registro vigente en el padrón de contratistas, experiencia comprobable en obras similares y capacidad financiera suficiente.',
  };
  if (t.enquiryEnd) tender.enquiryPeriod = { startDate: at(t.tenderStart), endDate: at(t.enquiryEnd) };
  tender.awardPeriod = { startDate: at(t.tenderEnd), endDate: at(t.award) };
  const tenderDocs: Json[] = [];
  if (reached(p, 'tender')) {
    tags.push('tender');
    const notice = lp ? ['Convocatoria', 'Convocatoria pública con los requisitos de participación y el calendario del procedimiento.']
      : direct ? ['Solicitud de cotización', 'Solicitud de cotización enviada al contratista con los términos de referencia.']
        : ['Invitación', 'Invitación enviada a los contratistas con los requisitos de participación.'];
    tenderDocs.push(doc('licitacion-01', direct ? 'technicalSpecifications' : 'tenderNotice', notice[0], notice[1], t.tenderStart));
    if (!direct) tenderDocs.push(doc('licitacion-02', 'biddingDocuments', 'Bases del procedimiento', 'Bases con el catálogo de conceptos, especificaciones y modelo de contrato.', t.tenderStart));
    if (t.clarification && t.clarification <= CUT_OFF && p.stage !== 'cancelled') {
      tender.hasEnquiries = true;
      const attendees = p.tenderers.map((o) => parties.add(o, 'attendee'));
      const officials = p.official ? [parties.add(p.official, 'official')] : [];
      tender.clarificationMeetings = [{ id: '1', date: at(t.clarification), attendees, officials }];
      tenderDocs.push(doc('licitacion-03', 'clarifications', 'Acta de la junta de aclaraciones', 'Preguntas de los participantes y respuestas de la convocante.', t.clarification));
      events.push(t.clarification);
    }
    if (t.tenderEnd <= CUT_OFF && p.stage !== 'cancelled') {
      tender.tenderers = p.tenderers.map((o) => parties.add(o, 'tenderer'));
      tender.numberOfTenderers = p.tenderers.length;
      if (!direct) tenderDocs.push(doc('licitacion-04', 'openingOfProposals', 'Acta de presentación y apertura de proposiciones', 'Relación de proposiciones recibidas y sus importes.', t.tenderEnd));
    }
    if (t.cancelled) {
      tags.push('tenderCancellation');
      tenderDocs.push(doc('licitacion-05', 'cancellationDetails', 'Acuerdo de cancelación', p.cancellation ?? 'Cancelación del procedimiento.', t.cancelled));
    }
    events.push(t.tenderStart);
  }
  if (tenderDocs.length) tender.documents = tenderDocs;

  const release: Json = { ocid, id: '', date: '', tag: tags, initiationType: 'tender', language: 'es', parties: [], buyer, planning, tender };

  // Award.
  if (reached(p, 'award') && p.award !== undefined) {
    tags.push('award');
    const supplier = parties.add(winner, 'supplier');
    const awardDocs = [doc('adjudicacion-01', 'awardNotice', 'Acta de fallo', `Fallo que adjudica el contrato a ${winner.name}.`, t.award)];
    if (!direct) awardDocs.unshift(doc('adjudicacion-02', 'evaluationReports', 'Dictamen de evaluación de proposiciones', 'Evaluación técnica y económica que sustenta el fallo.', addDays(t.award, -2)));
    release.awards = [{
      id: `${p.localId}-F1`,
      title: `Fallo: ${p.title}`,
      description: `Adjudicación a ${winner.name} por ${PROCEDURE_NAME[p.method]}.`,
      rationale: direct
        ? 'Única propuesta solicitada; cumple los términos de referencia y su precio es aceptable conforme a la investigación de mercado.'
        : 'Propuesta solvente que obtuvo la mejor evaluación conforme a los criterios de las bases.',
      date: at(t.award),
      status: 'active',
      value: money(p.award, true),
      suppliers: [supplier],
      contractPeriod: { startDate: at(t.contractStart), endDate: at(t.originalEnd) },
      documents: awardDocs,
    }];
  }

  // Contract and its implementation.
  if (reached(p, 'contract') && p.award !== undefined) {
    tags.push('contract');
    const contractValue = p.award;
    const contractDocs = [doc('contrato-01', 'contractSigned', 'Contrato firmado', `Contrato ${p.localId}-C1 firmado con ${winner.name}.`, t.signed)];
    const contract: Json = {
      id: `${p.localId}-C1`,
      awardID: `${p.localId}-F1`,
      title: `Contrato ${services ? 'de servicios relacionados con la obra pública' : 'de obra pública a precios unitarios'}: ${p.title}`,
      description: p.description,
      status: p.stage === 'concluded' ? 'terminated' : 'active',
      period: { startDate: at(t.contractStart), endDate: at(t.contractEnd) },
      value: money(contractValue, true),
      dateSigned: at(t.signed),
    };
    if (p.surveillance) contract.surveillanceMechanisms = p.surveillance;
    if (p.guarantor) {
      contract.guarantees = [{
        id: '1',
        type: 'suretyBond',
        date: at(t.signed),
        obligations: 'fulfillment',
        value: money(contractValue * 0.1),
        guarantor: parties.add(p.guarantor, 'guarantor'),
        period: { startDate: at(t.signed), endDate: at(t.contractEnd) },
      }];
      contractDocs.push(doc('contrato-02', 'contractGuarantees', 'Fianza de cumplimiento', 'Póliza de fianza por el 10 % del monto del contrato.', t.signed));
    }
    if (p.amendment) {
      tags.push('contractAmendment');
      contract.amendments = [{ id: '1', date: at(p.amendment.date), rationale: p.amendment.rationale, description: p.amendment.description }];
      contractDocs.push(doc('contrato-03', 'contractAmendment', 'Convenio modificatorio en plazo', p.amendment.description, p.amendment.date));
    }
    contract.documents = contractDocs;
    events.push(t.signed);
    measures.push({ id: 'committed', value: money(contractValue), update: quarterOf(t.signed) });

    if (reached(p, 'implementation')) {
      tags.push('implementation');
      const concluded = p.stage === 'concluded';
      const paid = payments(p, t, contractValue);
      const payer = parties.add(pub.treasury, 'payer');
      const payee = parties.add(winner, 'payee');
      const transactions = paid.map((x) => ({
        id: x.id, date: at(x.date), value: money(x.amount), paymentMethod: 'wireTransfe', payer, payee,
      }));
      events.push(...paid.map((x) => x.date));
      const total = round2(paid.reduce((s, x) => s + x.amount, 0));
      const lastPaid = paid[paid.length - 1].date;
      measures.push({ id: 'paid', value: money(total), update: quarterOf(lastPaid) });
      const mid = addDays(t.contractStart, Math.round(daysBetween(t.contractStart, t.contractEnd) / 2));
      const word = services ? 'de los servicios' : 'de los trabajos';
      const milestone = (id: string, title: string, description: string, due: string, met: boolean): Json => {
        if (met) events.push(due);
        return { id, title, type: 'delivery', description, dueDate: at(due), ...(met ? { dateMet: at(due) } : {}), status: met ? 'met' : 'scheduled' };
      };
      const implDocs = [doc('ejecucion-01', 'physicalProgressReport', 'Reporte de avance físico-financiero', `Avance ${word} y pagos al ${lastPaid.split('-').reverse().join('/')}.`, lastPaid)];
      if (concluded) {
        implDocs.push(doc('ejecucion-02', 'physicalReception', 'Acta de entrega-recepción', `Recepción física ${word} concluidos.`, addDays(t.contractEnd, 15)));
        implDocs.push(doc('ejecucion-03', 'completionCertificate', 'Acta de extinción de derechos y obligaciones', 'Cierre administrativo del contrato tras el finiquito.', addDays(t.contractEnd, 30)));
      }
      // The contract's share of the budget, classified as the process's, with what was committed and paid under it.
      const contractMeasures: Json[] = [{ id: 'committed', value: money(contractValue), update: quarterOf(t.signed) }, { id: 'paid', value: money(total), update: quarterOf(lastPaid) }];
      contract.implementation = {
        status: concluded ? 'concluded' : 'ongoing',
        budgetBreakdown: [{ id: p.budgetKey, description: p.fund, amount: money(contractValue), budgetClassification: budgetClassification(pub, p.budgetKey, contractMeasures) }],
        transactions,
        milestones: [
          milestone('M1', `Inicio ${word}`, `Arranque ${word} conforme al programa del contrato.`, t.contractStart, true),
          milestone('M2', 'Avance físico del 50 %', `Mitad del programa ${word}.`, mid, mid <= CUT_OFF),
          milestone('M3', `Terminación ${word}`, `Conclusión ${word} y aviso de terminación.`, t.contractEnd, concluded),
        ],
        documents: implDocs,
      };
    }
    release.contracts = [contract];
  }

  const date = events.reduce((a, b) => (b > a ? b : a));
  if (date > CUT_OFF) throw new Error(`${ocid}: evento posterior al corte (${date})`);
  release.id = `${ocid}-${date.replace(/-/g, '')}`;
  release.date = at(date);
  release.parties = parties.toOcds();
  return release;
}
