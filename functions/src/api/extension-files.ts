/**
 * The program's own declared extensions (schemas/extensions), as the public API serves them: packages name
 * `{base}/api/extensiones/{name}/extension.json`, and that file names its `release-schema.json` and its code lists
 * (`codelists/{file}.csv`) relative to itself, as OCDS extensions do, and its documentation in Spanish and English
 * (`documentationUrl`: README.md, README.en.md) at this API's public address (core/packages/extension-documentation.ts).
 * Bundled at build time, so the functions read no file at run time: the CSV text is written from the bundled profile
 * and labels by the same function the profile generator writes the committed files with (core/profile/codelist-csv.ts).
 */
import budgetExtension from '../../../schemas/extensions/edca-mx-budget/extension.json';
import budgetSchema from '../../../schemas/extensions/edca-mx-budget/release-schema.json';
import sectionExtension from '../../../schemas/extensions/edca-mx-document-section/extension.json';
import sectionSchema from '../../../schemas/extensions/edca-mx-document-section/release-schema.json';
import { declaredCodes, OWN_EXTENSION_CODELISTS } from '../../../core/profile/own-extension-codelists';
import { codelistCsv, codelistRows } from '../../../core/profile/codelist-csv';
import { PROFILES } from '../../../core/profile/profiles';
import { DOCUMENTATION_FILES, extensionDocumentation, servedExtensionMetadata, type DocLanguage, type OwnExtensionMetadata } from '../../../core/packages/extension-documentation';

const own = <T>(map: Readonly<Record<string, T>>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined);

const EXTENSIONS: Readonly<Record<string, { metadata: OwnExtensionMetadata; releaseSchema: unknown }>> = {
  'edca-mx-budget': { metadata: budgetExtension, releaseSchema: budgetSchema },
  'edca-mx-document-section': { metadata: sectionExtension, releaseSchema: sectionSchema },
};

/** A file of an extension folder: JSON (extension.json, release-schema.json) or Markdown (its documentation). */
export type ExtensionFile = { kind: 'json'; body: unknown } | { kind: 'markdown'; body: string };

/** The file as served at `baseUrl`, or undefined for any other name (own keys only: no prototype members). */
export function extensionFile(baseUrl: string, name: string, file: string): ExtensionFile | undefined {
  const extension = own(EXTENSIONS, name);
  if (!extension) return undefined;
  if (file === 'extension.json') return { kind: 'json', body: servedExtensionMetadata(baseUrl, name, extension.metadata) };
  if (file === 'release-schema.json' && extension.metadata.schemas.includes(file)) return { kind: 'json', body: extension.releaseSchema };
  const lang = (Object.keys(DOCUMENTATION_FILES) as DocLanguage[]).find((l) => DOCUMENTATION_FILES[l] === file);
  return lang ? { kind: 'markdown', body: extensionDocumentation(lang, baseUrl, name, extension.metadata, extension.releaseSchema) } : undefined;
}

/** The CSV text of the code list `file` an extension declares (`budgetOrigin.csv`), or undefined for any other. */
export function extensionCodelist(name: string, file: string): string | undefined {
  const files = own(OWN_EXTENSION_CODELISTS, name);
  const list = files ? own(files, file) : undefined;
  const codes = list ? declaredCodes(file, own(PROFILES.ocds.codelists, list)) : undefined;
  return list && codes ? codelistCsv(codelistRows(list, codes)) : undefined;
}
