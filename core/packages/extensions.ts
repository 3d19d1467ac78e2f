/**
 * The extension URLs declared in EDCA-MX release and record packages — the one place that maps extension names
 * (schemas/manifest.json) to where each is published. Owners are those of the copies in ../shared/standards
 * (README there): INAI's capture tool uses the `contratacionesabiertas` repositories for the Mexican
 * extensions; the others are Open Contracting community extensions. `ocds_location_extension` is pinned to the
 * tag the profile was built from; the rest follow their default branch, as the capture tool declares them.
 */
import manifest from '../../schemas/manifest.json';
import { extensionFolderUrl } from './extension-documentation';

const MX = 'contratacionesabiertas';
const OCP = 'open-contracting-extensions';

/** Repository owner and git ref of each extension named in the manifest. */
export const EXTENSION_SOURCES: Readonly<Record<string, { owner: string; ref: string }>> = {
  ocds_requestForQuotes_extension: { owner: MX, ref: 'master' },
  ocds_clarificationMeetings_extension: { owner: MX, ref: 'master' },
  ocds_paymentMethod_extension: { owner: MX, ref: 'master' },
  ocds_taxes_extension: { owner: MX, ref: 'master' },
  ocds_publicNotices_extension: { owner: MX, ref: 'master' },
  ocds_implementationStatus_extension: { owner: MX, ref: 'master' },
  ocds_awardRationale_extension: { owner: MX, ref: 'master' },
  ocds_nameBreakdown_extension: { owner: MX, ref: 'master' },
  ocds_surveillanceMechanisms_extension: { owner: MX, ref: 'master' },
  ocds_extendedProcurementCategory_extension: { owner: MX, ref: 'master' },
  ocds_contactPointType_extension: { owner: MX, ref: 'master' },
  ocds_budgetLines_extension: { owner: MX, ref: 'master' },
  ocds_guarantees_extension: { owner: MX, ref: 'master' },
  ocds_procurementUnits_extension: { owner: MX, ref: 'master' },
  ocds_location_extension: { owner: OCP, ref: 'v1.1.5' },
  ocds_exchangeRate_extension: { owner: OCP, ref: 'master' },
  ocds_additionalContactPoints_extension: { owner: OCP, ref: 'master' },
  ocds_memberOf_extension: { owner: OCP, ref: 'master' },
  ocds_budget_breakdown_extension: { owner: OCP, ref: 'master' },
  ocds_project_extension: { owner: OCP, ref: 'master' },
};

export function extensionUrl(name: string): string {
  const source = EXTENSION_SOURCES[name] ?? { owner: MX, ref: 'master' };
  return `https://raw.githubusercontent.com/${source.owner}/${name}/${source.ref}/extension.json`;
}

/** The `extensions` of every EDCA-MX package, in manifest order. */
export const EDCA_MX_EXTENSIONS: readonly string[] = manifest.edcaMx.extensions.map(extensionUrl);

/** The program's own declared extensions (schemas/extensions, docs/edcapi-extensions.md), by name. */
export const PROGRAM_EXTENSIONS: readonly string[] = manifest.edcaMx.programExtensions.map((p) => p.slice(p.lastIndexOf('/') + 1));

/** Where the public API serves one of the program's extensions (functions/src/api/public-routes.ts). */
export function programExtensionUrl(baseUrl: string, name: string): string {
  return `${extensionFolderUrl(baseUrl, name)}extension.json`;
}

/**
 * The `extensions` of the packages the public API serves: the published ones, then the program's own at the API's
 * address — packages carrying budget classification, origin or document sections declare where those fields are
 * defined. Files written offline (CLI convert) have no such address and declare the published ones only.
 */
export function servedExtensions(baseUrl: string): string[] {
  return [...EDCA_MX_EXTENSIONS, ...PROGRAM_EXTENSIONS.map((name) => programExtensionUrl(baseUrl, name))];
}
