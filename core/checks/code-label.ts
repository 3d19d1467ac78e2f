/** The Spanish title of a code (schemas/labels), for messages that name a status or a document type. */
import codesOcds from '../../schemas/labels/codes-ocds.json';
import codesOc4ids from '../../schemas/labels/codes-oc4ids.json';
import type { Standard } from '../profile/types';
import { ownValue } from './json';

const CODES = codesOcds as Record<string, Record<string, string>>;
const PROJECT_CODES = codesOc4ids as Record<string, Record<string, string>>;

/** Just the Spanish title (the code when it has none); `standard` says whose codelist (a project's status is OC4IDS's). */
export function codeTitle(codelist: string, code: string, standard: Standard = 'ocds'): string {
  const list = ownValue(standard === 'oc4ids' ? PROJECT_CODES : CODES, codelist);
  return (list ? ownValue(list, code) : undefined) ?? code;
}
