/** Public entry of the import of published EDCA-MX / EDCAPI data. */
import './import-messages';
export { importDocuments, type ImportResult } from './upgrade';
export { packageMetadata, packageTermsFindings, publisherNamesFinding, settingsFromPackages } from './settings-from-packages';
export { groupFieldNotes } from './field-notes';
export { datesKeptAsText } from './dates-as-text';
export { compileProcesses, isNotCarriedNote, joinNotCarried, latestProjects } from './process-history';
export { amountsOnlyWithTax } from './value-with-tax';
