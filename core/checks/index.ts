/** Every check beyond the schema, in the order their findings are listed. One file per rule. */
import { budgetBreakdownTotal } from './budget-breakdown-total';
import { codelists } from './codelists';
import { contractValue } from './contract-value';
import { budgetZero } from './budget-zero';
import { awardReference } from './award-reference';
import { contractingProcessLink } from './contracting-process-link';
import { modificationRelease } from './modification-release';
import { coordinatesMexico } from './coordinates-mexico';
import { documentStage } from './document-stage';
import { duplicateIds } from './duplicate-ids';
import { futureDates } from './future-dates';
import { ocidPrefix } from './ocid-prefix';
import { partyReferences } from './party-references';
import { periodOrder } from './period-order';
import { procurementCategory } from './procurement-category';
import { procurementMethod } from './procurement-method';
import { programRequired } from './program-required';
import { projectIdPrefix } from './project-id-prefix';
import { projectStatus } from './project-status';
import { projectStageOrder } from './project-stage-order';
import { projectStagePeriod } from './project-stage-period';
import { rfc } from './rfc';
import { stageDateOrder } from './stage-date-order';
import { valueCurrency } from './value-currency';
import { amountSign } from './amount-sign';
import { publicAuthority } from './public-authority';
import { partyIdentity } from './party-identity';
import { postalCode } from './postal-code';
import { documentStatus } from './document-status';
import { keyDocuments } from './key-documents';
import { dateOrderDocuments } from './date-order-documents';
import { storedSize, textLimits } from './text-limits';
import { urlScheme } from './url-scheme';
import { contactEmail } from './contact-email';
import { invisibleCharacters } from './invisible-characters';
import { personalDataText } from './personal-data-text';
import { withheldPartyData } from './withheld-party-data';
import { budgetLineId } from './budget-line-id';
import { progressRange } from './progress-range';
import { costIdsMissing } from './cost-ids-missing';
import { planningContent } from './planning-content';
import type { Check, CrossCheck, PartedCheck, ValueCheck } from './types';

export const CHECKS: readonly (Check | PartedCheck | CrossCheck | ValueCheck)[] = [
  programRequired, planningContent, codelists, ocidPrefix, projectIdPrefix, rfc, partyReferences, duplicateIds,
  periodOrder, stageDateOrder, futureDates, valueCurrency, contractValue, budgetZero, awardReference, budgetBreakdownTotal,
  procurementMethod, procurementCategory, documentStage, coordinatesMexico, projectStatus, projectStageOrder, projectStagePeriod, contractingProcessLink, modificationRelease,
  // The program's rules added by issue 18 (rules.md; links; hidden text).
  amountSign, publicAuthority, partyIdentity, postalCode, dateOrderDocuments, documentStatus, keyDocuments,
  urlScheme, textLimits, storedSize, invisibleCharacters,
  // Contact e-mails the schema does not check (ContactPoint.email has no format in OCDS 1.1.5 nor OC4IDS 0.9.5).
  contactEmail,
  // Personal data typed into a free text, which the privacy filter cannot withhold (LGPDPPSO; R-26).
  personalDataText, withheldPartyData,
  // The budget key (issue 18 item 2: budget lines extension, rules.md R-35).
  budgetLineId,
  // Avance físico y financiero (issue 18 item 3: OC4IDS project metrics).
  progressRange,
  // What the CoST IDS asks of the project at its stage and it does not publish yet (info: the program does not require it).
  costIdsMissing,
];

export type { Check, CheckContext, CrossCheck, Doc, PartedCheck, ValidateSettings, ValueCheck, Visit } from './types';
