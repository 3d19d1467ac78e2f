/**
 * The program's own declared extensions (schemas/extensions), as the public API serves them: packages name
 * `{base}/api/extensiones/{name}/extension.json`, and that file names its `release-schema.json` relative to itself,
 * as OCDS extensions do. Bundled at build time, so the functions read no file at run time.
 */
import budgetExtension from '../../../schemas/extensions/edca-mx-budget/extension.json';
import budgetSchema from '../../../schemas/extensions/edca-mx-budget/release-schema.json';
import sectionExtension from '../../../schemas/extensions/edca-mx-document-section/extension.json';
import sectionSchema from '../../../schemas/extensions/edca-mx-document-section/release-schema.json';

export const EXTENSION_FILES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'edca-mx-budget': { 'extension.json': budgetExtension, 'release-schema.json': budgetSchema },
  'edca-mx-document-section': { 'extension.json': sectionExtension, 'release-schema.json': sectionSchema },
};

/** The file, or undefined for any other name (own keys only: no prototype members). */
export function extensionFile(name: string, file: string): unknown {
  const files = Object.prototype.hasOwnProperty.call(EXTENSION_FILES, name) ? EXTENSION_FILES[name] : undefined;
  return files && Object.prototype.hasOwnProperty.call(files, file) ? files[file] : undefined;
}
