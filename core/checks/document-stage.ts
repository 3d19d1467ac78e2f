/**
 * EDCA-MX lists which document types belong to which stage (capture tool catalogue `documenttype`, stage 1–5;
 * rules.md R-37): a contract document filed under planning is misfiled. Types outside the catalogue are left to
 * the codelist check. `document.wrongStage` (warning) on documentType.
 */
import stages from '../../schemas/mx-document-stages.json';
import { itemsAlong, ownValue, someAlong, stringAt } from './json';
import type { Check, JsonObject } from './types';
import { codeTitle } from './code-label';

const STAGES_OF_TYPE = stages as Record<string, number[]>;
const STAGE_NAMES = ['', 'planeación', 'licitación', 'adjudicación', 'contrato', 'ejecución'];
/** Document arrays of a release and the catalogue's stage number (1 planning … 5 implementation). */
const DOCUMENT_ARRAYS: [path: string, stage: number][] = [
  ['planning/documents', 1], ['tender/documents', 2], ['awards/documents', 3], ['contracts/documents', 4], ['contracts/implementation/documents', 5],
];

function misfiled(item: JsonObject, stage: number): boolean {
  const type = stringAt(item, 'documentType');
  const allowed = type === undefined ? undefined : ownValue(STAGES_OF_TYPE, type);
  return allowed !== undefined && !allowed.includes(stage);
}

export const documentStage: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    // Most releases file every document right: their items' pointers are built only for one that does not (issue 17).
    if (!DOCUMENT_ARRAYS.some(([path, stage]) => someAlong(data, path, (item) => misfiled(item, stage)))) continue;
    for (const [path, stage] of DOCUMENT_ARRAYS) {
      for (const { item, pointer: p } of itemsAlong(data, path, pointer)) {
        if (misfiled(item, stage)) report('document.wrongStage', 'warning', `${p}/documentType`, { value: codeTitle('documentType', stringAt(item, 'documentType') ?? ''), stage: STAGE_NAMES[stage] });
      }
    }
  }
};
