/**
 * A code list as an OCDS codelist CSV (header Code,Title,Description; RFC 4180 quoting): what outside OCDS tools
 * (Data Review Tool, Kingfisher, lib-cove) read from an extension's `codelists/` folder. Titles and descriptions are
 * the program's Spanish ones (schemas/labels). Pure: the profile generator writes the committed files with it and
 * the API serves the same text, so the two cannot drift apart unnoticed (functions/src/api/public-routes.test.ts).
 */
import codesOcds from '../../schemas/labels/codes-ocds.json';
import descriptionsOcds from '../../schemas/labels/code-descriptions-ocds.json';

export interface CodelistRow { code: string; title: string; description: string }

const TITLES = codesOcds as Record<string, Record<string, string>>;
const DESCRIPTIONS = descriptionsOcds as Record<string, Record<string, string>>;

const own = (map: Record<string, Record<string, string>>, list: string, code: string): string => {
  const entries = Object.prototype.hasOwnProperty.call(map, list) ? map[list] : undefined;
  return entries && Object.prototype.hasOwnProperty.call(entries, code) ? entries[code] : '';
};

/** The rows of an EDCA-MX list (`mx/budgetOrigin`); a code without Spanish text gets '' (refused when generating). */
export function codelistRows(list: string, codes: readonly string[]): CodelistRow[] {
  return codes.map((code) => ({ code, title: own(TITLES, list, code), description: own(DESCRIPTIONS, list, code) }));
}

const cell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function codelistCsv(rows: readonly CodelistRow[]): string {
  return ['Code,Title,Description', ...rows.map((r) => [r.code, r.title, r.description].map(cell).join(','))].join('\n') + '\n';
}
