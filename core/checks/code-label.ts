/** The Spanish title of a code (schemas/labels), for messages that name a status or a document type. */
import codesOcds from '../../schemas/labels/codes-ocds.json';
import { ownValue } from './json';

const CODES = codesOcds as Record<string, Record<string, string>>;

/** Just the Spanish title (the code when it has none). */
export function codeTitle(codelist: string, code: string): string {
  const list = ownValue(CODES, codelist);
  return (list ? ownValue(list, code) : undefined) ?? code;
}

export function codeLabel(codelist: string, code: string): string {
  const list = ownValue(CODES, codelist);
  const title = list ? ownValue(list, code) : undefined;
  return title ? `${title} (${code})` : code;
}
