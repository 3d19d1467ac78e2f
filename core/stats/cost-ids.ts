/**
 * CoST Infrastructure Data Standard (IDS) disclosure: the IDS data points that can be read from an OC4IDS project,
 * each with where OC4IDS 0.9.5 keeps it (its CoST IDS mapping: project-level points on the project, process-level
 * points on each `contractingProcesses/summary`, document-based points as project documents of that `documentType`).
 * Only presence is judged, not quality (OC4IDS guidance "Assessing compliance with the CoST IDS") — but the whole
 * point must be there: a budget needs its amount and currency, a contract period its start and its end, a document
 * of the type its link or description, the owner's contact details its postal and its electronic address.
 *
 * A point is due once the project has reached its stage (its `status`): CoST assesses what a project in preparation
 * has disclosed of identification and preparation, not the contract it has not signed yet. A point disclosed before
 * its stage counts as disclosed all the same. A cancelled project owes only its identification (stagesReached).
 */
export type CostIdsStage = 'identification' | 'preparation' | 'procurement' | 'implementation' | 'completion';

export const COST_IDS_STAGES: readonly CostIdsStage[] = ['identification', 'preparation', 'procurement', 'implementation', 'completion'];
/** The stages in our Spanish (CoST's «procurement» is the contracting, before the works' execution). */
export const COST_IDS_STAGE_LABELS: Readonly<Record<CostIdsStage, string>> = {
  identification: 'Identificación', preparation: 'Preparación', procurement: 'Contratación', implementation: 'Ejecución', completion: 'Conclusión',
};

/**
 * One thing the point needs; it is there when any of its ways is: a filled path (unindexed, arrays fan out), a
 * document of one of the types with its link or description, or a party with one of the roles and one of `paths`
 * filled on it (paths relative to the party).
 */
export interface CostIdsPart {
  paths?: string[];
  documentTypes?: string[];
  party?: { roles: string[]; paths: string[] };
}

export interface CostIdsElement {
  id: string;
  /** Our own short Spanish name for the data point. */
  label: string;
  stage: CostIdsStage;
  /** Every part must be there (a budget: amount and currency). */
  parts: CostIdsPart[];
  /**
   * Judged on each item of this array (its paths relative to the item): every item must disclose it. `ifNone`: with
   * no item the point is missing (a project in implementation without its contracting processes) or does not apply
   * (no contract modification, nothing to explain). `awardedOnly`: only processes past pre-award are asked for what
   * an award brings (firms, price, contract period); `tenderedOnly`: a process still being planned (pre-award, and
   * nothing of a tender in its summary) is not asked for what its tender will say (method, cost estimate, title…).
   */
  each?: { array: string; ifNone: 'missing' | 'notApplicable'; awardedOnly?: boolean; tenderedOnly?: boolean };
}

const PROCESSES = 'contractingProcesses/summary';
const POSTAL = ['address/streetAddress', 'address/locality', 'address/postalCode'];
const ELECTRONIC = ['contactPoint/email', 'contactPoint/telephone', 'contactPoint/url'];
const OWNER = ['publicAuthority'];
const process = (ifNone: 'missing' | 'notApplicable' = 'missing', awardedOnly = false): CostIdsElement['each'] => ({ array: PROCESSES, ifNone, ...(awardedOnly ? { awardedOnly } : {}) });
/** A point its tender discloses: a process still planned (a work of the annual programme) owes it not yet. */
const tenderPoint: CostIdsElement['each'] = { array: PROCESSES, ifNone: 'missing', tenderedOnly: true };

export const COST_IDS_ELEMENTS: CostIdsElement[] = [
  { id: 'owner', label: 'Entidad responsable del proyecto', stage: 'identification', parts: [{ paths: ['publicAuthority/name'], party: { roles: OWNER, paths: ['name'] } }] },
  { id: 'sector', label: 'Sector', stage: 'identification', parts: [{ paths: ['sector'] }] },
  { id: 'subsector', label: 'Subsector', stage: 'identification', parts: [{ paths: ['additionalClassifications/id', 'additionalClassifications/description'] }] },
  { id: 'name', label: 'Nombre del proyecto', stage: 'identification', parts: [{ paths: ['title'] }] },
  { id: 'location', label: 'Ubicación', stage: 'identification', parts: [{ paths: ['locations/geometry/coordinates', 'locations/address/streetAddress', 'locations/address/locality', 'locations/address/postalCode', 'locations/gazetteer/identifiers', 'locations/description'] }] },
  { id: 'purpose', label: 'Propósito', stage: 'identification', parts: [{ paths: ['purpose'] }] },
  { id: 'description', label: 'Descripción', stage: 'identification', parts: [{ paths: ['description'] }] },
  { id: 'scope', label: 'Alcance (producto principal)', stage: 'preparation', parts: [{ documentTypes: ['projectScope'] }] },
  { id: 'environment', label: 'Impacto ambiental', stage: 'preparation', parts: [{ documentTypes: ['environmentalImpact'] }] },
  { id: 'land', label: 'Impacto en terrenos y reasentamiento', stage: 'preparation', parts: [{ documentTypes: ['landAndSettlementImpact'] }] },
  // The owner's postal and electronic address: another party's e-mail (a contractor's) is not the owner's.
  { id: 'contact', label: 'Datos de contacto de la entidad responsable', stage: 'preparation', parts: [{ party: { roles: OWNER, paths: POSTAL } }, { party: { roles: OWNER, paths: ELECTRONIC } }] },
  { id: 'funding', label: 'Fuentes de financiamiento', stage: 'preparation', parts: [{ paths: ['budget/budgetBreakdowns/budgetBreakdown/sourceParty/name'], party: { roles: ['funder'], paths: ['name'] } }] },
  { id: 'budget', label: 'Presupuesto', stage: 'preparation', parts: [{ paths: ['budget/amount/amount'] }, { paths: ['budget/amount/currency'] }] },
  { id: 'budgetApproval', label: 'Fecha de aprobación del presupuesto', stage: 'preparation', parts: [{ paths: ['budget/approvalDate'], documentTypes: ['budgetApproval'] }] },
  { id: 'procuringEntity', label: 'Entidad contratante', stage: 'procurement', each: tenderPoint, parts: [{ paths: ['tender/procuringEntity/name'], party: { roles: ['procuringEntity'], paths: ['name'] } }] },
  { id: 'procuringContact', label: 'Datos de contacto de la entidad contratante', stage: 'procurement', parts: [{ party: { roles: ['procuringEntity'], paths: POSTAL } }, { party: { roles: ['procuringEntity'], paths: ELECTRONIC } }] },
  { id: 'contractStatus', label: 'Estado del contrato', stage: 'procurement', each: process(), parts: [{ paths: ['status'] }] },
  { id: 'method', label: 'Método de contratación', stage: 'procurement', each: tenderPoint, parts: [{ paths: ['tender/procurementMethod', 'tender/procurementMethodDetails'] }] },
  { id: 'contractType', label: 'Tipo de contrato', stage: 'procurement', each: process(), parts: [{ paths: ['nature'] }] },
  { id: 'tenderers', label: 'Número de licitantes', stage: 'procurement', each: process('missing', true), parts: [{ paths: ['tender/numberOfTenderers', 'tender/tenderers/name'] }] },
  { id: 'costEstimate', label: 'Costo estimado', stage: 'procurement', each: tenderPoint, parts: [{ paths: ['tender/costEstimate/amount'] }] },
  { id: 'contractTitle', label: 'Título del contrato', stage: 'procurement', each: tenderPoint, parts: [{ paths: ['title'] }] },
  { id: 'firms', label: 'Empresas contratadas', stage: 'procurement', each: process('missing', true), parts: [{ paths: ['suppliers/name'] }] },
  { id: 'price', label: 'Monto del contrato', stage: 'procurement', each: process('missing', true), parts: [{ paths: ['contractValue/amount'] }, { paths: ['contractValue/currency'] }] },
  { id: 'contractScope', label: 'Alcance de los trabajos del contrato', stage: 'procurement', each: tenderPoint, parts: [{ paths: ['description'] }] },
  // Start and duration: the end date (or the days) says how long.
  { id: 'contractPeriod', label: 'Inicio y duración del contrato', stage: 'procurement', each: process('missing', true), parts: [{ paths: ['contractPeriod/startDate'] }, { paths: ['contractPeriod/endDate', 'contractPeriod/durationInDays'] }] },
  // Variations in price, duration and scope, each dated and described; with none, nothing to disclose.
  { id: 'variations', label: 'Modificaciones al contrato (monto, plazo, alcance)', stage: 'implementation', each: { array: `${PROCESSES}/modifications`, ifNone: 'notApplicable' }, parts: [{ paths: ['type'] }, { paths: ['date'] }, { paths: ['description'] }] },
  { id: 'variationReasons', label: 'Razones de las modificaciones', stage: 'implementation', each: { array: `${PROCESSES}/modifications`, ifNone: 'notApplicable' }, parts: [{ paths: ['rationale'] }] },
  { id: 'status', label: 'Estado del proyecto', stage: 'completion', parts: [{ paths: ['status'] }] },
  { id: 'finalCost', label: 'Costo final', stage: 'completion', parts: [{ paths: ['completion/finalValue/amount'] }, { paths: ['completion/finalValue/currency'] }] },
  { id: 'finalDate', label: 'Fecha de conclusión', stage: 'completion', parts: [{ paths: ['completion/endDate'] }] },
  { id: 'finalScope', label: 'Alcance final', stage: 'completion', parts: [{ paths: ['completion/finalScope'] }] },
  { id: 'changeReasons', label: 'Razones de los cambios', stage: 'completion', parts: [{ paths: ['completion/finalValueDetails', 'completion/finalScopeDetails', 'completion/endDateDetails'] }] },
  { id: 'audits', label: 'Informes de auditoría y evaluación', stage: 'completion', parts: [{ documentTypes: ['financialAuditReport', 'technicalAuditReport', 'projectEvaluation'] }] },
];

// Loops, not some/flatMap/filter with closures: every project is judged on every point three times a publication
// (the validator, the stats and Pendientes), and these helpers' closures and arrays were a fifth of what a
// publication of 1,000 processes allocated (bench:publish: each allocation is young-generation garbage to collect).
function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (filled(value[i])) return true;
    return false;
  }
  return true;
}

/** True when any value reached through `segments` is filled; arrays on the way fan out over their items. */
export function anyFilled(value: unknown, segments: string[], at = 0): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (anyFilled(value[i], segments, at)) return true;
    return false;
  }
  if (at === segments.length) return filled(value);
  if (value === null || typeof value !== 'object') return false;
  return anyFilled((value as Record<string, unknown>)[segments[at]], segments, at + 1);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const objectsOf = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** The items an unindexed array path reaches (arrays on the way fan out). */
/** The objects along `segments` from `value` (arrays fanned out over their items), in document order, into `out`. */
function itemsAt(value: unknown, segments: string[], at = 0, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) itemsAt(value[i], segments, at, out);
    return out;
  }
  if (!isObject(value)) return out;
  if (at === segments.length) out.push(value);
  else itemsAt(value[segments[at]], segments, at + 1, out);
  return out;
}

/**
 * The project's parties in one of `roles`; the owner is also the party `publicAuthority` points at by id (OC4IDS sets
 * both; a party whose roles were not typed is still the owner it names).
 */
function partiesIn(project: Record<string, unknown>, roles: string[]): Record<string, unknown>[] {
  const ownerId = isObject(project.publicAuthority) ? project.publicAuthority.id : undefined;
  return objectsOf(project.parties).filter((p) => (Array.isArray(p.roles) && p.roles.some((r) => roles.includes(r as string)))
    || (roles.includes('publicAuthority') && filled(ownerId) && p.id === ownerId));
}

/** A document the point can be read from: of the type, with a link or a description (a bare type says nothing). */
function hasDocument(project: Record<string, unknown>, types: string[]): boolean {
  return objectsOf(project.documents).some((d) => types.includes(d.documentType as string) && (filled(d.url) || filled(d.description)));
}

/**
 * A contracting process that has an award to disclose: active, or closed with something of a contract (a process
 * closed with its tender cancelled has no firm nor price); without a status, assumed awarded (it does not say).
 */
function awarded(summary: Record<string, unknown>): boolean {
  if (summary.status === undefined || summary.status === 'active') return true;
  return summary.status === 'closed' && ['suppliers', 'contractValue', 'contractPeriod', 'finalValue'].some((k) => filled(summary[k]));
}

/**
 * A contracting process whose tender exists, or is past it: not pre-award, or with something of a tender in its
 * summary (its number of procedure, from tender.id, or the summary's tender). OC4IDS's `pre-award` is «the planning or
 * tender stage»; a process only planned (an OCDS planning release: core/checks/past-planning.ts) has none of these.
 */
function tendered(summary: Record<string, unknown>): boolean {
  if (summary.status !== 'pre-award') return true;
  if (filled(summary.externalReference)) return true;
  const tender = isObject(summary.tender) ? summary.tender : {};
  return ['procurementMethod', 'procurementMethodDetails', 'datePublished', 'costEstimate', 'numberOfTenderers', 'tenderers'].some((k) => filled(tender[k]));
}

/** Each path's segments, split once: every project of a publication is judged on the same few paths. */
const SEGMENTS = new Map<string, string[]>();
function segmentsOf(path: string): string[] {
  let segments = SEGMENTS.get(path);
  if (!segments) SEGMENTS.set(path, (segments = path.split('/')));
  return segments;
}

function partThere(project: Record<string, unknown>, item: unknown, part: CostIdsPart): boolean {
  const paths = part.paths;
  if (paths) for (let i = 0; i < paths.length; i++) if (anyFilled(item, segmentsOf(paths[i]))) return true;
  if (part.documentTypes && hasDocument(project, part.documentTypes)) return true;
  const party = part.party;
  if (!party) return false;
  for (const p of partiesIn(project, party.roles)) for (const path of party.paths) if (anyFilled(p, segmentsOf(path))) return true;
  return false;
}

/** The parts of `parts` that `item` lacks (undefined: none). */
function missingIn(project: Record<string, unknown>, item: unknown, parts: CostIdsPart[]): CostIdsPart[] | undefined {
  let missing: CostIdsPart[] | undefined;
  for (const part of parts) if (!partThere(project, item, part)) (missing ??= []).push(part);
  return missing;
}

/**
 * `disclosed`; `missing` (with the parts missing, and which items lack it when judged per item); `notDue` (its stage
 * not reached); `notApplicable` (nothing to judge: no awarded process, no contract modification).
 */
export type CostIdsState = 'disclosed' | 'missing' | 'elsewhere' | 'notDue' | 'notApplicable';
export interface CostIdsAssessment {
  element: CostIdsElement;
  /**
   * `elsewhere`: due and not disclosed, but only processes another implementer publishes lack it — theirs to publish,
   * not this project's publisher's to type (`publishedBy`). Still not disclosed: CoST IDS judges the project's data.
   */
  state: CostIdsState;
  /** The parts missing, when `missing` or `elsewhere`. */
  missingParts?: CostIdsPart[];
  /**
   * When judged per item: the 0-based positions (along the array, flattened) of the items that lack it, of the
   * project's own processes (`elsewhere` ones apart); empty when there is no item (or, when `elsewhere`, none of its own).
   */
  items?: number[];
  /** The items that lack it in processes another implementer publishes, by who must publish them (`publishedBy`). */
  elsewhere?: { publisher: string; items: number[] }[];
}

/**
 * Who publishes a listed process, when another implementer does (its name; functions/src/publication/
 * published-elsewhere.ts): its summary is derived at publication from that implementer's data (OC4IDS 0.9.5,
 * «Linking to OCDS data»), so a point it lacks is that implementer's to publish, not the project's publisher's to type.
 */
export type PublishedBy = (ocid: string) => string | undefined;

/**
 * The stages whose points a project in `status` owes: unknown status, every stage (the project does not say how far it
 * got); cancelled, identification only. The one judgement the project page, Calidad, Pendientes and the validator read.
 */
export function stagesReached(project: unknown): Set<CostIdsStage> {
  const p = isObject(project) ? project : {};
  const status = typeof p.status === 'string' ? p.status : undefined;
  const upTo = (last: CostIdsStage): Set<CostIdsStage> => new Set(COST_IDS_STAGES.slice(0, COST_IDS_STAGES.indexOf(last) + 1));
  switch (status) {
    case 'identification': return upTo('identification');
    case 'preparation': return upTo('preparation');
    case 'implementation': return upTo('implementation');
    // OC4IDS 0.9.5 projectStatus `cancelled`: «inactive», cancelled «anytime after identification and before
    // maintenance». Nothing of a later stage will come (no study still to make, no contract to sign, no completion to
    // report): a cancelled project owes only what identifies it, the one stage the code says it reached. What it did
    // disclose of later stages still counts as disclosed; what it lacks of them is not due. Asking it by what its data
    // suggests it reached (its processes) listed a cancelled work among the «Pendientes» for ever.
    case 'cancelled': return upTo('identification');
    default: return upTo('completion');
  }
}

/** Whether the project discloses the point, whatever its stage. */
export function discloses(project: unknown, element: CostIdsElement): boolean {
  return judge(isObject(project) ? project : {}, element).state === 'disclosed';
}

function judge(project: Record<string, unknown>, element: CostIdsElement): Omit<CostIdsAssessment, 'element'> {
  const parts = element.parts;
  if (!element.each) {
    const missingParts = missingIn(project, project, parts);
    return missingParts ? { state: 'missing', missingParts } : { state: 'disclosed' };
  }
  const { array, ifNone, awardedOnly, tenderedOnly } = element.each;
  const all = itemsAt(project, segmentsOf(array));
  let judged = 0;
  let lacking: { at: number; parts: CostIdsPart[] }[] | undefined;
  for (let at = 0; at < all.length; at++) {
    const item = all[at];
    if ((awardedOnly && !awarded(item)) || (tenderedOnly && !tendered(item))) continue;
    judged++;
    const missing = missingIn(project, item, parts);
    if (missing) (lacking ??= []).push({ at, parts: missing });
  }
  if (!judged) return all.length || ifNone === 'notApplicable' ? { state: 'notApplicable' } : { state: 'missing', missingParts: parts, items: [] };
  if (!lacking) return { state: 'disclosed' };
  const found = lacking;
  return { state: 'missing', missingParts: parts.filter((part) => found.some((x) => x.parts.includes(part))), items: found.map((x) => x.at) };
}

/** The ocid of each item of a per-process array, in the order itemsAt flattens them (a modification: its process's). */
function processOcids(project: Record<string, unknown>, array: string): (string | undefined)[] {
  const below = segmentsOf(array).slice(segmentsOf(PROCESSES).length);
  return objectsOf(project.contractingProcesses).flatMap((process) => {
    const summary = isObject(process.summary) ? process.summary : undefined;
    const ocid = typeof process.id === 'string' && process.id.trim() ? process.id : summary && typeof summary.ocid === 'string' ? summary.ocid : undefined;
    return itemsAt(process.summary, below).map(() => ocid);
  });
}

/** The items another implementer publishes taken apart from the project's own: `elsewhere` when none of its own lack it. */
function byPublisher(project: Record<string, unknown>, element: CostIdsElement, result: Omit<CostIdsAssessment, 'element'>, publishedBy: PublishedBy): Omit<CostIdsAssessment, 'element'> {
  const array = element.each?.array;
  if (result.state !== 'missing' || !array?.startsWith(PROCESSES) || !result.items?.length) return result;
  const ocids = processOcids(project, array);
  const own: number[] = [];
  const elsewhere: { publisher: string; items: number[] }[] = [];
  for (const at of result.items) {
    const ocid = ocids[at];
    const publisher = ocid === undefined ? undefined : publishedBy(ocid);
    if (publisher === undefined) { own.push(at); continue; }
    const group = elsewhere.find((g) => g.publisher === publisher);
    if (group) group.items.push(at); else elsewhere.push({ publisher, items: [at] });
  }
  if (!elsewhere.length) return result;
  return { ...result, state: own.length ? 'missing' : 'elsewhere', items: own, elsewhere };
}

/**
 * Every point for this project: disclosed, missing (due at its stage and not there), only missing in processes another
 * implementer publishes (`publishedBy`; without it, every process is the project's own), not due yet, or not
 * applicable. The one judgement the project page, Calidad, Pendientes and the validator read.
 */
export function assessCostIds(project: unknown, publishedBy?: PublishedBy): CostIdsAssessment[] {
  const p = isObject(project) ? project : {};
  const reached = stagesReached(p);
  return COST_IDS_ELEMENTS.map((element) => {
    const judged = judge(p, element);
    const result = publishedBy ? byPublisher(p, element, judged, publishedBy) : judged;
    return { element, ...(result.state !== 'disclosed' && result.state !== 'notApplicable' && !reached.has(element.stage) ? { state: 'notDue' as const } : result) };
  });
}

/**
 * Whether assessCostIds would find a point `missing` (due at the project's stage, not disclosed, lacking in the
 * project's own data), judging no more points than it takes to find one, and none of a stage not reached (those are
 * never `missing`). The validator asks it of each project as typed, before deriving its processes' summaries to judge
 * it as published (cost-ids-missing.ts): the typed judgement's points were never read, only whether there were any.
 */
export function hasMissingCostIds(project: unknown, publishedBy?: PublishedBy): boolean {
  const p = isObject(project) ? project : {};
  const reached = stagesReached(p);
  for (const element of COST_IDS_ELEMENTS) {
    if (!reached.has(element.stage)) continue;
    const judged = judge(p, element);
    if (judged.state === 'missing' && (publishedBy ? byPublisher(p, element, judged, publishedBy) : judged).state === 'missing') return true;
  }
  return false;
}
