/**
 * The code lists the program's own extensions (schemas/extensions) declare, in the OCDS extension format: the
 * extension's `extension.json` lists each file under `codelists`, the file sits in its `codelists/` folder (columns
 * Code, Title, Description) and a field's `codelist` names the file. Inside the program the same lists keep their
 * `mx/` names (profile, labels, checks, dashboard), so a Mexican list can never shadow an OCDS one of the same name;
 * this is the one map between the two. The files are written by scripts/generate-profile.ts and served by the API.
 */
import type { Codelist } from './types';

export const OWN_EXTENSION_CODELISTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'edca-mx-budget': { 'budgetOrigin.csv': 'mx/budgetOrigin', 'budgetClassificationType.csv': 'mx/budgetClassificationType' },
  // The Mexican document types EDCA-MX adds to OCDS's open documentType list: `+` adds them to the standard's list,
  // as OCDS extensions do (ocds_publicNotices_extension's +milestoneType.csv).
  'edca-mx-document-section': { '+documentType.csv': 'documentType' },
};

/** The codes a declared file lists: a `+` file, only those the program adds to the standard's list. */
export function declaredCodes(file: string, codelist: Codelist | undefined): readonly string[] | undefined {
  return file.startsWith('+') ? codelist?.added : codelist?.codes;
}

/** The profile's name of a list our own extensions' fields name by file (`budgetOrigin.csv` → `mx/budgetOrigin`). */
export function ownCodelistName(file: string): string | undefined {
  for (const files of Object.values(OWN_EXTENSION_CODELISTS)) {
    if (Object.prototype.hasOwnProperty.call(files, file)) return files[file];
  }
  return undefined;
}
