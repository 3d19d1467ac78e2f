/**
 * CoST Infrastructure Data Standard (IDS) coverage: the IDS data points that can be read from an OC4IDS project,
 * each with where OC4IDS keeps it (OC4IDS 0.9.5 "CoST IDS" mapping: project-level points on the project,
 * process-level points on `contractingProcesses/summary`; document-based points are documents of that
 * `documentType`). Coverage = share of projects that disclose the point; it cannot judge quality, only presence
 * (OC4IDS guidance "Assessing compliance with the CoST IDS").
 */
export type CostIdsStage = 'identification' | 'preparation' | 'procurement' | 'implementation' | 'completion';

export interface CostIdsElement {
  id: string;
  /** Our own short Spanish name for the data point. */
  label: string;
  stage: CostIdsStage;
  /** Unindexed paths: the point is disclosed when any of them is filled (arrays fan out). */
  paths?: string[];
  /** …or when the project has a document of one of these types. */
  documentTypes?: string[];
}

const P = 'contractingProcesses/summary';

export const COST_IDS_ELEMENTS: CostIdsElement[] = [
  { id: 'owner', label: 'Entidad responsable del proyecto', stage: 'identification', paths: ['publicAuthority/name'] },
  { id: 'sector', label: 'Sector', stage: 'identification', paths: ['sector'] },
  { id: 'name', label: 'Nombre del proyecto', stage: 'identification', paths: ['title'] },
  { id: 'location', label: 'Ubicación', stage: 'identification', paths: ['locations/geometry/coordinates', 'locations/address/locality', 'locations/description'] },
  { id: 'purpose', label: 'Propósito', stage: 'identification', paths: ['purpose'] },
  { id: 'description', label: 'Descripción', stage: 'identification', paths: ['description'] },
  { id: 'scope', label: 'Alcance (producto principal)', stage: 'preparation', paths: ['outputs'], documentTypes: ['projectScope'] },
  { id: 'environment', label: 'Impacto ambiental', stage: 'preparation', documentTypes: ['environmentalImpact'] },
  { id: 'land', label: 'Impacto en terrenos y reasentamiento', stage: 'preparation', documentTypes: ['landAndSettlementImpact'] },
  { id: 'contact', label: 'Datos de contacto', stage: 'preparation', paths: ['parties/contactPoint/email', 'parties/contactPoint/telephone'] },
  { id: 'funding', label: 'Fuentes de financiamiento', stage: 'preparation', paths: ['budget/budgetBreakdowns/budgetBreakdown/sourceParty/name'] },
  { id: 'budget', label: 'Presupuesto', stage: 'preparation', paths: ['budget/amount/amount'] },
  { id: 'budgetApproval', label: 'Fecha de aprobación del presupuesto', stage: 'preparation', paths: ['budget/approvalDate'] },
  { id: 'procuringEntity', label: 'Entidad contratante', stage: 'procurement', paths: [`${P}/tender/procuringEntity/name`] },
  { id: 'contractStatus', label: 'Estado del contrato', stage: 'procurement', paths: [`${P}/status`] },
  { id: 'contractType', label: 'Tipo de contrato', stage: 'procurement', paths: [`${P}/nature`] },
  { id: 'method', label: 'Método de contratación', stage: 'procurement', paths: [`${P}/tender/procurementMethod`] },
  { id: 'tenderers', label: 'Número de licitantes', stage: 'procurement', paths: [`${P}/tender/numberOfTenderers`, `${P}/tender/tenderers/name`] },
  { id: 'costEstimate', label: 'Costo estimado', stage: 'procurement', paths: [`${P}/tender/costEstimate/amount`] },
  { id: 'contractTitle', label: 'Título del contrato', stage: 'procurement', paths: [`${P}/title`] },
  { id: 'firms', label: 'Empresas contratadas', stage: 'procurement', paths: [`${P}/suppliers/name`] },
  { id: 'price', label: 'Monto del contrato', stage: 'procurement', paths: [`${P}/contractValue/amount`] },
  { id: 'contractPeriod', label: 'Inicio y duración del contrato', stage: 'procurement', paths: [`${P}/contractPeriod/startDate`] },
  { id: 'variations', label: 'Modificaciones al contrato (monto, plazo, alcance)', stage: 'implementation', paths: [`${P}/modifications/type`] },
  { id: 'status', label: 'Estado del proyecto', stage: 'completion', paths: ['status'] },
  { id: 'finalCost', label: 'Costo final', stage: 'completion', paths: ['completion/finalValue/amount'] },
  { id: 'finalDate', label: 'Fecha de conclusión', stage: 'completion', paths: ['completion/endDate'] },
  { id: 'finalScope', label: 'Alcance final', stage: 'completion', paths: ['completion/finalScope'] },
  { id: 'changeReasons', label: 'Razones de los cambios', stage: 'completion', paths: ['completion/finalValueDetails', 'completion/finalScopeDetails', 'completion/endDateDetails'] },
  { id: 'audits', label: 'Informes de auditoría y evaluación', stage: 'completion', documentTypes: ['financialAuditReport', 'technicalAuditReport', 'projectEvaluation'] },
];

function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(filled);
  return true;
}

/** True when any value reached through `segments` is filled; arrays on the way fan out over their items. */
export function anyFilled(value: unknown, segments: string[]): boolean {
  if (Array.isArray(value)) return value.some((v) => anyFilled(v, segments));
  if (!segments.length) return filled(value);
  if (value === null || typeof value !== 'object') return false;
  return anyFilled((value as Record<string, unknown>)[segments[0]], segments.slice(1));
}

export function discloses(project: unknown, element: CostIdsElement): boolean {
  if (element.paths?.some((p) => anyFilled(project, p.split('/')))) return true;
  const docs = project && typeof project === 'object' ? (project as { documents?: unknown }).documents : undefined;
  const types = new Set(element.documentTypes ?? []);
  return Array.isArray(docs) && docs.some((d) => d && typeof d === 'object' && types.has((d as { documentType?: unknown }).documentType as string));
}
