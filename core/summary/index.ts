/** OC4IDS contracting-process summaries derived from published OCDS data. */
export { deriveProjectSummaries, type SummaryOptions } from './derive-project-summaries';
export { processTitle, summaryFromRelease, type ReleaseLink, type SummaryInputs } from './summary-from-release';
export { contractingProcessStatus, type ProcessStatus } from './process-status';
export { resolveParties } from './project-parties';
export { AMENDMENT_CHANGES_VERSION, amendmentChanges, hasContractAmendments, type AmendmentChange } from './amendment-changes';
export { typedPart, typedPartOf, withTypedPart, withTypedRows, type TypedPart } from './typed-rows';
