/**
 * The documents every process of the program is expected to publish, by procedure (rules.md R-41, the summary of
 * the capture tool's validation report): needs assessment, market research and project plan always; call for
 * tenders and clarification minutes in public tenders and invitations; technical annex in direct awards; award
 * notice once there is an award; signed contract once a contract is in force; completion certificate once it ended.
 * A missing one does not block publication (it did not in the program either): one `document.keyMissing`
 * (warning) per process, listing what is missing, on the procedure type cell.
 */
import { METHOD_OF_DETAILS } from './procurement-method';
import { objectAt, objectsAt, ownValue, someAlong, stringAt } from './json';
import { codeTitle } from './code-label';
import { formatList } from '../format/es-mx';
import { hasPlanning, pastPlanning } from './past-planning';
import { sheetOfField } from '../template/sheet-of-field';
import { templateSpec } from '../template/template-spec';
import type { Check, JsonObject } from './types';

const DOCUMENT_ARRAYS = ['planning/documents', 'tender/documents', 'awards/documents', 'contracts/documents', 'contracts/implementation/documents'];
const STARTED = new Set(['active', 'complete', 'unsuccessful']);
/** How many untyped documents a message names: a longer list buries the sentence it is in. */
const UNTYPED_NAMED = 5;

/** The key document types this process should hold by now, in the order of the report. */
function expectedTypes(data: JsonObject, method: string | undefined): string[] {
  const tender = objectAt(data, 'tender');
  const awards = objectsAt(data, 'awards');
  const contracts = objectsAt(data, 'contracts');
  const started = STARTED.has(stringAt(tender, 'status') ?? '') || awards.length > 0;
  const out = ['needsAssessment', 'marketStudies', 'projectPlan'];
  if ((method === 'open' || method === 'selective') && started) out.push('tenderNotice', 'clarifications');
  if (method === 'direct') out.push('technicalSpecifications');
  if (awards.some((a) => stringAt(a, 'status') === 'active') || contracts.length > 0) out.push('awardNotice');
  if (contracts.some((c) => ['active', 'terminated'].includes(stringAt(c, 'status') ?? ''))) out.push('contractSigned');
  if (contracts.some((c) => stringAt(c, 'status') === 'terminated' || stringAt(objectAt(c, 'implementation'), 'status') === 'concluded')) out.push('completionCertificate');
  return out;
}

/**
 * The key documents a process (a release, or a record's compiled release) should hold by its stage and does not, in
 * the report's order, and its documents without a type; also what the check reports them against. The control
 * board's *Pendientes* list (core/stats/pending.ts) reads the same judgement.
 */
export function keyDocumentsMissing(data: JsonObject): { missing: string[]; untyped: string[]; details: string | undefined; method: string | undefined } {
  const tender = objectAt(data, 'tender');
  const details = stringAt(tender, 'procurementMethodDetails');
  // The Mexican procedure type decides (the method is derived from it; a mismatch is tender.methodMismatch).
  const method = (details === undefined ? undefined : ownValue(METHOD_OF_DETAILS, details.trim())) ?? stringAt(tender, 'procurementMethod');
  const present = new Set<string | undefined>();
  // Documents with no type (an import of a publication that never set it: Ciudad de México's «CONTRATO A-014/2016»):
  // one of them may be the missing one, and «Faltan… Contrato firmado» sent the official to add a contract they had.
  const untyped: string[] = [];
  for (const path of DOCUMENT_ARRAYS) {
    someAlong(data, path, (item) => {
      const type = stringAt(item, 'documentType');
      present.add(type);
      if (type === undefined) untyped.push(`«${stringAt(item, 'title') ?? stringAt(item, 'url') ?? stringAt(item, 'id') ?? '?'}»`);
      return false;
    });
  }
  return { missing: expectedTypes(data, method).filter((t) => !present.has(t)), untyped, details, method };
}

/** The sheet of the planning documents, as the template names it. */
let planningSheetName: string | undefined;
const planningSheet = (): string => (planningSheetName ??= sheetOfField(templateSpec(), 'ocds', 'planning/documents/documentType')?.sheet ?? 'planning/documents');

export const keyDocuments: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    const { missing, untyped, details, method } = keyDocumentsMissing(data);
    if (missing.length === 0) continue;
    const list = {
      missing: missing.map((t) => codeTitle('documentType', t)).join('; '), count: missing.length,
      // Named up to UNTYPED_NAMED; the count says how many there are.
      ...(untyped.length ? { untyped: untyped.length, untypedNames: untyped.length > UNTYPED_NAMED ? `${untyped.slice(0, UNTYPED_NAMED).join(', ')}, …` : formatList(untyped) } : {}),
    };
    // A process still at planning (past-planning.ts) misses only planning documents: said at its own row, naming
    // their sheet. On «Tipo de procedimiento» it asked the official to choose a procedure the process does not have
    // yet — and one typed there makes every tender column due.
    // Nothing planned at all is process.planningEmpty (planning-content.ts): one finding on that cell, not two.
    if (!pastPlanning(data) && !hasPlanning(data)) continue;
    if (!pastPlanning(data)) report('document.keyMissingPlanning', 'warning', `${pointer}/ocid`, { ...list, sheet: planningSheet() });
    // Without a procedure type, the documents every procedure asks for (said without a procedure: the message read
    // «… pide para «sin tipo de procedimiento»», on the cell the same report asks to fill).
    else if (details === undefined && method === undefined) report('document.keyMissingAnyProcedure', 'warning', `${pointer}/tender/procurementMethodDetails`, list);
    else report('document.keyMissing', 'warning', `${pointer}/tender/procurementMethodDetails`, { ...list, method: details ?? codeTitle('method', method as string) });
  }
};
