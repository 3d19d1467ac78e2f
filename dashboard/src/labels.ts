/**
 * Spanish titles of codes, from the project's own label files (schemas/labels/codes-*.json, the same titles the
 * templates use): never retyped here. Unknown codes are shown as they are.
 */
import oc4ids from '../../schemas/labels/codes-oc4ids.json';
import ocds from '../../schemas/labels/codes-ocds.json';
import { STAGES } from '../../core/workflow/stages';
import { PROCESS_STAGE_TITLES } from '../../core/stats/process-stage-titles';
import { PLANNED_METHOD } from '../../core/stats/figures';

type Lists = Record<string, Record<string, string>>;
const OC4IDS = oc4ids as Lists;
const OCDS = ocds as Lists;

const NO_DATA = 'Sin dato';

/** Own keys only: a published code «__proto__» found the object's prototype, which the page could not draw. */
const own = (table: Readonly<Record<string, string>> | undefined, key: string): string | undefined =>
  (table !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);

function title(lists: Lists, list: string, code: string): string {
  if (code === 'sin-dato') return NO_DATA;
  return own(lists[list], code) ?? code;
}

export const statusTitle = (code: string): string => title(OC4IDS, 'projectStatus', code);
export const sectorTitle = (code: string): string => title(OC4IDS, 'projectSector', code);
/** A process still at planning has no procedure yet (core/stats/figures.ts methodKey): not «Sin dato». */
export const methodTitle = (code: string): string => (code === PLANNED_METHOD ? 'Aún sin procedimiento (en planeación)' : title(OCDS, 'method', code));
export const documentTypeTitle = (code: string): string => title(OC4IDS, 'documentType', code);
/** A contracting process's codes (EDCA-MX / OCDS lists), as the template's drop-downs show them to the official. */
export const processCodeTitle = (list: 'documentType' | 'tenderStatus' | 'awardStatus' | 'contractStatus' | 'implementationStatus', code: string): string => title(OCDS, list, code);
/** What a release of a process was (its `tag`: planning, tenderUpdate, contractAmendment…), as the template's list titles it. */
export const releaseTagTitle = (code: string): string => title(OCDS, 'releaseTag', code);
export const processStatusTitle = (code: string): string => title(OC4IDS, 'contractingProcessStatus', code);
export const projectTypeTitle = (code: string): string => title(OC4IDS, 'projectType', code);
export const milestoneStatusTitle = (code: string): string => title(OC4IDS, 'milestoneStatus', code);
/** The catalogue a project's additional classification comes from (ODS, ICMS…). */
export const classificationSchemeTitle = (code: string): string => title(OC4IDS, 'classificationScheme', code);
/** What a contract modification changed (its duration, value or scope). */
export const modificationTypeTitle = (code: string): string => title(OC4IDS, 'modificationType', code);
/** How a declared related project relates to the project (construction, rehabilitation, replacement, expansion). */
export const relatedProjectTitle = (code: string): string => title(OC4IDS, 'relatedProject', code);
/** The accounting stages (momentos contables) a budget line's `measures` are, in their list's order (aprobado … pagado). */
export const BUDGET_MOMENTS: readonly string[] = Object.keys(OCDS['mx/budgetMoment'] ?? {});
export const budgetMomentTitle = (code: string): string => title(OCDS, 'mx/budgetMoment', code);
/** A budget classification level's type (financialSource, Administrative…) by its Spanish title; a type off the list as published. */
export const budgetClassificationTypeTitle = (code: string): string => title(OCDS, 'mx/budgetClassificationType', code);

export const COMPETITION_TITLES: Record<string, string> = {
  '1': 'Baja: 1 licitante',
  '2-5': 'Normal: de 2 a 5 licitantes',
  '6+': 'Alta: más de 5 licitantes',
  unknown: 'Sin dato de licitantes',
  planning: 'Aún sin licitación (en planeación)',
};

export function codes(list: 'projectStatus' | 'projectSector'): string[] {
  return Object.keys(OC4IDS[list] ?? {});
}

/** Where a process stands (core/stats/publication-index.ts `processStage`). */
export const STAGE_TITLES: Readonly<Record<string, string>> = PROCESS_STAGE_TITLES;
export const stageTitle = (code: string | undefined): string => (code ? own(STAGE_TITLES, code) ?? code : NO_DATA);

/**
 * A licence by the name people know it by (CC BY 4.0, CC0 1.0, Libre Uso MX) when its address is one of those;
 * otherwise the address itself. The link still goes to the licence's text.
 */
export function licenseName(url: string): string {
  const cc = /creativecommons\.org\/licenses\/([a-z-]+)\/(\d+\.\d+)/i.exec(url);
  if (cc) return `CC ${cc[1].toUpperCase()} ${cc[2]}`;
  if (/creativecommons\.org\/publicdomain\/zero\/1\.0/i.test(url)) return 'CC0 1.0';
  if (/datos\.gob\.mx\/libreusomx/i.test(url)) return 'Libre Uso MX';
  return url;
}

/** A party's identifiers as the index and the documents carry them (core/stats/publication-index.ts Party). */
export interface PartyIds { id?: string; identifier?: string; scheme?: string }

/** The identifier schemes under which a party's clave is its RFC: the org-id code, and «RFC» as Nuevo León writes it. */
const RFC_SCHEMES = new Set(['MX-RFC', 'RFC']);
/** Published under another scheme (the INAI's units are «MX-INAI», 610 for its DGVCCEF): not an RFC. */
const otherScheme = (party: PartyIds): string | undefined => (party.identifier !== undefined && party.scheme && !RFC_SCHEMES.has(party.scheme.toUpperCase()) ? party.scheme : undefined);

/**
 * A party's id as people read it under «RFC / clave»: its identifier as published (the RFC), else its id without
 * the `MX-RFC-` prefix (the data write it before the RFC: Glosario), other ids as published; «Sin dato» when there
 * is none. A clave of another register says which («610 (registro MX-INAI)»): bare, it read as an RFC.
 */
export function partyKey(party: PartyIds): string {
  const scheme = otherScheme(party);
  if (scheme) return `${party.identifier} (registro ${scheme})`;
  return party.identifier ?? (party.id ? party.id.replace(/^MX-RFC-/, '') : NO_DATA);
}

/**
 * The line under a party's name: «RFC: …» when its identifier is published as an RFC, «Clave en el registro X: …»
 * under another scheme, «RFC / clave: …» when the data do not say (an id, or an identifier without scheme);
 * undefined without any.
 */
export function partyIdLine(party: PartyIds): string | undefined {
  if (!party.id && party.identifier === undefined) return undefined;
  const scheme = otherScheme(party);
  if (scheme) return `Clave en el registro ${scheme}: ${party.identifier}`;
  if (party.identifier !== undefined && party.scheme && RFC_SCHEMES.has(party.scheme.toUpperCase())) return `RFC: ${party.identifier}`;
  return `RFC / clave: ${partyKey(party)}`;
}

/**
 * The program's stages (core/workflow/stages.ts) in plain words, for the public pages: the short note on Seguimiento
 * and the Glosario's entry with every stage. What the letters «REDA» stand for is written nowhere in the program's
 * data, its code or its documents, so they are not spelled out: the text says what is known — it is the program's
 * first stage, and the coordination records the date each stage is reached (README, review/stages-page.ts).
 */
const stageNames = STAGES.map((s) => `${s.code} ${s.label}`);
const [firstStage, lastStage] = [stageNames[0], stageNames[stageNames.length - 1]];
const STAGES_RECORDED = 'La coordinación del Organismo Garante de su estado registra la fecha en que el implementador alcanza cada una.';
const REDA = '«REDA» es el nombre que el programa da a su primera etapa.';
export const PROGRAM_STAGES_NOTE = `Los pasos que sigue cada implementador en el programa, de «${firstStage}» a «${lastStage}». ${STAGES_RECORDED} ${REDA}`;
export const PROGRAM_STAGES_TEXT = `Los pasos que sigue cada implementador en el programa: ${stageNames.slice(0, -1).join(', ')} y ${lastStage}. ${STAGES_RECORDED} ${REDA}`;
