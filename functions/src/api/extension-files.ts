/**
 * The program's own declared extensions (schemas/extensions), as the public API serves them: packages name
 * `{base}/api/extensiones/{name}/extension.json`, and that file names its `release-schema.json` and its code lists
 * (`codelists/{file}.csv`) relative to itself, as OCDS extensions do. Bundled at build time, so the functions read
 * no file at run time: the CSV text is written from the bundled profile and labels by the same function the profile
 * generator writes the committed files with (core/profile/codelist-csv.ts).
 */
import budgetExtension from '../../../schemas/extensions/edca-mx-budget/extension.json';
import budgetSchema from '../../../schemas/extensions/edca-mx-budget/release-schema.json';
import sectionExtension from '../../../schemas/extensions/edca-mx-document-section/extension.json';
import sectionSchema from '../../../schemas/extensions/edca-mx-document-section/release-schema.json';
import { OWN_EXTENSION_CODELISTS } from '../../../core/profile/own-extension-codelists';
import { codelistCsv, codelistRows } from '../../../core/profile/codelist-csv';
import { PROFILES } from '../../../core/profile/profiles';

export const EXTENSION_FILES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'edca-mx-budget': { 'extension.json': budgetExtension, 'release-schema.json': budgetSchema },
  'edca-mx-document-section': { 'extension.json': sectionExtension, 'release-schema.json': sectionSchema },
};

/** The file, or undefined for any other name (own keys only: no prototype members). */
export function extensionFile(name: string, file: string): unknown {
  const files = Object.prototype.hasOwnProperty.call(EXTENSION_FILES, name) ? EXTENSION_FILES[name] : undefined;
  return files && Object.prototype.hasOwnProperty.call(files, file) ? files[file] : undefined;
}

const own = <T>(map: Readonly<Record<string, T>>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined);

/** The CSV text of the code list `file` an extension declares (`budgetOrigin.csv`), or undefined for any other. */
export function extensionCodelist(name: string, file: string): string | undefined {
  const files = own(OWN_EXTENSION_CODELISTS, name);
  const list = files ? own(files, file) : undefined;
  const codes = list ? own(PROFILES.ocds.codelists, list)?.codes : undefined;
  return list && codes ? codelistCsv(codelistRows(list, codes)) : undefined;
}
