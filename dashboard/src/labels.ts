/**
 * Spanish titles of codes, from the project's own label files (schemas/labels/codes-*.json, the same titles the
 * templates use): never retyped here. Unknown codes are shown as they are.
 */
import oc4ids from '../../schemas/labels/codes-oc4ids.json';
import ocds from '../../schemas/labels/codes-ocds.json';

type Lists = Record<string, Record<string, string>>;
const OC4IDS = oc4ids as Lists;
const OCDS = ocds as Lists;

const NO_DATA = 'Sin dato';

function title(lists: Lists, list: string, code: string): string {
  if (code === 'sin-dato') return NO_DATA;
  return lists[list]?.[code] ?? code;
}

export const statusTitle = (code: string): string => title(OC4IDS, 'projectStatus', code);
export const sectorTitle = (code: string): string => title(OC4IDS, 'projectSector', code);
export const methodTitle = (code: string): string => title(OCDS, 'method', code);
export const documentTypeTitle = (code: string): string => title(OC4IDS, 'documentType', code);
/** A contracting process's codes (EDCA-MX / OCDS lists), as the template's drop-downs show them to the official. */
export const processCodeTitle = (list: 'documentType' | 'tenderStatus' | 'awardStatus' | 'contractStatus' | 'implementationStatus', code: string): string => title(OCDS, list, code);
export const processStatusTitle = (code: string): string => title(OC4IDS, 'contractingProcessStatus', code);
export const projectTypeTitle = (code: string): string => title(OC4IDS, 'projectType', code);
export const milestoneStatusTitle = (code: string): string => title(OC4IDS, 'milestoneStatus', code);

export const COMPETITION_TITLES: Record<string, string> = {
  '1': 'Baja: 1 licitante',
  '2-5': 'Normal: de 2 a 5 licitantes',
  '6+': 'Alta: más de 5 licitantes',
  unknown: 'Sin dato de licitantes',
};

export function codes(list: 'projectStatus' | 'projectSector'): string[] {
  return Object.keys(OC4IDS[list] ?? {});
}

/** Where a process stands (core/stats/publication-index.ts `processStage`). */
export const STAGE_TITLES: Record<string, string> = {
  planning: 'Planeación',
  tender: 'Licitación',
  award: 'Adjudicación',
  contract: 'Contratación',
  implementation: 'Ejecución',
  completed: 'Terminado',
  cancelled: 'Cancelado',
};
export const stageTitle = (code: string | undefined): string => (code ? STAGE_TITLES[code] ?? code : NO_DATA);
